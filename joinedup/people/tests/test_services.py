"""Changes to the child's record: audited, validated, never overwriting each other (A1-A3, G3, G5)."""

from datetime import UTC, date, datetime

import pytest

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.people import services
from joinedup.people.models import AllAboutMe, Child

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def test_r_a2_all_about_me_is_saved_in_the_child_words_and_audited(world):
    me = services.update_all_about_me(
        child=world.child,
        values={"about_me": "I love the swings"},
        expected_version=0,
        by=world.key_worker.user,
        now=NOW,
    )
    assert me.about_me == "I love the swings"
    assert me.version == 1
    event = AuditEvent.objects.get(child=world.child, action=AuditAction.UPDATED)
    assert event.user == world.key_worker.user
    assert event.changes == {"fields": ["about_me"]}


def test_r_g5_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept(world):
    # Both editors opened version 0; the first save wins, the second must not overwrite it.
    services.update_all_about_me(
        child=world.child, values={"likes": "Music"}, expected_version=0, by=world.key_worker.user, now=NOW
    )
    with pytest.raises(EditConflict):
        services.update_all_about_me(
            child=world.child, values={"likes": "Swimming"}, expected_version=0, by=world.team_member.user, now=NOW
        )
    assert AllAboutMe.objects.get(child=world.child).likes == "Music"


def test_r_a3_communication_profile_conflict_is_refused_too(world):
    services.update_communication_profile(
        child=world.child,
        values={"what_works": "Short sentences"},
        expected_version=0,
        by=world.key_worker.user,
        now=NOW,
    )
    with pytest.raises(EditConflict):
        services.update_communication_profile(
            child=world.child, values={"what_works": "Pictures"}, expected_version=0, by=world.manager.user, now=NOW
        )


def _details(child, **changes):
    fields = {f: getattr(child, f) for f in services.CHILD_DETAIL_FIELDS}
    return fields | changes


def test_r_a1_bad_nhs_number_is_refused_and_nothing_is_stored(world):
    before = Child.objects.get(pk=world.child.pk)
    with pytest.raises(RuleViolations) as exc:
        services.update_child_details(
            child=world.child,
            details=_details(before, nhs_number="9434765918", given_name="Changed"),
            needs=[],
            expected_version=1,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    assert [v.rule for v in exc.value.violations] == ["A1-NHS"]
    after = Child.objects.get(pk=world.child.pk)
    assert (after.given_name, after.nhs_number, after.version) == (before.given_name, before.nhs_number, 1)
    assert after.needs.count() == 2


def test_r_a1_future_date_of_birth_is_refused(world):
    with pytest.raises(RuleViolations) as exc:
        services.update_child_details(
            child=world.child,
            details=_details(world.child, date_of_birth=date(2027, 1, 1)),
            needs=[],
            expected_version=1,
            by=world.manager.user,
            now=NOW,
            today=TODAY,
        )
    assert exc.value.violations[0].field == "date_of_birth"


def test_r_a1_details_and_needs_change_together_and_diagnosis_is_never_required(world):
    child = services.update_child_details(
        child=world.child,
        details=_details(world.child, nhs_number="943 476 5919", diagnosis=""),
        needs=["SENSORY_IMPAIRMENT"],
        expected_version=1,
        by=world.manager.user,
        now=NOW,
        today=TODAY,
    )
    assert child.nhs_number == "9434765919"
    assert list(child.needs.values_list("need", flat=True)) == ["SENSORY_IMPAIRMENT"]
    assert child.version == 2
