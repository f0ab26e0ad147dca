"""What to try on the demo's Monday morning: each case of the delivery model, who sees it and where.

Read back from the database, so ``joinedup demo`` can print it for an area built earlier. The
names change with the seed; README's "What to try" walks the same cases by sign-in and page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from joinedup.allocation.choices import HubCode
from joinedup.closure.models import Closure
from joinedup.consultations.models import Consultation
from joinedup.core.dates import birthday
from joinedup.disagreements.choices import DisagreementStatus
from joinedup.disagreements.models import Disagreement
from joinedup.duties.models import Duty
from joinedup.escalations.choices import EscalationOutcome, EscalationStatus, RequestStatus
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Meeting
from joinedup.organisations.choices import JobRole
from joinedup.people.choices import EhcPlanStatus
from joinedup.people.models import Child
from joinedup.plans.models import Action
from joinedup.referrals.choices import ReferralStatus
from joinedup.referrals.models import Referral
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership
from joinedup.transfers import rules as transfer_rules
from joinedup.transfers.models import Transfer

_RECENT_18TH = timedelta(days=31)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _referrals() -> list[str]:
    lines = []
    referrals = Referral.objects.order_by("received_on", "recorded_at", "given_name")
    for r in sorted(referrals, key=lambda r: r.status != ReferralStatus.RECEIVED):  # waiting first
        source = r.get_source_display().split(" (")[0].replace("Multi-agency safeguarding hub", "MASH")
        if r.status == ReferralStatus.RECEIVED:
            severe = "severe or profound" if r.severe else "not severe or profound"
            lines.append(f"{r.full_name} ({source}, {severe}): waiting for a decision")
        elif r.status == ReferralStatus.ACCEPTED:
            lines.append(f"{r.full_name} ({source}): accepted, held by Safeguarding & Support for a single assessment")
        else:
            lines.append(f"{r.full_name} ({source}): not accepted, signposted")
    return lines


def _transfers(now: datetime) -> list[str]:
    lines = []
    transfers = Transfer.objects.open().select_related("child", "from_hub__team", "to_hub__team")
    for t in transfers.order_by("last_reviewed_at", "id"):
        flags = [t.get_status_display().lower()]
        if t.delayed_by_capacity:
            flags.append("delayed by capacity")
        if (waited := transfer_rules.not_reviewed_for(t.last_reviewed_at, now=now)) is not None:
            flags.append(f"not reviewed for {_days(waited.days)}")
        lines.append(f"{t.child.full_name}: {t.from_hub.team.name} to {t.to_hub.team.name}, {'; '.join(flags)}")
    return lines


def _escalations() -> list[str]:
    lines = []
    for e in Escalation.objects.select_related("child", "to_hub__team").order_by("raised_at", "id"):
        if e.is_waiting:
            where = e.get_status_display().lower().replace("safeguarding & support", "Safeguarding & Support")
            if e.to_hub is not None and e.status == EscalationStatus.WITH_MANAGER:
                where += f" of {e.to_hub.team.name}"
            lines.append(f"{e.child.full_name}: {e.get_kind_display().lower()}, {where}")
        elif e.outcome == EscalationOutcome.JOINT_WORKING and e.joint_working_until is not None:
            lines.append(f"{e.child.full_name}: decided, joint working until {_day(e.joint_working_until)}")
    return lines


def _family_support(now: datetime) -> list[str]:
    lines = []
    requests = FamilySupportRequest.objects.select_related("child", "attached_worker")
    for r in requests.order_by("requested_at", "id"):
        if r.status == RequestStatus.WAITING:
            lines.append(f"{r.child.full_name}: waiting {_days((now - r.requested_at).days)}")
        elif r.status == RequestStatus.ATTACHED and r.attached_worker is not None:
            lines.append(f"{r.child.full_name}: {r.attached_worker.full_name} attached")
    return lines


def _consultations() -> list[str]:
    consultations = Consultation.objects.select_related("child", "adviser").order_by("given_on", "id")
    return [
        f"{c.child.full_name}: advice to {c.get_advised_team_display().lower()}, by {c.adviser.username}"
        for c in consultations
    ]


def _key_working() -> list[str]:
    """What each demo key worker holds open: what a handover of one of their children moves (B6)."""
    lines = []
    for username in ("social.worker", "family.support", "nurse"):
        children = KeyWorkerAssignment.objects.current().filter(practitioner__user__username=username)
        if not (count := children.count()):
            continue
        ids = children.values("child_id")
        mine = {"child_id__in": ids, "owner__user__username": username}
        actions = Action.objects.filter(
            outcome__plan__child_id__in=ids, responsible_practitioner__user__username=username, done_on__isnull=True
        ).count()
        meetings = Meeting.objects.filter(
            child_id__in=ids, organiser__user__username=username, status=MeetingStatus.PLANNED
        ).count()
        lines.append(
            f"{username}: key worker for {count} children, owns {actions} open plan actions, organises "
            f"{meetings} meetings, owns {Duty.objects.open().filter(**mine).count()} open duties"
        )
    for d in (
        Disagreement.objects.exclude(status=DisagreementStatus.RESOLVED).select_related("child").order_by("raised_at")
    ):
        lines.append(f"{d.child.full_name}: disagreement, {d.issue[:60].lower()} ({d.get_status_display().lower()})")
    return lines


def _closures(today: date) -> list[str]:
    """The young person in Safeguarding & Support who turned 18 most recently (this month), with an
    EHC plan and an SEN officer in their team; then the closed records."""
    sen_officers = TeamMembership.objects.current().filter(practitioner__job_role=JobRole.SEN_OFFICER)
    young = (
        Child.objects.filter(
            ehc_plan_status=EhcPlanStatus.PLAN,
            holding_team__hub__code=HubCode.SAFEGUARDING_SUPPORT,
            pk__in=sen_officers.values("child_id"),
            date_of_birth__lte=birthday(today, -18),
            date_of_birth__gt=birthday(today - _RECENT_18TH, -18),
        )
        .order_by("-date_of_birth", "local_id")
        .first()
    )
    lines = []
    if young is not None:
        lines.append(f"{young.full_name}: 18 on {_day(birthday(young.date_of_birth, 18))}, has an EHC plan")
    for closure in Closure.objects.select_related("child", "reason").order_by("closed_on", "id"):
        past = " (past it: on the retention report)" if closure.retain_until < today else ""
        lines.append(
            f"record {closure.child.local_id}: closed {_day(closure.closed_on)} ({closure.reason.label.lower()}), "
            f"kept until {_day(closure.retain_until)}{past}"
        )
    return lines


def monday_morning_text(*, today: date, now: datetime) -> str:
    """The cases to try, by section of the delivery model; empty if the area has none."""
    sections = (
        ("Referrals: team.manager or ops.manager, Referrals", _referrals()),
        ("Transfer list: team.manager or ops.manager, Transfer list", _transfers(now)),
        ("Escalations: team.manager (duty queue) or ops.manager, Escalations", _escalations()),
        ("Family support requests: team.manager or ops.manager, Family support requests", _family_support(now)),
        ("Consultations: the child's page, Consultations", _consultations()),
        (
            "Key working: hand over, cover and disagreements from the child's page; managers, Disagreements",
            _key_working(),
        ),
        ("Closure: team.manager closes at 18 from the child's page; admin, Records past retention", _closures(today)),
    )
    lines = []
    for title, items in sections:
        if items:
            lines.append(title)
            lines += [f"  - {item}" for item in items]
    if not lines:
        return ""
    return "\n".join(["What to try this Monday morning (README: What to try in the demo)", *lines])
