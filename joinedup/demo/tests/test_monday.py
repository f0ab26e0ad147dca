"""The demo's Monday morning: every case of the delivery model (CwDT 1, 3 to 8) is in the seeded area,
taken through the real services, where the demo sign-ins will find it; and the same seed and day
always give the same morning."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.audit.models import AuditEvent
from joinedup.closure.models import Closure, ClosureReason
from joinedup.closure.selectors import records_past_retention
from joinedup.consultations.models import Consultation
from joinedup.contingency.models import Cover
from joinedup.core.clock import today as clock_today
from joinedup.core.dates import age_on
from joinedup.demo.area import build_demo_area
from joinedup.demo.cast import Part, Referred, working_day
from joinedup.demo.plan import DemoUser
from joinedup.demo.planner import plan_area
from joinedup.demo.tour import monday_morning_text
from joinedup.disagreements.choices import DisagreementStatus
from joinedup.disagreements.models import Disagreement
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.escalations.selectors import escalation_queues, request_queue
from joinedup.handovers.selectors import open_items_of
from joinedup.meetings.models import Meeting
from joinedup.notifications.models import Notification
from joinedup.people.models import Child
from joinedup.referrals.models import Referral
from joinedup.referrals.selectors import referral_list
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership
from joinedup.transfers import rules as transfer_rules
from joinedup.transfers.models import Transfer, TransferEvent
from joinedup.transfers.selectors import transfer_list

TODAY = date(2026, 3, 2)  # a Monday
MORNING = datetime.combine(TODAY, time(9), tzinfo=UTC)
CHILDREN, SEED = 60, 3
SS, SF, RI = "Safeguarding & Support", "Strengthening Families", "Review & Intervention"
ALL_PARTS = {v for k, v in vars(Part).items() if not k.startswith("_")}


def cast(today: date = TODAY) -> dict[str, Child]:
    """The children playing each part, as the planner chose them for the demo fixture's seed and day."""
    local_ids = plan_area(children=CHILDREN, seed=SEED, today=today).monday.cast
    return {part: Child.objects.get(local_id=local_id) for part, local_id in local_ids.items()}


def user(username: str) -> User:
    return User.objects.get(username=username)


def page(client: Client, username: str, url: str) -> str:
    client.force_login(user(username))
    response = client.get(url)
    assert response.status_code == 200, (username, url, response.status_code)
    return html.unescape(response.content.decode())


@pytest.fixture
def monday(db: None) -> dict[str, Child]:
    build_demo_area(children=CHILDREN, seed=SEED, today=TODAY)
    return cast()


@pytest.fixture
def this_morning(db: None) -> dict[str, Child]:
    """Built for today, so the pages (which read the clock) show the flags a reviewer will see."""
    build_demo_area(children=CHILDREN, seed=SEED, today=clock_today())
    return cast(clock_today())


# ---- the cast ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("children", "seed"), [(750, 1), (750, 2), (750, 7), (CHILDREN, SEED), (200, 5)])
def test_every_part_is_cast_once_in_areas_of_the_demo_size(children: int, seed: int) -> None:
    plan = plan_area(children=children, seed=seed, today=TODAY)
    assert set(plan.monday.cast) == ALL_PARTS
    assert len(set(plan.monday.cast.values())) == len(ALL_PARTS)  # nobody plays two parts
    assert set(plan.monday.referred) == {v for k, v in vars(Referred).items() if not k.startswith("_")}
    protected = {plan.young_person, *plan.families[0].children}
    assert not protected & set(plan.monday.cast.values())


def test_a_full_size_area_gives_the_demo_sign_ins_their_parts() -> None:
    plan = plan_area(children=750, seed=1, today=TODAY)
    team = {(m.child, m.practitioner) for m in plan.memberships if m.end_date is None}  # who is in each child's team
    for part in (Part.SUPPORT_WAITING_LONG, Part.SUPPORT_WAITING, Part.SUPPORT_ATTACHED, Part.JOINT_WORKING):
        assert (plan.monday.cast[part], DemoUser.SOCIAL_WORKER) in team, part
    for part in (Part.CHANGE_IN_NEED, Part.ADVICE_EARLY_HELP):
        assert (plan.monday.cast[part], DemoUser.FAMILY_SUPPORT) in team, part


def test_a_tiny_area_leaves_out_the_parts_nobody_fits() -> None:
    plan = plan_area(children=10, seed=1, today=TODAY)
    assert set(plan.monday.cast) < ALL_PARTS


def test_working_days_skip_the_weekend() -> None:
    assert working_day(TODAY, 0) == TODAY
    assert working_day(TODAY, 1) == date(2026, 2, 27)  # the Friday before
    assert working_day(TODAY, 6) == date(2026, 2, 20)


# ---- 1.2, 3.1: referrals -----------------------------------------------------------------------


@pytest.mark.django_db
def test_r_c1_referrals_wait_for_the_managers_two_from_mash_one_meeting_the_criteria(monday: dict[str, Child]) -> None:
    for username in (DemoUser.TEAM_MANAGER, DemoUser.OPS_MANAGER):
        waiting = [r for r in referral_list(user(username)) if r.status == "RECEIVED"]
        assert len(waiting) == 4, username  # two from MASH, one from health, one sibling referral
        mash = {r.severe: r for r in waiting if r.source == "MASH"}
        assert set(mash) == {True, False}
    assert Referral.objects.count() == 6


@pytest.mark.django_db
def test_r_a4_a_sibling_referral_waits_and_meets_the_threshold_through_the_family(
    client: Client, monday: dict[str, Child]
) -> None:
    referral = Referral.objects.get(sibling_of__isnull=False)
    assert referral.status == "RECEIVED"
    assert referral.sibling_of.holding_team.hub.code == "STRENGTHENING_FAMILIES"
    assert referral.family_name == referral.sibling_of.family_name
    body = page(client, DemoUser.TEAM_MANAGER, reverse("referrals:referral-detail", args=[referral.pk]))
    assert "one family, one social worker (CwDT 1.4)" in body
    assert f"local ID {referral.sibling_of.local_id}" in body


@pytest.mark.django_db
def test_r_c1_the_decision_page_shows_which_criteria_the_mash_referrals_meet(
    client: Client, monday: dict[str, Child]
) -> None:
    mash = {r.severe: r for r in Referral.objects.filter(source="MASH", status="RECEIVED")}
    met = re.compile(r">\s*Met: ")
    client.force_login(user(DemoUser.TEAM_MANAGER))
    meets = client.get(reverse("referrals:referral-detail", args=[mash[True].pk])).content.decode()
    does_not = client.get(reverse("referrals:referral-detail", args=[mash[False].pk])).content.decode()
    assert len(met.findall(meets)) == 2  # learning disability, complex health
    assert not met.findall(does_not)
    body = page(client, DemoUser.TEAM_MANAGER, reverse("referrals:referral-list"))
    assert mash[True].full_name in body
    assert mash[False].full_name in body


@pytest.mark.django_db
def test_r_c1_an_accepted_referral_is_held_by_safeguarding_and_support_for_a_single_assessment(
    monday: dict[str, Child],
) -> None:
    accepted = Referral.objects.get(status="ACCEPTED")
    assert accepted.child is not None
    assert accepted.child.holding_team is not None
    assert accepted.child.holding_team.name == SS
    assert accepted.criteria_met
    # Waiting for a social worker: nobody is allocated yet, and the S&S managers were told.
    assert not Allocation.objects.filter(child=accepted.child).exists()
    assert Notification.objects.filter(
        recipient__username=DemoUser.TEAM_MANAGER, subject="Referral accepted: single assessment needed"
    ).exists()
    refused = Referral.objects.get(status="NOT_ACCEPTED")
    assert refused.child is None
    assert "Signposted" in refused.decision_reason
    assert refused.criteria_met == []


# ---- 6.2: the transfer list --------------------------------------------------------------------


@pytest.mark.django_db
def test_r_c7_the_team_manager_sees_each_step_on_the_transfer_list(monday: dict[str, Child]) -> None:
    listed = {t.child_id: t for t in transfer_list(user(DemoUser.TEAM_MANAGER))}
    parts = (Part.STEP_DOWN_PREPARING, Part.NOT_AGREED, Part.CAPACITY_DELAY, Part.NOT_REVIEWED)
    assert set(listed) == {monday[p].pk for p in parts}
    preparing = listed[monday[Part.STEP_DOWN_PREPARING].pk]
    assert (preparing.status, preparing.from_hub.team.name, preparing.to_hub.team.name) == ("AGREED", SS, SF)
    assert preparing.timescale_date is not None
    assert preparing.timescale_date > TODAY
    assert preparing.family_told_on is not None
    assert preparing.family_told_on < TODAY
    assert not preparing.recording_confirmed  # left for the reviewer to confirm
    assert listed[monday[Part.NOT_AGREED].pk].status == "ESCALATED"
    assert listed[monday[Part.CAPACITY_DELAY].pk].delayed_by_capacity
    flagged = [t for t in listed.values() if transfer_rules.not_reviewed_for(t.last_reviewed_at, now=MORNING)]
    assert [t.child_id for t in flagged] == [monday[Part.NOT_REVIEWED].pk]
    assert (flagged[0].from_hub.team.name, flagged[0].to_hub.team.name, flagged[0].status) == (SF, SS, "PROPOSED")


@pytest.mark.django_db
def test_r_c7_the_operations_manager_sees_every_transfer_and_the_step_down_to_review(
    monday: dict[str, Child],
) -> None:
    listed = {t.child_id: t for t in transfer_list(user(DemoUser.OPS_MANAGER))}
    assert len(listed) == 5
    to_review = listed[monday[Part.STEP_DOWN_TO_REVIEW].pk]
    assert (to_review.status, to_review.from_hub.team.name, to_review.to_hub.team.name) == ("PROPOSED", SF, RI)


@pytest.mark.django_db
def test_r_c7_every_step_went_through_the_state_machine_and_was_recorded(monday: dict[str, Child]) -> None:
    steps = list(
        TransferEvent.objects.filter(transfer__child=monday[Part.STEP_DOWN_PREPARING])
        .order_by("at")
        .values_list("step", "by__username")
    )
    assert [s for s, _ in steps] == ["PROPOSE", "AGREE", "SET_TIMESCALE", "FAMILY_TOLD"]
    assert steps[0][1] == DemoUser.TEAM_MANAGER
    for transfer in Transfer.objects.all():
        assert AuditEvent.objects.filter(subject_id=str(transfer.pk)).count() == transfer.events.count()


@pytest.mark.django_db
def test_r_c7_pages_flag_the_item_not_reviewed_for_a_week_and_the_capacity_delay(
    client: Client, this_morning: dict[str, Child]
) -> None:
    body = page(client, DemoUser.TEAM_MANAGER, reverse("transfers:transfer-list"))
    assert "4 open transfers" in body
    assert len(re.findall(r"Not reviewed for \d+ days", body)) == 1
    assert body.count("Delayed by capacity") == 1
    assert this_morning[Part.NOT_REVIEWED].full_name in body
    assert this_morning[Part.STEP_DOWN_TO_REVIEW].full_name not in body  # SF to R&I: not the S&S manager's
    body = page(client, DemoUser.OPS_MANAGER, reverse("transfers:transfer-list"))
    assert "5 open transfers" in body
    assert "Not agreed: with the operations manager" in body


@pytest.mark.django_db
def test_r_c7_the_operations_manager_decides_the_transfer_that_was_not_agreed(
    client: Client, this_morning: dict[str, Child]
) -> None:
    transfer = Transfer.objects.get(child=this_morning[Part.NOT_AGREED])
    url = reverse("transfers:transfer-detail", args=[transfer.pk])
    body = page(client, DemoUser.OPS_MANAGER, url)
    assert "Operations manager decided: transfer" in body
    assert "Incoming manager did not agree: escalated" in body  # the history
    response = client.post(url, {"step": "DECIDE_TRANSFER", "note": "Transfer at the next review."})
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "AGREED"


# ---- 6.3: escalations --------------------------------------------------------------------------


@pytest.mark.django_db
def test_r_c8_the_duty_queue_holds_a_safeguarding_concern_about_a_child_in_review_and_intervention(
    monday: dict[str, Child],
) -> None:
    queues = escalation_queues(user(DemoUser.TEAM_MANAGER))
    assert [(e.child_id, e.kind) for e in queues.duty_queue] == [
        (monday[Part.CONCERN_IN_REVIEW].pk, "SAFEGUARDING_CONCERN")
    ]
    concern = queues.duty_queue[0]
    assert concern.from_hub is not None
    assert concern.from_hub.team.name == RI
    assert concern.raised_by.practitioner.teams.filter(name=RI).exists()  # raised by the R&I worker


@pytest.mark.django_db
def test_r_c8_a_change_in_need_waits_for_the_strengthening_families_team_manager(monday: dict[str, Child]) -> None:
    change = Escalation.objects.get(child=monday[Part.CHANGE_IN_NEED])
    assert (change.kind, change.status, change.is_time_limited) == ("CHANGE_IN_NEED", "WITH_MANAGER", False)
    assert change.to_hub is not None
    assert change.to_hub.team.name == SF
    assert change in escalation_queues(user(DemoUser.OPS_MANAGER)).to_decide


@pytest.mark.django_db
def test_r_c8_one_escalation_was_decided_with_joint_working_until_a_date(monday: dict[str, Child]) -> None:
    decided = Escalation.objects.get(status="DECIDED")
    assert decided.child_id == monday[Part.JOINT_WORKING].pk
    assert decided.outcome == "JOINT_WORKING"
    assert decided.joint_working_until is not None
    assert decided.joint_working_until > TODAY
    assert decided.decided_by is not None
    assert decided.decided_by.username == DemoUser.TEAM_MANAGER


@pytest.mark.django_db
def test_r_c8_the_duty_queue_page_names_the_child_and_the_hub_holding_them(
    client: Client, this_morning: dict[str, Child]
) -> None:
    body = page(client, DemoUser.TEAM_MANAGER, reverse("escalations:escalation-list"))
    duty = body.split("Safeguarding & Support duty queue")[1]
    assert this_morning[Part.CONCERN_IN_REVIEW].full_name in duty
    assert RI in duty
    # The duty manager opens the concern, is offered a section 47 enquiry, and can read the record.
    concern = Escalation.objects.get(child=this_morning[Part.CONCERN_IN_REVIEW])
    assert "Section 47 enquiry by a social worker" in page(client, DemoUser.TEAM_MANAGER, concern.get_absolute_url())
    page(client, DemoUser.TEAM_MANAGER, this_morning[Part.CONCERN_IN_REVIEW].get_absolute_url())


# ---- 6.4: family support requests --------------------------------------------------------------


@pytest.mark.django_db
def test_r_c9_two_requests_wait_in_the_weekly_queue_one_for_over_a_week(monday: dict[str, Child]) -> None:
    queue = request_queue(user(DemoUser.OPS_MANAGER))
    assert [r.child_id for r in queue] == [monday[Part.SUPPORT_WAITING_LONG].pk, monday[Part.SUPPORT_WAITING].pk]
    assert MORNING - queue[0].requested_at >= timedelta(days=7)
    assert MORNING - queue[1].requested_at < timedelta(days=7)
    assert {r.child_id for r in request_queue(user(DemoUser.TEAM_MANAGER))} == {r.child_id for r in queue}


@pytest.mark.django_db
def test_r_c9_one_request_has_the_demo_family_support_worker_attached(monday: dict[str, Child]) -> None:
    attached = FamilySupportRequest.objects.get(status="ATTACHED")
    assert attached.child_id == monday[Part.SUPPORT_ATTACHED].pk
    assert attached.attached_worker is not None
    assert attached.attached_worker.user.username == DemoUser.FAMILY_SUPPORT
    assert attached.allocation is not None
    assert attached.allocation.relationship == "ATTACHED"
    assert TeamMembership.objects.current().filter(child=attached.child, practitioner=attached.attached_worker).exists()


@pytest.mark.django_db
def test_r_c9_the_queue_page_flags_the_request_waiting_over_a_week(
    client: Client, this_morning: dict[str, Child]
) -> None:
    body = page(client, DemoUser.OPS_MANAGER, reverse("escalations:family-support-queue"))
    assert "2 open requests" in body
    assert len(re.findall(r"Not considered for \d+ days", body)) == 1


# ---- 8.2 to 8.5: consultations -----------------------------------------------------------------


@pytest.mark.django_db
def test_r_c12_advice_to_an_area_team_early_help_and_youth_justice_is_on_the_childs_file(
    client: Client, monday: dict[str, Child]
) -> None:
    consultations = list(Consultation.objects.select_related("adviser__practitioner"))
    assert {c.advised_team for c in consultations} == {"AREA_TEAM", "EARLY_HELP", "YOUTH_JUSTICE"}
    for c in consultations:
        assert TeamMembership.objects.current().filter(child=c.child, practitioner=c.adviser.practitioner).exists()
        assert c.given_on < TODAY
    advice = Consultation.objects.get(child=monday[Part.ADVICE_EARLY_HELP])
    client.force_login(advice.adviser)
    url = reverse("consultations:consultation-list", args=[advice.child_id])
    assert advice.advice in html.unescape(client.get(url).content.decode())


# ---- 7.3.3: closure ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_r_c11_a_young_person_turns_18_today_with_an_ehc_plan_and_an_sen_officer(monday: dict[str, Child]) -> None:
    young = monday[Part.TURNS_18]
    assert age_on(young.date_of_birth, TODAY) == 18
    assert age_on(young.date_of_birth, TODAY - timedelta(days=1)) == 17
    assert young.ehc_plan_status == "PLAN"
    assert young.holding_team is not None
    assert young.holding_team.name == SS
    assert TeamMembership.objects.current().filter(child=young, practitioner__job_role="SEN_OFFICER").exists()


@pytest.mark.django_db
def test_r_c11_the_team_manager_closes_the_case_at_18_and_the_sen_team_is_told(
    client: Client, this_morning: dict[str, Child]
) -> None:
    young = this_morning[Part.TURNS_18]
    sen_officers = set(
        TeamMembership.objects.current()
        .filter(child=young, practitioner__job_role="SEN_OFFICER")
        .values_list("practitioner__user_id", flat=True)
    )
    url = reverse("closure:case-close", args=[young.pk])
    page(client, DemoUser.TEAM_MANAGER, url)
    day = clock_today()
    reason = ClosureReason.objects.get(area=young.area, code="TURNED_18")
    response = client.post(
        url,
        {
            "reason": str(reason.pk),
            "closed_on-day": str(day.day),
            "closed_on-month": str(day.month),
            "closed_on-year": str(day.year),
            "note": "Turned 18: adult social care have the transitions assessment and the plan.",
        },
        follow=True,
    )
    body = html.unescape(response.content.decode())
    assert "The SEN team has been told that the case is closing to social care" in body
    closing = Notification.objects.filter(subject__contains="is closing to social care", child=young)
    told = set(closing.values_list("recipient_id", flat=True))
    assert sen_officers
    assert told == sen_officers


@pytest.mark.django_db
def test_r_g4_one_closed_record_is_past_its_retention_date_and_one_is_kept(
    client: Client, monday: dict[str, Child]
) -> None:
    closures = {c.child_id: c for c in Closure.objects.all()}
    past, moved = monday[Part.CLOSED_PAST_RETENTION], monday[Part.CLOSED_MOVED_AREA]
    assert set(closures) == {past.pk, moved.pk}
    assert closures[past.pk].retain_until < TODAY <= closures[moved.pk].retain_until
    report = list(records_past_retention(user(DemoUser.ADMIN), today=TODAY))
    assert [c.child_id for c in report] == [past.pk]
    for child in (past, moved):
        child.refresh_from_db()
        assert child.holding_team is None
        assert not Allocation.objects.current().filter(child=child).exists()
        assert not TeamMembership.objects.current().filter(child=child).exists()
        assert not KeyWorkerAssignment.objects.current().filter(child=child).exists()


@pytest.mark.django_db
def test_r_g4_the_administrator_finds_the_record_on_the_retention_report(
    client: Client, this_morning: dict[str, Child]
) -> None:
    body = page(client, DemoUser.ADMIN, reverse("closure:retention-report"))
    assert this_morning[Part.CLOSED_PAST_RETENTION].local_id in body
    assert this_morning[Part.CLOSED_MOVED_AREA].local_id not in body


# ---- the whole morning -------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_mornings_steps_are_audited_never_the_carried_over_record(monday: dict[str, Child]) -> None:
    events = AuditEvent.objects.all()
    assert events.exists()
    assert not events.filter(at__gte=MORNING).exists()  # everything happened before the Monday
    opened = events.filter(what="Opened the child's record").values_list("child_id", flat=True)
    assert list(opened) == [Referral.objects.get(status="ACCEPTED").child_id]
    assert not events.filter(subject_type="teams.KeyWorkerAssignment", action="CREATED").exists()


@pytest.mark.django_db
def test_the_tour_names_every_case_for_the_console(monday: dict[str, Child]) -> None:
    text = monday_morning_text(today=TODAY, now=MORNING)
    for part in (Part.NOT_REVIEWED, Part.CONCERN_IN_REVIEW, Part.SUPPORT_WAITING_LONG, Part.TURNS_18):
        assert monday[part].full_name in text, part
    assert "not reviewed for 11 days" in text
    assert "past it: on the retention report" in text


def _fingerprint() -> dict[str, Any]:
    """Everything the morning stored, without the random primary keys."""
    return {
        "children": sorted(
            Child.objects.values_list("local_id", "given_name", "family_name", "date_of_birth", "holding_team__name")
        ),
        "referrals": sorted(
            Referral.objects.values_list(
                "given_name", "family_name", "nhs_number", "source", "status", "decided_at", "child__local_id"
            )
        ),
        "transfers": sorted(
            TransferEvent.objects.values_list("transfer__child__local_id", "step", "by__username", "at", "note")
        ),
        "escalations": sorted(
            Escalation.objects.values_list(
                "child__local_id",
                "kind",
                "status",
                "outcome",
                "raised_by__username",
                "raised_at",
                "joint_working_until",
            )
        ),
        "requests": sorted(
            FamilySupportRequest.objects.values_list(
                "child__local_id", "status", "requested_by__username", "requested_at", "attached_worker__full_name"
            )
        ),
        "consultations": sorted(
            Consultation.objects.values_list("child__local_id", "advised_team", "adviser__username", "given_on")
        ),
        "closures": sorted(
            Closure.objects.values_list("child__local_id", "reason__code", "closed_on", "retain_until", "note")
        ),
        "allocations": sorted(
            Allocation.objects.values_list(
                "child__local_id", "practitioner__user__username", "relationship", "start_date", "end_date"
            ),
            key=repr,
        ),
        "members": Counter(
            TeamMembership.objects.values_list("child__local_id", "practitioner__user__username", "end_date")
        ),
        "inbox": Counter(Notification.objects.values_list("recipient__username", "subject", "created_at")),
        "audit": Counter(AuditEvent.objects.values_list("user__username", "action", "what", "at", "child__local_id")),
    }


class _RollBack(Exception):
    pass


def _build_and_fingerprint() -> dict[str, Any]:
    try:
        with transaction.atomic():
            build_demo_area(children=CHILDREN, seed=SEED, today=TODAY)
            result = _fingerprint()
            raise _RollBack
    except _RollBack:
        return result


@pytest.mark.django_db
def test_seeding_twice_with_the_same_seed_and_day_gives_the_same_morning() -> None:
    first = _build_and_fingerprint()
    assert first["transfers"]
    assert first["escalations"]
    assert first["closures"]
    assert first == _build_and_fingerprint()


# ---- C5: reviews, visits and what is due ---------------------------------------------------------


@pytest.mark.django_db
def test_r_c5_every_held_child_has_what_is_due_and_a_few_are_overdue(
    client: Client, this_morning: dict[str, Child]
) -> None:
    from joinedup.duties.choices import DutyKind
    from joinedup.duties.models import Duty

    held = Child.objects.filter(holding_team__hub__isnull=False)
    for kind in (DutyKind.VISIT, DutyKind.CIN_REVIEW):
        open_ = Duty.objects.open().filter(kind=kind, child__in=held)
        assert open_.count() == held.count()
        overdue = open_.filter(due_on__lt=clock_today()).count()
        assert 0 < overdue < held.count() / 3  # a real Monday: some overdue, most not
    body = page(client, DemoUser.SOCIAL_WORKER, reverse("people:my-children"))
    assert "Nothing scheduled" not in body.split("<tbody", 1)[1].split("</tbody>", 1)[0]  # every child has a date
    overdue_list = page(client, DemoUser.TEAM_MANAGER, reverse("duties:team-overdue"))
    assert "Overdue, oldest first" in overdue_list


# ---- B5, B6, B9: key working ---------------------------------------------------------------------


def test_r_b6_each_child_the_demo_key_workers_key_work_has_open_actions_and_half_a_meeting(
    monday: dict[str, Child],
) -> None:
    """So a handover on the demo moves real open work: plan actions, meetings and duties."""
    for username in (DemoUser.SOCIAL_WORKER, DemoUser.FAMILY_SUPPORT, DemoUser.NURSE):
        key_worker = user(username).practitioner
        children = [a.child for a in KeyWorkerAssignment.objects.current().filter(practitioner=key_worker)]
        held = [c for c in children if c.holding_team_id is not None]
        assert held, username
        items = [open_items_of(c, key_worker) for c in held]
        assert all(i.actions == 2 for i in items), username  # one action in each outcome of the plan
        assert sum(i.meetings for i in items) == (len(held) + 1) // 2, username
        assert sum(i.duties for i in items) >= len(held), username  # at least the key worker contact
    for meeting in Meeting.objects.all():
        assert meeting.invitees.exists()
        assert meeting.starts_at.date() > TODAY


def test_r_b9_one_disagreement_waits_with_the_team_managers_and_one_with_a_family(
    monday: dict[str, Child],
) -> None:
    statuses = Counter(Disagreement.objects.values_list("status", flat=True))
    assert statuses == {DisagreementStatus.TEAM_MANAGERS: 1, DisagreementStatus.OPEN: 1}


def test_r_b7_every_hub_key_worker_but_the_last_has_a_named_cover_from_their_hub(monday: dict[str, Child]) -> None:
    covers = Cover.objects.select_related("key_worker", "cover")
    assert covers.exists()
    for cover in covers:
        assert set(cover.key_worker.teams.all()) & set(cover.cover.teams.all())
    assert user(DemoUser.SOCIAL_WORKER).practitioner.pk in {c.key_worker_id for c in covers}
