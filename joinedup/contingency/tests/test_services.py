"""B7 contingency plan services: naming cover, marking someone inactive (the test "contingency on
deactivation") or active again. Each writes its audit rows and tells people in one transaction."""

import datetime as dt

import pytest
from django.utils import timezone

from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.audit.models import AuditEvent
from joinedup.contingency import selectors, services
from joinedup.contingency.choices import AbsenceKind
from joinedup.contingency.models import ContingencyFlag, Cover
from joinedup.contingency.tests.factories import key_worked_child, name_cover
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.duties import services as duties
from joinedup.handovers import selectors as handover_selectors
from joinedup.meetings.tests.factories import MeetingFactory
from joinedup.notifications.models import Notification
from joinedup.organisations.models import Practitioner
from joinedup.plans.choices import PlanStatus
from joinedup.plans.tests.factories import ActionFactory, OutcomeFactory, PlanFactory
from joinedup.teams import services as team_services
from joinedup.teams.models import KeyWorkerAssignment

pytestmark = pytest.mark.django_db


def _give_open_work(child, practitioner):
    plan = PlanFactory(child=child, status=PlanStatus.CURRENT)
    ActionFactory(outcome=OutcomeFactory(plan=plan), responsible_practitioner=practitioner, responsible_other="")
    MeetingFactory(child=child, organiser=practitioner)
    duties.bring_up_to_date(children=[child], today=timezone.localdate(), now=timezone.now())


def _mark(world, practitioner=None, kind=AbsenceKind.SICK_LEAVE, note=""):
    return services.mark_inactive(
        practitioner=practitioner or world.key_worker,
        kind=kind,
        from_date=timezone.localdate(),
        note=note,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )


def _three_children(world):
    children = [world.child, key_worked_child(world), key_worked_child(world)]
    for child in children:
        _give_open_work(child, world.key_worker)
    return children


def test_r_b7_flag_contingency_on_deactivation(world):
    """Deactivating a key worker with three children flags all three at once; the cover becomes key
    worker of each and owns their open items; the absent person owns nothing open."""
    children = _three_children(world)
    cover = world.same_org_outsider
    name_cover(world, cover)
    before = {c.pk: handover_selectors.open_items_of(c, world.key_worker) for c in children}
    assert all(b.actions == 1 and b.meetings == 1 for b in before.values())

    done = _mark(world)

    assert sorted(f.child_id for f in done.flags) == sorted(c.pk for c in children)
    assert len({f.raised_at for f in done.flags}) == 1  # at once
    for child in children:
        flag = ContingencyFlag.objects.open().get(child=child)
        assert (flag.absent, flag.cover, flag.kind) == (world.key_worker, cover, AbsenceKind.SICK_LEAVE)
        current = KeyWorkerAssignment.objects.current().get(child=child)
        assert current.practitioner == cover
        assert flag.key_worker_assignment == current
        assert "contingency plan" in current.reason
        absent = handover_selectors.open_items_of(child, world.key_worker)
        assert absent.total == 0
        assert not absent.is_key_worker
        now_cover = handover_selectors.open_items_of(child, cover)
        assert (now_cover.actions, now_cover.meetings) == (1, 1)
        assert now_cover.is_key_worker
    world.key_worker.refresh_from_db()
    assert not world.key_worker.is_active
    assert world.key_worker.user.is_active  # a long absence keeps the account: they come back
    # Told: the managers of each case, the cover, and the family.
    assert Notification.objects.filter(recipient=cover.user, subject__startswith="You are covering").count() == 1
    assert Notification.objects.filter(recipient=world.parent, child=world.child).count() == 1
    assert cover.full_name in Notification.objects.get(recipient=world.parent, child=world.child).body
    managers = Notification.objects.filter(recipient__role="TEAM_MANAGER").exclude(recipient=world.manager.user)
    assert managers.count() == 0  # the manager acting is not told what they just did
    assert AuditEvent.objects.filter(subject_type="contingency.ContingencyFlag").count() == 3
    assert AuditEvent.objects.filter(subject_type="contingency.Absence").count() == 1


def test_r_b7_flag_with_no_cover_children_are_flagged_uncovered_and_managers_told(world):
    children = [world.child, key_worked_child(world)]
    other_manager = Practitioner.objects.get(pk=world.manager.pk)  # the hub's manager, told when another acts
    done = services.mark_inactive(
        practitioner=world.key_worker,
        kind=AbsenceKind.LEFT,
        from_date=timezone.localdate(),
        note="Moved to another council",
        by=world.same_org_outsider.user,  # a colleague's action would be refused in the view; the service trusts
        now=timezone.now(),
        today=timezone.localdate(),
    )

    assert len(done.flags) == 2
    assert not any(f.is_covered for f in done.flags)
    for child in children:
        flag = ContingencyFlag.objects.open().get(child=child)
        assert flag.cover is None
        # Nobody took over: the absent person's assignment stays until a manager chooses someone.
        assert flag.key_worker_assignment.practitioner == world.key_worker
        urgent = Notification.objects.get(recipient=other_manager.user, child=child)
        assert urgent.subject.startswith("Urgent:")
        assert urgent.link == f"/children/{child.pk}/key-worker/"
    world.key_worker.user.refresh_from_db()
    assert not world.key_worker.user.is_active  # left the service: no sign-in


def test_r_b7_flag_a_cover_who_is_away_does_not_take_over(world):
    name_cover(world, world.same_org_outsider)
    Practitioner.objects.filter(pk=world.same_org_outsider.pk).update(is_active=False)

    done = _mark(world)

    assert [f.cover for f in done.flags] == [None]


def test_r_b7_flag_closes_when_a_new_key_worker_is_chosen(world):
    name_cover(world, world.same_org_outsider)
    _mark(world)
    assert selectors.open_flag_for(world.child) is not None

    team_services.assign_key_worker(
        child=world.child,
        practitioner=world.team_member,
        reason="The child's main needs are health needs",
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )

    assert selectors.open_flag_for(world.child) is None
    assert ContingencyFlag.objects.filter(child=world.child).count() == 1  # kept as history


def test_r_b7_flag_other_open_work_moves_to_the_cover_without_a_flag(world):
    child = key_worked_child(world, key_worker=world.team_member)
    Allocation.objects.create(
        child=child,
        hub=Hub.objects.get(team=world.hub),
        practitioner=world.key_worker,
        relationship=WorkerRelationship.ALLOCATED,
        start_date=timezone.localdate() - dt.timedelta(days=30),
        decided_by=world.manager.user,
        decided_at=timezone.now(),
    )
    name_cover(world, world.same_org_outsider)

    done = _mark(world)

    assert done.moved == [child]
    assert [f.child for f in done.flags] == [world.child]
    assert Allocation.objects.current().get(child=child).practitioner == world.same_org_outsider
    assert KeyWorkerAssignment.objects.current().get(child=child).practitioner == world.team_member


def test_r_b7_inactive_refuses_someone_already_inactive_and_stores_nothing(world):
    _mark(world)
    before = (AuditEvent.objects.count(), ContingencyFlag.objects.count())
    with pytest.raises(RuleViolations) as refused:
        _mark(world)
    assert [v.rule for v in refused.value.violations] == ["B7-INACTIVE"]
    assert (AuditEvent.objects.count(), ContingencyFlag.objects.count()) == before


def test_r_b7_return_children_stay_with_the_cover(world):
    name_cover(world, world.same_org_outsider)
    _mark(world)

    services.mark_active(practitioner=world.key_worker, note="Back", by=world.manager.user, now=timezone.now())

    world.key_worker.refresh_from_db()
    assert world.key_worker.is_active
    assert selectors.current_absence(world.key_worker) is None
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.same_org_outsider
    assert selectors.open_flag_for(world.child) is not None  # still covered until a new key worker is chosen


def test_r_b7_return_not_after_leaving(world):
    _mark(world, kind=AbsenceKind.LEFT)
    with pytest.raises(RuleViolations):
        services.mark_active(practitioner=world.key_worker, note="", by=world.manager.user, now=timezone.now())


def test_r_b7_cover_named_changed_in_place_with_version_and_audited(world):
    now = timezone.now()
    plan = services.set_cover(
        key_worker=world.key_worker,
        cover=world.same_org_outsider,
        reason="Same hub, knows the families",
        expected_version=None,
        by=world.manager.user,
        now=now,
    )
    assert plan.version == 0
    assert Notification.objects.filter(recipient=world.same_org_outsider.user).count() == 1
    changed = services.set_cover(
        key_worker=world.key_worker,
        cover=world.team_member,
        reason="Knows the child's health needs",
        expected_version=0,
        by=world.manager.user,
        now=now,
    )
    assert (changed.pk, changed.cover, changed.version) == (plan.pk, world.team_member, 1)
    with pytest.raises(EditConflict):
        services.set_cover(
            key_worker=world.key_worker,
            cover=world.same_org_outsider,
            reason="Stale form",
            expected_version=0,
            by=world.manager.user,
            now=now,
        )
    assert AuditEvent.objects.filter(subject_type="contingency.Cover").count() == 2


@pytest.mark.parametrize("who", ["key_worker", "other_area_practitioner"])
def test_r_b7_cover_refuses_themselves_or_someone_elsewhere(world, who):
    with pytest.raises(RuleViolations):
        services.set_cover(
            key_worker=world.key_worker,
            cover=getattr(world, who),
            reason="x",
            expected_version=None,
            by=world.manager.user,
            now=timezone.now(),
        )
    assert not Cover.objects.exists()
