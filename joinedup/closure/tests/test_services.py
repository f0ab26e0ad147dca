"""C11 closing a case through the service: what ends, what is refused, who is told, retention."""

from datetime import UTC, date, datetime

import pytest

from joinedup.access import policy
from joinedup.allocation.choices import WorkerRelationship
from joinedup.allocation.models import Allocation
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.closure import services
from joinedup.closure.defaults import DEFAULT_REASONS
from joinedup.closure.models import Closure, ClosureReason
from joinedup.core.rules import RuleViolations
from joinedup.duties import services as duty_services
from joinedup.duties.choices import DutyStatus
from joinedup.duties.models import Duty
from joinedup.notifications.models import Notification
from joinedup.organisations.choices import JobRole, Sector
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory
from joinedup.people.choices import EhcPlanStatus, LegalStatus
from joinedup.people.models import Child
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership
from joinedup.teams.tests.factories import TeamMembershipFactory
from joinedup.transfers.services import propose_transfer

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def reasons(world):
    """The area's closure reasons, as closing a case there loads them the first time."""
    return {r.code: r for r in services.load_default_reasons(area=world.area, by=None, now=NOW)}


@pytest.fixture
def allocation(world):
    return Allocation.objects.create(
        child=world.child,
        hub=world.hub.hub,
        practitioner=world.key_worker,
        relationship=WorkerRelationship.ALLOCATED,
        start_date=date(2026, 1, 5),
        decided_by=world.manager.user,
        decided_at=NOW,
    )


@pytest.fixture
def sen_officer(world):
    send = OrganisationFactory(area=world.area, name="Northshire Council SEND", sector=Sector.EDUCATION)
    officer = PractitionerFactory(organisation=send, job_role=JobRole.SEN_OFFICER)
    TeamMembershipFactory(
        child=world.child, practitioner=officer, role_in_team="SEN officer", added_by=world.manager.user
    )
    return officer


def _close(world, code="MOVED_AREA", **changes):
    arguments = {
        "child": world.child,
        "reason": ClosureReason.objects.get(area=world.area, code=code),
        "closed_on": TODAY,
        "note": "The family moved to Southshire; their new council has the records.",
        "by": world.manager.user,
        "now": NOW,
        "today": TODAY,
    }
    return services.close_case(**(arguments | changes))


def _nothing_closed(world):
    child = Child.objects.get(pk=world.child.pk)
    return (
        Closure.objects.count() == 0
        and child.holding_team_id == world.hub.pk
        and TeamMembership.objects.current().filter(child=child).count() == 2
        and KeyWorkerAssignment.objects.current().filter(child=child).exists()
    )


def test_r_c11_closing_ends_allocations_team_places_key_worker_and_the_holding_team(world, allocation):
    duty_services.bring_up_to_date(children=[world.child], today=TODAY, now=NOW)
    assert Duty.objects.open().filter(child=world.child).exists()
    closure = _close(world)
    assert not Duty.objects.open().filter(child=world.child).exists()  # "ends ... all open work" (C11)
    assert Duty.objects.filter(child=world.child, status=DutyStatus.CANCELLED).exists()

    allocation.refresh_from_db()
    assert allocation.end_date == TODAY
    assert not Allocation.objects.current().filter(child=world.child).exists()
    ended = TeamMembership.objects.filter(child=world.child, end_date=TODAY)
    assert ended.count() == 2
    assert set(ended.values_list("end_reason", flat=True)) == {"Case closed: The family moved to another area"}
    assert not TeamMembership.objects.current().filter(child=world.child).exists()
    assert KeyWorkerAssignment.objects.get(child=world.child).end_date == TODAY
    assert Child.objects.get(pk=world.child.pk).holding_team is None
    assert closure.retain_until == date(2040, 6, 1)  # the 25th birthday
    event = AuditEvent.objects.get(subject_id=str(closure.pk))
    assert event.action == AuditAction.ENDED
    assert event.changes["allocations_ended"] == 1
    assert event.changes["team_members_ended"] == 2
    assert AuditEvent.objects.filter(subject_id=str(allocation.pk), action=AuditAction.ENDED).exists()
    # The case is closed to everyone who held it.
    for person in (world.manager, world.key_worker, world.team_member):
        assert not policy.visible_children(person.user).filter(pk=world.child.pk).exists()


def test_r_c11_open_a_second_closure_is_refused(world):
    _close(world)
    with pytest.raises(RuleViolations) as exc:
        _close(world, closed_on=TODAY)
    assert [v.rule for v in exc.value.violations] == ["C11-OPEN"]
    assert "already closed" in str(exc.value)
    assert Closure.objects.count() == 1


def test_r_c11_open_a_case_on_the_transfer_list_does_not_close(world):
    propose_transfer(
        child=world.child, to_hub=world.other_hub.hub, reason="Risk reduced", by=world.manager.user, now=NOW
    )
    with pytest.raises(RuleViolations) as exc:
        _close(world)
    assert "Complete or withdraw the transfer first" in str(exc.value)
    assert _nothing_closed(world)


def test_r_c11_date_closing_before_a_place_in_the_team_began_is_refused(world):
    with pytest.raises(RuleViolations) as exc:
        _close(world, closed_on=date(2026, 1, 4))  # the team places began on 5 January 2026
    assert "on or after 5 January 2026" in str(exc.value)
    assert _nothing_closed(world)


def test_r_c11_reason_switched_off_is_refused(world):
    ClosureReason.objects.filter(code="OTHER").update(active=False)
    with pytest.raises(RuleViolations) as exc:
        _close(world, code="OTHER")
    assert [v.field for v in exc.value.violations] == ["reason"]
    assert _nothing_closed(world)


def test_r_c11_sen_officer_is_told_when_the_child_has_an_ehc_plan(world, sen_officer):
    Child.objects.filter(pk=world.child.pk).update(ehc_plan_status=EhcPlanStatus.PLAN)
    closure = _close(world, code="NOT_NEEDED")

    [message] = Notification.objects.all()
    assert message.recipient == sen_officer.user
    assert message.child_id == world.child.pk
    assert world.child.local_id in message.subject
    assert "closing to social care" in message.subject
    assert world.child.family_name not in message.subject + message.body  # e-mailed: no name
    assert closure.sen_officers_told == 1
    # Found before the places ended: the officer's place ended with everyone else's.
    assert not TeamMembership.objects.current().filter(practitioner=sen_officer).exists()


def test_r_c11_sen_nobody_is_told_without_an_ehc_plan(world, sen_officer):
    Child.objects.filter(pk=world.child.pk).update(ehc_plan_status=EhcPlanStatus.ASSESSING)
    closure = _close(world)
    assert not Notification.objects.exists()
    assert closure.sen_officers_told == 0


def test_r_c11_closure_and_its_message_roll_back_together(world, sen_officer, monkeypatch):
    Child.objects.filter(pk=world.child.pk).update(ehc_plan_status=EhcPlanStatus.PLAN)

    def broken_notify(**kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(services, "notify", broken_notify)
    with pytest.raises(RuntimeError):
        _close(world)
    assert Closure.objects.count() == 0
    assert TeamMembership.objects.current().filter(child=world.child).count() == 3
    assert Child.objects.get(pk=world.child.pk).holding_team_id == world.hub.pk


@pytest.mark.parametrize(
    ("born", "code", "legal_status", "expected"),
    [
        (date(2012, 2, 29), "TURNED_18", LegalStatus.CHILD_IN_NEED, date(2037, 3, 1)),  # leap-day birth
        (date(2015, 6, 1), "DIED", LegalStatus.CHILD_IN_NEED, date(2041, 11, 23)),  # 15 years after closure
        (date(2015, 6, 1), "NOT_WANTED", LegalStatus.LOOKED_AFTER, date(2090, 6, 1)),  # 75th birthday
    ],
)
def test_r_c11_retention_date_is_set_from_the_reason_and_the_child(world, born, code, legal_status, expected):
    Child.objects.filter(pk=world.child.pk).update(date_of_birth=born, legal_status=legal_status)
    world.child.refresh_from_db()
    assert _close(world, code=code).retain_until == expected


def test_r_c11_reason_defaults_are_loaded_once_for_each_area(world):
    loaded = {
        r.code: (r.label, r.retention_from, r.retention_years, r.active)
        for r in ClosureReason.objects.filter(area=world.area)
    }
    assert loaded == {code: (label, start, years, True) for code, (label, start, years) in DEFAULT_REASONS.items()}
    ClosureReason.objects.filter(area=world.area, code="DIED").update(retention_years=20)
    services.load_default_reasons(area=world.area, by=None, now=NOW)  # fills gaps, never overwrites a change
    assert ClosureReason.objects.filter(area=world.area).count() == len(DEFAULT_REASONS)
    assert ClosureReason.objects.get(area=world.area, code="DIED").retention_years == 20
    other_area = world.other_area_practitioner.organisation.area
    services.load_default_reasons(area=other_area, by=None, now=NOW)
    assert ClosureReason.objects.get(area=other_area, code="DIED").retention_years == 15  # its own list


def test_r_c11_reason_a_reason_of_another_area_is_refused(world):
    other_area = world.other_area_practitioner.organisation.area
    theirs = {r.code: r for r in services.load_default_reasons(area=other_area, by=None, now=NOW)}
    with pytest.raises(RuleViolations) as exc:
        _close(world, reason=theirs["MOVED_AREA"])
    assert [(v.rule, v.field) for v in exc.value.violations] == [("C11-REASON", "reason")]
    assert _nothing_closed(world)
