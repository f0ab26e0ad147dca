"""B6: start, read, complete and cancel a handover; who is told; the old person kept until completion."""

import pytest
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.handovers import selectors, services
from joinedup.handovers.choices import HandoverStatus
from joinedup.handovers.models import Handover
from joinedup.handovers.tests.factories import give_open_work
from joinedup.notifications.models import Notification
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

pytestmark = pytest.mark.django_db

REASON = "The child asked for her: she signs and knows the family from the short breaks service"


def _start(world, *, new=None, old=None, by=None, leaves=False, reason=REASON):
    return services.start_handover(
        child=world.child,
        old=old or world.key_worker,
        new=new or world.same_org_outsider,
        reason=reason,
        old_leaves_team=leaves,
        by=by or world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )


def _read(handover, world, by=None):
    return services.confirm_handover_read(handover=handover, by=by or handover.to_practitioner.user, now=timezone.now())


def _complete(handover, world, by=None):
    return services.complete_handover(
        handover=handover, by=by or world.manager.user, now=timezone.now(), today=timezone.localdate()
    )


def test_r_b6_start_takes_the_summary_and_keeps_the_old_person_until_completion(world):
    today = timezone.localdate()
    give_open_work(world, today)
    before = selectors.open_items_of(world.child, world.key_worker)

    handover = _start(world)

    assert handover.status == HandoverStatus.STARTED
    assert handover.is_key_worker
    assert handover.summary["holds"] == {"actions": 2, "meetings": 1, "duties": before.duties}
    assert {a["what"] for a in handover.summary["actions"]} == {"Book respite", "Ask the OT"}
    # B6-KEEP: nothing has moved; the new person joined the team so they can read the record.
    assert selectors.open_items_of(world.child, world.key_worker) == before
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker
    assert handover.new_joined_team
    assert TeamMembership.objects.current().filter(child=world.child, practitioner=world.same_org_outsider).exists()
    assert Notification.objects.filter(recipient=world.same_org_outsider.user, child=world.child).count() == 1
    assert AuditEvent.objects.filter(subject_id=str(handover.pk), what__startswith="Started handing over").exists()


def test_r_b6_complete_needs_the_summary_read_by_the_new_person_only(world):
    give_open_work(world, timezone.localdate())
    handover = _start(world)
    with pytest.raises(RuleViolations, match="must confirm they have read"):
        _complete(handover, world)
    with pytest.raises(RuleViolations, match="Only the person taking over"):
        _read(handover, world, by=world.manager.user)
    read = _read(handover, world)
    assert (read.status, read.read_by) == (HandoverStatus.READ, world.same_org_outsider.user)
    with pytest.raises(RuleViolations, match="not waiting"):
        _read(read, world)


def test_r_b6_complete_moves_everything_tells_everyone_and_records_the_counts(world):
    give_open_work(world, timezone.localdate())
    old_before = selectors.open_items_of(world.child, world.key_worker)
    handover = _read(_start(world, leaves=True), world)
    Notification.objects.all().delete()

    done = _complete(handover, world)

    assert done.status == HandoverStatus.COMPLETED
    assert done.completed_by == world.manager.user
    counts = done.counts
    assert counts["old_before"] == {"actions": 2, "meetings": 1, "duties": old_before.duties}
    assert counts["old_after"] == {"actions": 0, "meetings": 0, "duties": 0}
    assert counts["new_after"] == counts["old_before"]
    new = selectors.open_items_of(world.child, world.same_org_outsider)
    assert new.is_key_worker
    assert (new.actions, new.meetings, new.duties) == (2, 1, old_before.duties)
    # The old person left the team, as decided at the start.
    assert not TeamMembership.objects.current().filter(child=world.child, practitioner=world.key_worker).exists()
    told = set(Notification.objects.filter(child=world.child).values_list("recipient_id", flat=True))
    assert told == {
        world.young_person.pk,
        world.parent.pk,
        world.key_worker.user.pk,
        world.team_member.user.pk,
        world.same_org_outsider.user.pk,
    }
    assert AuditEvent.objects.filter(subject_id=str(done.pk), what__startswith="Completed the handover").exists()
    with pytest.raises(RuleViolations, match="already finished"):
        _complete(done, world)


def test_r_b6_reason_for_a_new_key_worker_is_not_only_the_same_job(world):
    with pytest.raises(RuleViolations) as refused:
        _start(world, reason="Same job as the last one")
    assert {v.rule for v in refused.value.violations} == {"B3-NOT-SAME-JOB"}
    # Another key practitioner (not the key worker): B3 does not apply, a reason still does.
    assert not _start(world, old=world.team_member, reason="Same job as the last one").is_key_worker
    with pytest.raises(RuleViolations) as empty:
        _start(world, old=world.team_member, new=world.manager, reason=" ")
    assert {v.rule for v in empty.value.violations} == {"B6-REASON", "B6-ONE-OPEN"}


def test_r_b6_one_open_handover_per_child_and_old_person(world):
    _start(world)
    with pytest.raises(RuleViolations) as refused:
        _start(world, new=world.team_member)
    assert {v.rule for v in refused.value.violations} == {"B6-ONE-OPEN"}
    assert Handover.objects.count() == 1


def test_r_b6_new_person_is_someone_else_in_the_area_and_from_holds_something(world):
    for new in (world.key_worker, world.other_area_practitioner):
        with pytest.raises(RuleViolations) as refused:
            _start(world, new=new)
        assert {v.rule for v in refused.value.violations} == {"B6-NEW-PERSON"}
    with pytest.raises(RuleViolations) as nothing:
        _start(world, old=world.ended_member)
    assert {v.rule for v in nothing.value.violations} == {"B6-FROM"}


def test_r_b6_cancel_moves_nothing_and_the_new_person_leaves_the_team_again(world):
    give_open_work(world, timezone.localdate())
    before = selectors.open_items_of(world.child, world.key_worker)
    handover = _start(world)
    with pytest.raises(RuleViolations, match="Enter why"):
        services.cancel_handover(
            handover=handover, reason="", by=world.manager.user, now=timezone.now(), today=timezone.localdate()
        )
    cancelled = services.cancel_handover(
        handover=handover,
        reason="She is off sick",
        by=world.key_worker.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    assert (cancelled.status, cancelled.cancel_reason) == (HandoverStatus.CANCELLED, "She is off sick")
    assert selectors.open_items_of(world.child, world.key_worker) == before
    assert not TeamMembership.objects.current().filter(child=world.child, practitioner=world.same_org_outsider).exists()
    _start(world)  # a new handover from the same person may start again
