"""The closure reasons pages (C11): for the area's administrators; bad input keeps what was typed."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.accounts.choices import Role
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.closure import services
from joinedup.closure.models import ClosureReason
from joinedup.organisations.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def reasons(world):
    return {r.code: r for r in services.load_default_reasons(area=world.area, by=None, now=timezone.now())}


def _form(reason: ClosureReason, **changes) -> dict[str, str]:
    data = {
        "version": str(reason.version),
        "label": reason.label,
        "active": "yes" if reason.active else "no",
        "retention_from": reason.retention_from,
        "retention_years": str(reason.retention_years),
    }
    return data | changes


def test_r_c11_reason_edit_the_list_loads_the_defaults_the_first_time_and_shows_each_rule(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.administrator)
    body = _body(client.get(reverse("closure:reason-list")))
    assert ClosureReason.objects.filter(area=world.area).count() == 6
    assert "The family moved to another area" in body
    assert "Until the child's 25th birthday" in body
    assert "15 years after the case closed" in body
    assert "6 reasons" in body
    with django_assert_max_num_queries(8):  # loaded once: the next visit only reads
        client.get(reverse("closure:reason-list"))


def test_r_c11_reason_edit_the_list_shows_only_the_areas_own_reasons(client, world, reasons):
    other_area = world.other_area_practitioner.organisation.area
    theirs = services.load_default_reasons(area=other_area, by=None, now=timezone.now())
    client.force_login(world.administrator)
    body = _body(client.get(reverse("closure:reason-list")))
    assert reverse("closure:reason-edit", args=[reasons["DIED"].pk]) in body
    assert all(reverse("closure:reason-edit", args=[r.pk]) not in body for r in theirs)


def test_r_c11_reason_edit_an_administrator_changes_a_reason(client, world, reasons):
    reason = reasons["DIED"]
    url = reverse("closure:reason-edit", args=[reason.pk])
    client.force_login(world.administrator)
    assert "Change a closure reason" in _body(client.get(url))

    response = client.post(url, _form(reason, retention_years="20", active="no"))

    assert response["Location"] == reverse("closure:reason-list")
    reason.refresh_from_db()
    assert (reason.retention_years, reason.active, reason.version) == (20, False, 1)
    event = AuditEvent.objects.get(subject_id=str(reason.pk), action=AuditAction.UPDATED)
    assert event.changes["fields"] == ["retention_years", "active"]
    body = _body(client.get(reverse("closure:reason-list")))
    assert "Cases closed before keep the retention date they were given" in body
    assert "20 years after the case closed" in body


def test_r_c11_reason_edit_a_reason_switched_off_is_not_offered_when_closing(client, world, reasons):
    client.force_login(world.administrator)
    client.post(reverse("closure:reason-edit", args=[reasons["DIED"].pk]), _form(reasons["DIED"], active="no"))
    client.force_login(world.manager.user)
    body = _body(client.get(reverse("closure:case-close", args=[world.child.pk])))
    assert "The family moved to another area" in body
    assert "The child died" not in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"retention_years": "twenty"}, "Years the record is kept must be a whole number, like 25"),
        ({"retention_years": "0"}, "Years the record is kept must be between 1 and 100"),
        ({"retention_years": "10"}, "must be 18 or more when counted from the date of birth"),
        ({"label": ""}, "Enter the reason"),
        ({"retention_from": ""}, "Select when the retention period starts"),
    ],
)
def test_r_c11_reason_edit_bad_input_shows_the_error_summary_keeps_what_was_typed_and_saves_nothing(
    client, world, reasons, changes, message
):
    reason = reasons["MOVED_AREA"]
    client.force_login(world.administrator)
    data = _form(reason, **({"label": "Moved out of the area (typed)"} | changes))
    response = client.post(reverse("closure:reason-edit", args=[reason.pk]), data)

    assert response.status_code == 200
    body = _body(response)
    assert "There is a problem" in body
    assert "<title>Error: " in body
    assert message in body
    if data["label"]:
        assert f'value="{data["label"]}"' in body
    assert f'value="{data["retention_years"]}"' in body
    reason.refresh_from_db()
    assert (reason.label, reason.retention_years, reason.version) == ("The family moved to another area", 25, 0)
    assert not AuditEvent.objects.filter(subject_id=str(reason.pk), action=AuditAction.UPDATED).exists()


def test_r_c11_reason_in_use_switching_off_the_last_reason_is_refused_on_the_page(client, world, reasons):
    ClosureReason.objects.filter(area=world.area).exclude(code="OTHER").update(active=False)
    client.force_login(world.administrator)
    body = _body(
        client.post(reverse("closure:reason-edit", args=[reasons["OTHER"].pk]), _form(reasons["OTHER"], active="no"))
    )
    assert "Keep this reason in use" in body
    assert ClosureReason.objects.get(pk=reasons["OTHER"].pk).active


def test_r_g5_a_save_over_someone_elses_is_refused_and_both_versions_are_shown(client, world, reasons):
    reason = reasons["DIED"]
    url = reverse("closure:reason-edit", args=[reason.pk])
    client.force_login(UserFactory(area=world.area, role=Role.ADMINISTRATOR))
    client.post(url, _form(reason, retention_years="20"))

    client.force_login(world.administrator)
    body = _body(client.post(url, _form(reason, retention_years="30")))

    assert "Someone else saved this reason while you were editing" in body
    assert 'value="30"' in body
    assert "20 years after the case closed" in body
    assert 'name="version" value="1"' in body
    assert ClosureReason.objects.get(pk=reason.pk).retention_years == 20


@pytest.mark.parametrize(
    "persona", ["manager", "operations_manager", "key_worker", "team_member", "commissioner", "parent", "young_person"]
)
def test_r_c11_reason_edit_pages_are_refused_to_everyone_but_administrators(client, world, reasons, persona):
    reason = reasons["DIED"]
    client.force_login(world.personas()[persona])
    assert client.get(reverse("closure:reason-list")).status_code == 403
    assert client.get(reverse("closure:reason-edit", args=[reason.pk])).status_code == 403
    response = client.post(reverse("closure:reason-edit", args=[reason.pk]), _form(reason, retention_years="2"))
    assert response.status_code == 403
    assert ClosureReason.objects.get(pk=reason.pk).retention_years == 15


def test_r_c11_reason_edit_an_administrator_of_another_area_gets_not_found(client, world, reasons):
    reason = reasons["DIED"]
    client.force_login(UserFactory(area=world.other_area_practitioner.organisation.area, role=Role.ADMINISTRATOR))
    assert client.get(reverse("closure:reason-edit", args=[reason.pk])).status_code == 404
    response = client.post(reverse("closure:reason-edit", args=[reason.pk]), _form(reason, retention_years="2"))
    assert response.status_code == 404
    assert ClosureReason.objects.get(pk=reason.pk).retention_years == 15
