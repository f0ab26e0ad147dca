"""Each demo child's interagency team and key worker, with history, from a balanced workforce."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from joinedup.core.dates import age_on
from joinedup.demo.plan import (
    STRENGTHENING,
    AreaPlan,
    ChildPlan,
    KeyWorkerPlan,
    MembershipPlan,
    PractitionerPlan,
    Source,
)
from joinedup.demo.workforce import (
    CAMHS,
    NURSING,
    PAEDIATRICS,
    SCHOOLS,
    SEN_TEAM,
    SHORT_BREAKS,
    THERAPIES,
)
from joinedup.organisations.choices import JobRole as J
from joinedup.people.choices import EhcPlanStatus, LegalStatus, Need

WITHOUT_KEY_WORKER = 0.08
_SOCIAL_CARE = (J.SOCIAL_WORKER, J.SWAP, J.FAMILY_SUPPORT_WORKER)
_STATUTORY = (J.SOCIAL_WORKER, J.SWAP)  # child protection plans and looked-after children
_ROLE_IN_TEAM: dict[str, str] = {
    J.SOCIAL_WORKER: "Allocated social worker",
    J.SWAP: "Social worker (advanced practitioner)",
    J.PAEDIATRICIAN: "Community paediatrician",
    J.TEACHER: "Class teacher",
    J.SEN_OFFICER: "SEN caseworker (EHC plan)",
}
_LEFT = (
    "Caseload rebalanced across the hub",
    "Worker moved to another hub",
    "Worker left the council",
    "Worker on long-term leave",
)
_DISCHARGED = (
    "Discharged: goals met",
    "Discharged: now seen by the school's therapist",
    "Episode of care ended",
    "Family asked to pause this support",
    "No longer needed after review",
)
_REASONS = {
    "lead": (
        "Holds the case in the hub, knows the family well and leads the child's plan.",
        "Sees the family most often and already coordinates the plan.",
        "The family asked for their social care worker to coordinate the team.",
    ),
    "nurse": (
        "Sees the child most often: weekly nursing visits at home.",
        "Health needs are the main concern and the family trust the nursing team.",
    ),
    "school": (
        "Sees the child every school day; the parents prefer school as their main contact.",
        "Knows the child best day to day; agreed at the team meeting.",
    ),
    "other": ("Best placed for the current goals in the plan; agreed at the team meeting.",),
}


_SLT = (J.SPEECH_THERAPIST,)
_HEALTH = (Need.COMPLEX_HEALTH, Need.LIFE_LIMITING)
_FOR_NEEDS: tuple[tuple[tuple[str, ...], str, tuple[str, ...], float, float], ...] = (
    # (jobs, team, needs that call for them, chance if the main need, chance if another need)
    ((J.COMMUNITY_NURSE,), NURSING, _HEALTH, 1.0, 0.5),
    ((J.PAEDIATRICIAN,), PAEDIATRICS, _HEALTH, 0.7, 0.3),
    ((J.PHYSIOTHERAPIST,), THERAPIES, (Need.PHYSICAL_DISABILITY,), 0.7, 0.3),
    ((J.OCCUPATIONAL_THERAPIST,), THERAPIES, (Need.PHYSICAL_DISABILITY, Need.SENSORY_IMPAIRMENT), 0.5, 0.2),
    (_SLT, THERAPIES, (Need.AUTISM_COMMUNICATION, Need.SENSORY_IMPAIRMENT), 0.4, 0.2),
    ((J.CAMHS_CLINICIAN,), CAMHS, (Need.MENTAL_HEALTH,), 0.9, 0.5),
)


@dataclass
class _Staff:
    """The workforce with its running caseloads, so new work goes to whoever has most room."""

    src: Source
    people: list[PractitionerPlan]
    load: Counter[str] = field(default_factory=Counter)

    def pick(self, jobs: tuple[str, ...], team: str, *, avoid: tuple[str, ...] = ()) -> PractitionerPlan | None:
        pool = [p for p in self.people if p.job_role in jobs and team in p.team_keys and p.username not in avoid]
        if not pool:
            return None
        # Lowest caseload for the hours worked; a random tie-break keeps it from looking mechanical.
        return min(pool, key=lambda p: (self.load[p.username] / p.capacity, self.src.rng.random()))

    def named(self, username: str) -> PractitionerPlan:
        return next(p for p in self.people if p.username == username)

    def manager_of(self, team: str) -> str:
        return next(p.username for p in self.people if p.job_role == J.TEAM_MANAGER and team in p.team_keys)

    def operations_manager(self) -> str:
        return next(p.username for p in self.people if p.job_role == J.OPERATIONS_MANAGER)


@dataclass
class _Case:
    """What is decided for one child while its team is planned."""

    child: ChildPlan
    age: int
    lead: PractitionerPlan
    current: dict[str, tuple[PractitionerPlan, date]] = field(default_factory=dict)
    previous_lead: str = ""
    handover: date | None = None


def at(day: date, src: Source) -> datetime:
    """A working-hours moment on ``day``, in UTC."""
    return datetime.combine(day, time(src.rng.randint(8, 16), src.rng.randrange(60)), tzinfo=UTC)


def plan_casework(plan: AreaPlan, src: Source, *, today: date, forced_key_worker: dict[str, str]) -> None:
    """Teams of 3 to 8 for every child; ~92% with a current key worker who is in that team."""
    staff = _Staff(src, plan.practitioners)
    protected = set(forced_key_worker) | {plan.young_person}
    candidates = [c.local_id for c in plan.children if c.local_id not in protected]
    count = max(1, round(WITHOUT_KEY_WORKER * len(plan.children)))
    without = set(src.rng.sample(candidates, min(count, len(candidates))))
    family_lead: dict[str, str] = {}  # one family, one social worker (CwDT 1.4)
    for child in plan.children:
        lead = forced_key_worker.get(child.local_id) or family_lead.get(child.family_key)
        case = _team(plan, src, staff, child, today, lead)
        family_lead.setdefault(child.family_key, case.lead.username)
        _key_workers(plan, src, staff, case, today, forced_key_worker, has_none=child.local_id in without)


def _lead_jobs(child: ChildPlan) -> tuple[str, ...]:
    statutory = child.legal_status in (LegalStatus.CHILD_PROTECTION_PLAN, LegalStatus.LOOKED_AFTER)
    return _STATUTORY if statutory else _SOCIAL_CARE


def _team(plan: AreaPlan, src: Source, staff: _Staff, child: ChildPlan, today: date, forced: str | None) -> _Case:
    lead = staff.named(forced) if forced else staff.pick(_lead_jobs(child), child.hub_key)
    if lead is None:
        raise LookupError(f"No social care worker in {child.hub_key} to hold the case")
    case = _Case(child, age_on(child.date_of_birth, today), lead)
    manager = staff.manager_of(child.hub_key)
    days_open = (today - child.opened_on).days
    if days_open > 120 and src.chance(0.12):
        _changed_hands(plan, src, staff, case, manager, days_open)
    _join(plan, src, staff, case, lead, case.handover or child.opened_on, manager)
    for other in _others(src, staff, case):
        start = child.opened_on + timedelta(days=src.rng.randrange(max(1, int(days_open * 0.6))))
        _join(plan, src, staff, case, other, start, manager)
    if days_open > 90 and src.chance(0.12):
        _discharged(plan, src, staff, case, manager, today)
    return case


def _join(
    plan: AreaPlan, src: Source, staff: _Staff, case: _Case, who: PractitionerPlan, start: date, manager: str
) -> None:
    added_by = staff.operations_manager() if src.chance(0.1) else manager
    role = _ROLE_IN_TEAM.get(who.job_role, J(who.job_role).label)
    plan.memberships.append(MembershipPlan(case.child.local_id, who.username, role, start, added_by, at(start, src)))
    case.current[who.username] = (who, start)
    staff.load[who.username] += 1


def _changed_hands(plan: AreaPlan, src: Source, staff: _Staff, case: _Case, manager: str, days_open: int) -> None:
    """The case had another social care worker first, who handed it over to the current lead."""
    previous = staff.pick(_lead_jobs(case.child), case.child.hub_key, avoid=(case.lead.username,))
    if previous is None:
        return
    case.handover = case.child.opened_on + timedelta(days=src.rng.randint(60, days_open - 30))
    start = case.child.opened_on
    plan.memberships.append(
        MembershipPlan(
            case.child.local_id,
            previous.username,
            _ROLE_IN_TEAM.get(previous.job_role, J(previous.job_role).label),
            start,
            manager,
            at(start, src),
            end_date=case.handover,
            end_reason=src.rng.choice(_LEFT),
        )
    )
    case.previous_lead = previous.username


def _discharged(plan: AreaPlan, src: Source, staff: _Staff, case: _Case, manager: str, today: date) -> None:
    """A therapist or short-breaks worker who was in the team for a while and has left it."""
    jobs = (J.PHYSIOTHERAPIST, J.OCCUPATIONAL_THERAPIST, J.SPEECH_THERAPIST, J.SHORT_BREAKS_WORKER)
    team = src.rng.choice((THERAPIES, SHORT_BREAKS))
    who = staff.pick(jobs, team, avoid=tuple(case.current))
    if who is None:
        return
    room = (today - case.child.opened_on).days - 30
    start = case.child.opened_on + timedelta(days=src.rng.randrange(max(1, room // 2)))
    end = min(today - timedelta(days=1), start + timedelta(days=src.rng.randint(42, 400)))
    role = _ROLE_IN_TEAM.get(who.job_role, J(who.job_role).label)
    plan.memberships.append(
        MembershipPlan(
            case.child.local_id,
            who.username,
            role,
            start,
            manager,
            at(start, src),
            end_date=end,
            end_reason=src.rng.choice(_DISCHARGED),
        )
    )


def _wanted(src: Source, case: _Case) -> list[tuple[tuple[str, ...], str, float]]:
    """(jobs, team, chance) for each practitioner the child's needs, plan and school call for."""
    child = case.child
    wanted: list[tuple[tuple[str, ...], str, float]] = []
    if child.hub_key == STRENGTHENING and case.lead.job_role != J.FAMILY_SUPPORT_WORKER:
        wanted.append(((J.FAMILY_SUPPORT_WORKER,), STRENGTHENING, 0.3))
    for jobs, team, needs, if_main, if_other in _FOR_NEEDS:
        if jobs == _SLT and case.age >= 12:
            continue  # speech and language therapy sees the older ones through school
        if set(needs) & set(child.needs):
            wanted.append((jobs, team, if_main if child.needs[0] in needs else if_other))
    wanted.append(((J.PAEDIATRICIAN,), PAEDIATRICS, 0.15 if case.age < 19 else 0.0))
    wanted += _school_staff(src, child)
    if child.ehc_plan_status != EhcPlanStatus.NONE:
        wanted.append(((J.SEN_OFFICER,), SEN_TEAM, 0.9))
    wanted.append(((J.SHORT_BREAKS_WORKER,), SHORT_BREAKS, 0.2))
    return wanted


def _school_staff(src: Source, child: ChildPlan) -> list[tuple[tuple[str, ...], str, float]]:
    school = next((s for s in SCHOOLS if s.name == child.school_or_setting), None)
    if school is None:
        return []
    if src.chance(0.9 if school.is_special else 0.5):
        return [((J.TEACHER,), school.key, 1.0), ((J.SENCO,), school.key, 0.3 if school.is_special else 0.8)]
    return [((J.SENCO,), school.key, 1.0)]


def _others(src: Source, staff: _Staff, case: _Case) -> list[PractitionerPlan]:
    """The rest of the team: 2 to 7 more, one of each job, topped up to 3 in all."""
    chosen: list[PractitionerPlan] = []
    for jobs, team, chance in [*_wanted(src, case), *_top_ups(case)]:
        if len(chosen) >= (7 if chance > 0 else 2) or any(p.job_role in jobs for p in chosen):
            continue
        avoid = (case.lead.username, case.previous_lead)
        if (chance <= 0 or src.chance(chance)) and (who := staff.pick(jobs, team, avoid=avoid)):
            chosen.append(who)
    return chosen


def _top_ups(case: _Case) -> list[tuple[tuple[str, ...], str, float]]:
    """Taken in turn (chance 0 means "only to make up the numbers") while the team is under 3."""
    paediatrician = [((J.PAEDIATRICIAN,), PAEDIATRICS, 0.0)] if case.age < 19 else []
    return [*paediatrician, ((J.SEN_OFFICER,), SEN_TEAM, 0.0), ((J.SHORT_BREAKS_WORKER,), SHORT_BREAKS, 0.0)]


def _kind(who: PractitionerPlan, lead: PractitionerPlan) -> str:
    if who is lead:
        return "lead"
    if who.job_role == J.COMMUNITY_NURSE:
        return "nurse"
    return "school" if who.job_role in (J.TEACHER, J.SENCO) else "other"


def _choose_key_worker(src: Source, case: _Case, forced: str | None) -> PractitionerPlan:
    if forced:
        return case.current[forced][0]
    # B3: mainly health needs point to a health practitioner; a special school sees the child daily.
    health_first = case.child.needs[0] in _HEALTH
    special = any(s.is_special and s.name == case.child.school_or_setting for s in SCHOOLS)
    weights = {"lead": 35 if health_first else 70, "nurse": 60 if health_first else 8, "other": 8}
    weights["school"] = 30 if special else 10
    members = [p for p, _ in case.current.values()]
    return src.rng.choices(members, weights=[weights[_kind(p, case.lead)] for p in members])[0]


def _key_workers(
    plan: AreaPlan, src: Source, staff: _Staff, case: _Case, today: date, forced: dict[str, str], *, has_none: bool
) -> None:
    """The current key worker (unless the child has none) and, for some, the one before."""
    child, manager = case.child, staff.manager_of(case.child.hub_key)
    reason = src.rng.choice(_REASONS["lead"])
    if case.previous_lead and case.handover and (has_none or src.chance(0.8)):
        # The worker who left was the key worker; for some children nobody has taken over yet.
        start = min(child.opened_on + timedelta(days=src.rng.randrange(14)), case.handover)
        plan.key_workers.append(
            KeyWorkerPlan(
                child.local_id,
                case.previous_lead,
                start,
                reason,
                manager,
                at(start, src),
                end_date=case.handover,
            )
        )
    if has_none:
        return
    who = _choose_key_worker(src, case, forced.get(child.local_id))
    joined = max(case.current[who.username][1], case.handover or child.opened_on)
    start = min(today, joined + timedelta(days=src.rng.randrange(28)))
    reason = src.rng.choice(_REASONS[_kind(who, case.lead)])
    plan.key_workers.append(KeyWorkerPlan(child.local_id, who.username, start, reason, manager, at(start, src)))
