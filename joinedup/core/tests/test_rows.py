"""Hand-written reads return the same values on SQLite and PostgreSQL (the suite runs on both)."""

import datetime as dt
import uuid

import pytest

from joinedup.core.rows import aware, fetch, uuid_of, uuid_or_none
from joinedup.people.choices import Need
from joinedup.people.models import ChildNeed
from joinedup.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_a_uuid_parameter_finds_its_row_and_the_id_comes_back_as_a_uuid():
    child = ChildFactory(given_name="Amara")
    rows = fetch("SELECT id, given_name FROM people_child WHERE id = %s", [child.pk])
    assert [(uuid_of(rows[0][0]), rows[0][1])] == [(child.pk, "Amara")]
    assert fetch("SELECT id FROM people_child WHERE id = %s", [uuid.uuid4()]) == []


def test_a_choice_parameter_is_sent_as_its_code():
    child = ChildFactory(needs=[Need.AUTISM_COMMUNICATION, Need.COMPLEX_HEALTH])
    rows = fetch("SELECT need FROM people_childneed WHERE child_id = %s AND need = %s", [child.pk, Need.COMPLEX_HEALTH])
    assert rows == [("COMPLEX_HEALTH",)]
    assert ChildNeed.objects.filter(child=child).count() == 2


def test_dates_come_back_as_dates_and_an_aware_time_compares_as_the_orm_would():
    child = ChildFactory(date_of_birth=dt.date(2014, 2, 28))
    stored = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 June in London
    child.all_about_me.updated_at = stored
    child.all_about_me.save()
    (born,) = fetch("SELECT date_of_birth FROM people_child WHERE id = %s", [child.pk])[0]
    assert born == dt.date(2014, 2, 28)
    (updated,) = fetch("SELECT updated_at FROM people_allaboutme WHERE child_id = %s", [child.pk])[0]
    assert aware(updated) == stored
    later = dt.datetime(2026, 6, 2, 0, 45, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # 23:45 UTC
    earlier = dt.datetime(2026, 6, 1, 23, 15, tzinfo=dt.UTC)
    query = "SELECT count(*) FROM people_allaboutme WHERE child_id = %s AND updated_at < %s"
    assert fetch(query, [child.pk, later]) == [(1,)]
    assert fetch(query, [child.pk, earlier]) == [(0,)]


def test_uuid_of_reads_both_databases_forms_and_uuid_or_none_keeps_an_empty_column_empty():
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert uuid_of(value) is value
    assert uuid_of(value.hex) == value
    assert uuid_or_none(None) is None
    assert uuid_or_none(value.hex) == value
