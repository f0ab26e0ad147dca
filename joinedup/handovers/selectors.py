"""What a practitioner holds open for one child: the items a handover must move (B6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.allocation.models import Allocation
from joinedup.assessments.models import SingleAssessment
from joinedup.disagreements.models import Disagreement
from joinedup.duties.models import Duty
from joinedup.escalations.choices import EscalationKind
from joinedup.escalations.models import Escalation
from joinedup.handovers.models import Handover
from joinedup.handovers.rules import HISTORY_SHOWN
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Meeting
from joinedup.organisations.models import Practitioner, PractitionerSkill
from joinedup.people.choices import LegalStatus, Need
from joinedup.people.models import AllAboutMe, Child, ChildNeed, CommunicationProfile
from joinedup.plans.choices import PlanKind, PlanStatus
from joinedup.plans.models import Action, Outcome, Plan
from joinedup.reviews.models import CinReview, Visit
from joinedup.teams import rules as team_rules
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkerPreference, TeamMembership
from joinedup.transfers.models import Transfer


def open_actions(child: Child, practitioner: Practitioner) -> QuerySet[Action]:
    """Plan actions not yet done in the child's draft or current plans that the practitioner is responsible for."""
    return Action.objects.filter(
        outcome__plan__child=child,
        outcome__plan__status__in=[PlanStatus.DRAFT, PlanStatus.CURRENT],
        responsible_practitioner=practitioner,
        done_on__isnull=True,
    )


def open_meetings(child: Child, practitioner: Practitioner) -> QuerySet[Meeting]:
    """Meetings the practitioner organises that are still planned: to come, or held and awaiting minutes."""
    return Meeting.objects.filter(child=child, organiser=practitioner, status=MeetingStatus.PLANNED)


def open_duties(child: Child, practitioner: Practitioner) -> QuerySet[Duty]:
    return Duty.objects.open().filter(child=child, owner=practitioner)


@dataclass(frozen=True)
class OpenItems:
    """How many open items one practitioner owns for one child, and the roles that make them owner."""

    actions: int
    meetings: int
    duties: int
    is_key_worker: bool
    case_relationships: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.actions + self.meetings + self.duties


def open_items_of(child: Child, practitioner: Practitioner) -> OpenItems:
    """Count what ``practitioner`` owns for ``child`` now (five queries)."""
    return OpenItems(
        actions=open_actions(child, practitioner).count(),
        meetings=open_meetings(child, practitioner).count(),
        duties=open_duties(child, practitioner).count(),
        is_key_worker=KeyWorkerAssignment.objects.current().filter(child=child, practitioner=practitioner).exists(),
        case_relationships=tuple(
            sorted(
                Allocation.objects.current()
                .filter(child=child, practitioner=practitioner)
                .values_list("relationship", flat=True)
            )
        ),
    )


# ---- Handovers: the list, one handover, who can hand over and to whom ----------------------------


def handovers_for(child: Child) -> list[Handover]:
    """Every handover of the child, newest first (two practitioner joins, one query)."""
    qs = Handover.objects.filter(child=child).select_related("from_practitioner", "to_practitioner")
    return list(qs.order_by("-started_at", "-id"))


def handover_of(child: Child, handover_id: UUID) -> Handover | None:
    """One handover of this child (never another child's)."""
    return (
        Handover.objects.filter(child=child, pk=handover_id)
        .select_related(
            "from_practitioner__organisation",
            "to_practitioner__organisation",
            "started_by",
            "read_by",
            "completed_by",
            "cancelled_by",
        )
        .first()
    )


@dataclass(frozen=True)
class Holder:
    """Someone who can hand over: in the child's team now, or holding open work for it."""

    practitioner: Practitioner
    is_key_worker: bool
    in_team: bool
    actions: int
    meetings: int
    duties: int

    @property
    def total(self) -> int:
        return self.actions + self.meetings + self.duties


def holders_of(child: Child) -> list[Holder]:
    """B6-FROM: the key worker and every current team member, and anyone else holding open actions,
    meetings or duties for the child, with what each holds. Six queries however many there are."""
    in_team = set(TeamMembership.objects.current().filter(child=child).values_list("practitioner_id", flat=True))
    key_worker = set(
        KeyWorkerAssignment.objects.current().filter(child=child).values_list("practitioner_id", flat=True)
    )
    actions: dict[UUID, int] = {}
    for pid in Action.objects.filter(
        outcome__plan__child=child,
        outcome__plan__status__in=[PlanStatus.DRAFT, PlanStatus.CURRENT],
        done_on__isnull=True,
        responsible_practitioner__isnull=False,
    ).values_list("responsible_practitioner_id", flat=True):
        actions[pid] = actions.get(pid, 0) + 1
    meetings: dict[UUID, int] = {}
    for pid in Meeting.objects.filter(child=child, status=MeetingStatus.PLANNED).values_list("organiser_id", flat=True):
        meetings[pid] = meetings.get(pid, 0) + 1
    duties: dict[UUID, int] = {}
    for pid in Duty.objects.open().filter(child=child, owner__isnull=False).values_list("owner_id", flat=True):
        duties[pid] = duties.get(pid, 0) + 1
    ids = in_team | key_worker | set(actions) | set(meetings) | set(duties)
    people = Practitioner.objects.filter(pk__in=ids).select_related("organisation").order_by("full_name", "id")
    return [
        Holder(
            practitioner=p,
            is_key_worker=p.pk in key_worker,
            in_team=p.pk in in_team,
            actions=actions.get(p.pk, 0),
            meetings=meetings.get(p.pk, 0),
            duties=duties.get(p.pk, 0),
        )
        for p in people
    ]


def practitioner_in_area(child: Child, practitioner_id: UUID | str | None) -> Practitioner | None:
    """A practitioner of the child's area (active or not: the rules say why one is refused)."""
    if practitioner_id is None:
        return None
    try:
        pk = UUID(str(practitioner_id))
    except ValueError:
        return None
    return (
        Practitioner.objects.filter(pk=pk, organisation__area_id=child.area_id).select_related("organisation").first()
    )


def new_person_choices(child: Child, old: Practitioner) -> QuerySet[Practitioner]:
    """Whom a handover can go to: any active practitioner of the child's area but the old person."""
    return (
        Practitioner.objects.filter(organisation__area_id=child.area_id, is_active=True)
        .exclude(pk=old.pk)
        .select_related("organisation")
        .order_by("full_name", "id")
    )


# ---- B6-SUMMARY: the handover summary, assembled from the record ---------------------------------


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def _iso(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat()
    return value.isoformat()


def _event(on: date | datetime | None, what: str) -> dict[str, str]:
    return {"on": _iso(on), "when": _day(on), "what": what}


def _history(child: Child) -> list[dict[str, str]]:
    """The child's key events, newest first: plans started and ended, visits, reviews, single
    assessments, meetings held, transfers between hubs and escalations raised (seven queries)."""
    n = HISTORY_SHOWN
    events: list[tuple[str, dict[str, str]]] = []

    def add(on: date | datetime | None, what: str) -> None:
        event = _event(on, what)
        events.append((event["on"], event))

    for kind, status, start, ended in (
        Plan.objects.filter(child=child)
        .order_by("-start_date", "-id")[:n]
        .values_list("kind", "status", "start_date", "ended_on")
    ):
        label = str(PlanKind(kind).label)
        add(start, f"{label} {'drafted' if status == PlanStatus.DRAFT else 'started'}")
        if ended is not None:
            add(ended, f"{label} ended")
    for on, seen in (
        Visit.objects.filter(child=child).order_by("-visited_on", "-id")[:n].values_list("visited_on", "seen")
    ):
        add(on, "Visit: the child was seen" if seen else "Visit: the child was not seen")
    for on, step in (
        CinReview.objects.filter(child=child).order_by("-held_on", "-id")[:n].values_list("held_on", "step")
    ):
        add(on, f"Child in need review held ({CinReview(step=step).get_step_display().lower()})")
    for started, completed in (
        SingleAssessment.objects.filter(child=child)
        .order_by("-started_on", "-id")[:n]
        .values_list("started_on", "completed_on")
    ):
        add(completed or started, "Single assessment completed" if completed else "Single assessment started")
    for at, title in (
        Meeting.objects.filter(child=child, status=MeetingStatus.HELD)
        .order_by("-starts_at", "-id")[:n]
        .values_list("starts_at", "title")
    ):
        add(at, f"Meeting held: {title}")
    for t in (
        Transfer.objects.filter(child=child)
        .select_related("from_hub__team", "to_hub__team")
        .order_by("-proposed_at", "-id")[:n]
    ):
        add(t.proposed_at, f"Transfer from {t.from_hub.team.name} to {t.to_hub.team.name}: {t.get_status_display()}")
    for e in Escalation.objects.filter(child=child).order_by("-raised_at", "-id")[:n]:
        add(e.raised_at, f"Escalation raised: {e.get_kind_display().lower()} ({e.get_status_display().lower()})")
    events.sort(key=lambda pair: pair[0], reverse=True)
    return [e for _, e in events[:n]]


def _preferences(child: Child) -> dict[str, Any]:
    me = AllAboutMe.objects.filter(child=child).first()
    comms = CommunicationProfile.objects.filter(child=child).first()
    wishes = (
        KeyWorkerPreference.objects.filter(child=child).select_related("practitioner").order_by("recorded_at", "id")
    )
    return {
        "likes": me.likes if me else "",
        "dislikes": me.dislikes if me else "",
        "how_to_support_me": me.how_to_support_me if me else "",
        "about_me": me.about_me if me else "",
        "how_i_communicate": comms.how_i_communicate if comms else "",
        "communication_aids": comms.communication_aids if comms else "",
        "what_works": comms.what_works if comms else "",
        "what_to_avoid": comms.what_to_avoid if comms else "",
        "key_worker_wishes": [
            {"by": w.get_preferred_by_display(), "who": w.practitioner.full_name, "words": w.in_their_words}
            for w in wishes
        ],
        "_goals": {
            "what_matters_to_me": me.what_matters_to_me if me else "",
            "life_goals": me.life_goals if me else "",
            "ambitions": me.ambitions if me else "",
        },
    }


def _plans(child: Child) -> list[dict[str, Any]]:
    """The child's current and draft plans with their outcomes (two queries, even with no plan)."""
    open_plans = [PlanStatus.DRAFT, PlanStatus.CURRENT]
    outcomes: dict[UUID, list[str]] = {}
    for plan_id, text in (
        Outcome.objects.filter(plan__child=child, plan__status__in=open_plans)
        .order_by("added_at", "id")
        .values_list("plan_id", "text")
    ):
        outcomes.setdefault(plan_id, []).append(text)
    plans = Plan.objects.filter(child=child, status__in=open_plans).order_by("status", "kind", "id")
    return [
        {
            "kind": p.get_kind_display(),
            "status": p.get_status_display(),
            "review_on": _iso(p.review_date),
            "review_when": _day(p.review_date),
            "outcomes": outcomes.get(p.pk, []),
        }
        for p in plans
    ]


def _open_actions(child: Child, old: Practitioner, today: date) -> list[dict[str, Any]]:
    actions = (
        Action.objects.filter(
            outcome__plan__child=child,
            outcome__plan__status__in=[PlanStatus.DRAFT, PlanStatus.CURRENT],
            done_on__isnull=True,
        )
        .select_related("responsible_practitioner", "outcome__plan")
        .order_by("target_date", "added_at", "id")
    )
    return [
        {
            "what": a.what,
            "plan": a.outcome.plan.get_kind_display(),
            "owner": a.responsible_practitioner.full_name if a.responsible_practitioner else a.responsible_other,
            "is_old": a.responsible_practitioner_id == old.pk,
            "target_on": _iso(a.target_date),
            "target_when": _day(a.target_date),
            "overdue": a.target_date is not None and a.target_date < today,
        }
        for a in actions
    ]


def _meetings(child: Child, old: Practitioner) -> list[dict[str, Any]]:
    meetings = (
        Meeting.objects.filter(child=child, status=MeetingStatus.PLANNED)
        .select_related("organiser")
        .order_by("starts_at", "id")
    )
    return [
        {
            "title": m.title,
            "on": _iso(m.starts_at),
            "when": _day(m.starts_at),
            "organiser": m.organiser.full_name,
            "is_old": m.organiser_id == old.pk,
        }
        for m in meetings
    ]


def _duties(child: Child, old: Practitioner, today: date) -> list[dict[str, Any]]:
    duties = Duty.objects.open().filter(child=child).select_related("owner").order_by("due_on", "kind", "id")
    return [
        {
            "what": d.get_kind_display(),
            "due_on": _iso(d.due_on),
            "due_when": _day(d.due_on),
            "owner": d.owner.full_name if d.owner else "Nobody yet",
            "is_old": d.owner_id == old.pk,
            "overdue": d.due_on < today,
        }
        for d in duties
    ]


def _risks(child: Child, duties: list[dict[str, Any]], actions: list[dict[str, Any]]) -> list[str]:
    """What the record says puts the child at risk or needs watching (four queries)."""
    risks = []
    if child.legal_status in (LegalStatus.CHILD_PROTECTION_PLAN, LegalStatus.LOOKED_AFTER):
        risks.append(f"Legal status: {child.get_legal_status_display()}")
    for kind, status in (
        Escalation.objects.waiting().filter(child=child).order_by("raised_at", "id").values_list("kind", "status")
    ):
        what = "Safeguarding concern" if kind == EscalationKind.SAFEGUARDING_CONCERN else "Change in need"
        risks.append(f"{what} waiting for a decision ({Escalation(status=status).get_status_display().lower()})")
    for issue in (
        Disagreement.objects.unresolved()
        .filter(child=child)
        .order_by("raised_at", "id")
        .values_list("issue", flat=True)
    ):
        risks.append(f"Open disagreement: {issue}")
    needs = list(ChildNeed.objects.filter(child=child).values_list("need", flat=True))
    skills: dict[UUID, set[str]] = {}
    members = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    for pid, skill in PractitionerSkill.objects.filter(practitioner_id__in=members).values_list(
        "practitioner_id", "skill"
    ):
        skills.setdefault(pid, set()).add(skill)
    missing = team_rules.unmet_needs(needs, list(skills.values()))
    if missing:
        risks.append("Needs nobody in the team has the skills for: " + ", ".join(str(Need(n).label) for n in missing))
    late = [d["what"] for d in duties if d["overdue"]]
    if late:
        risks.append("Overdue: " + ", ".join(late))
    late_actions = sum(1 for a in actions if a["overdue"])
    if late_actions:
        risks.append(f"{late_actions} plan action{'s' if late_actions != 1 else ''} past their target date")
    return risks


def handover_summary(child: Child, old: Practitioner, *, today: date) -> dict[str, Any]:
    """B6-SUMMARY: the handover summary, assembled from the record, JSON-ready: history, preferences,
    goals and ambitions, current plans, open actions, risks, upcoming meetings and open duties.
    Items the old person holds are marked ``is_old``; ``holds`` counts them. A fixed number of
    queries however much the record holds (``SUMMARY_QUERIES``)."""
    preferences = _preferences(child)
    goals = preferences.pop("_goals")
    actions = _open_actions(child, old, today)
    meetings = _meetings(child, old)
    duties = _duties(child, old, today)
    return {
        "assembled_on": today.isoformat(),
        "assembled_when": _day(today),
        "old_person": old.full_name,
        "history": _history(child),
        "preferences": preferences,
        "goals": goals,
        "plans": _plans(child),
        "actions": actions,
        "risks": _risks(child, duties, actions),
        "meetings": meetings,
        "duties": duties,
        "holds": {
            "actions": sum(1 for a in actions if a["is_old"]),
            "meetings": sum(1 for m in meetings if m["is_old"]),
            "duties": sum(1 for d in duties if d["is_old"]),
        },
    }


SUMMARY_QUERIES = 19  # history 7, preferences 3, plans 2, actions, meetings, duties 3, risks 4


def team_users(child: Child) -> QuerySet[Practitioner]:
    """Every current member of the child's team, with their account: whom a handover tells."""
    ids = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return Practitioner.objects.filter(pk__in=ids).select_related("user").order_by("full_name", "id")
