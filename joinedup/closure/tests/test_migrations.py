"""Migration 0004: every existing area gets its own copy of the closure reasons; past closures keep
their reason's wording and the retention date they were given."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from joinedup.closure.models import Closure, ClosureReason
from joinedup.organisations.tests.factories import AreaFactory, UserFactory
from joinedup.people.tests.factories import ChildFactory

BEFORE = ("closure", "0003_closure_reason_area_and_version")


@pytest.mark.django_db(transaction=True)
def test_r_c11_reason_edit_each_area_gets_its_own_copy_and_past_closures_keep_their_dates():
    north, south = AreaFactory(name="Northshire"), AreaFactory(name="Southshire")
    children = {area.name: ChildFactory(area=area) for area in (north, south)}
    closer = UserFactory(area=north)
    call_command("migrate", *BEFORE, verbosity=0)
    try:
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        OldReason, OldClosure = old.get_model("closure", "ClosureReason"), old.get_model("closure", "Closure")  # noqa: N806
        OldReason.objects.all().delete()
        shared = OldReason.objects.create(
            code="MOVED_AREA", label="Moved away (edited)", retention_from="DATE_OF_BIRTH", retention_years=30
        )
        OldReason.objects.create(code="DIED", label="The child died", retention_from="CLOSURE", retention_years=15)
        for name, child in children.items():
            OldClosure.objects.create(
                child_id=child.pk,
                reason=shared,
                closed_on=date(2020, 1, 1),
                note=f"Closed in {name}",
                retain_until=date(2040, 1, 1),
                closed_by_id=closer.pk,
                closed_at=timezone.now(),
            )
    finally:
        call_command("migrate", verbosity=0)  # forward again, with anything that depends on closure

    assert not ClosureReason.objects.filter(area__isnull=True).exists()
    for area in (north, south):
        mine = {r.code: r for r in ClosureReason.objects.filter(area=area)}
        assert set(mine) == {"MOVED_AREA", "DIED"}
        assert (mine["MOVED_AREA"].label, mine["MOVED_AREA"].retention_years) == ("Moved away (edited)", 30)
        closure = Closure.objects.get(child=children[area.name])
        assert closure.reason == mine["MOVED_AREA"]  # its own area's copy
        assert closure.retain_until == date(2040, 1, 1)
