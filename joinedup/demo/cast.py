"""Who plays each part of the demo's Monday morning, chosen from the planned area (no database).

The morning itself (``joinedup.demo.monday``) takes each step through the real services. Here we
only choose the children: each part has its conditions (the hub holding the case, no brothers or
sisters where a step would split a family, someone in the team who can take the step), and the
same seed and day always choose the same children. A part nobody fits (a very small area) is left
out of the morning. Two children have their date of birth moved so that the closure parts work:
one turns 18 on the day, one is past their 25th birthday.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from joinedup.core.dates import age_on
from joinedup.demo import children as facts
from joinedup.demo.plan import (
    REVIEW,
    SAFEGUARDING,
    STRENGTHENING,
    AreaPlan,
    ChildPlan,
    DemoUser,
    PractitionerPlan,
    ReferredChildPlan,
    Source,
)
from joinedup.demo.workforce import SEN_TEAM
from joinedup.organisations.choices import JobRole as J
from joinedup.people.choices import EhcPlanStatus, LegalStatus

TEAM_LIMIT = 8  # the most people in a child's team (B1): a worker who joins needs a place


class Part:
    """The parts of the Monday morning (CwDT sections 1, 3 to 8)."""

    # Planned transfers (6.2)
    STEP_DOWN_PREPARING = "transfer: S&S to SF, agreed and preparing"
    STEP_DOWN_TO_REVIEW = "transfer: SF to R&I, waiting for the incoming manager"
    NOT_AGREED = "transfer: S&S to SF, not agreed, with the operations manager"
    NOT_REVIEWED = "transfer: SF to S&S, not reviewed for over a week"
    CAPACITY_DELAY = "transfer: S&S to SF, agreed, delayed by capacity"
    # Unplanned changes in need (6.3)
    CONCERN_IN_REVIEW = "escalation: safeguarding concern about an R&I child"
    CHANGE_IN_NEED = "escalation: change in need with the SF team manager"
    JOINT_WORKING = "escalation: decided, joint working until a date"
    # Family support requests (6.4)
    SUPPORT_WAITING_LONG = "family support: waiting over a week"
    SUPPORT_WAITING = "family support: waiting"
    SUPPORT_ATTACHED = "family support: worker attached"
    # Consultations (8.2 to 8.5)
    ADVICE_AREA_TEAM = "consultation: area team"
    ADVICE_EARLY_HELP = "consultation: early help"
    ADVICE_YOUTH_JUSTICE = "consultation: youth justice"
    # Closure (7.3.3)
    TURNS_18 = "closure: turns 18 today with an EHC plan"
    CLOSED_PAST_RETENTION = "closure: closed, past its retention date"
    CLOSED_MOVED_AREA = "closure: closed, moved area"


class Referred:
    """The children referred this week (1.2, 3.1): they are not in joinedup unless accepted."""

    MASH_MEETS = "referral: MASH, meets the criteria"
    MASH_DOES_NOT_MEET = "referral: MASH, does not meet the criteria"
    HEALTH_WAITING = "referral: health, waiting"
    ACCEPTED = "referral: accepted for a single assessment"
    NOT_ACCEPTED = "referral: not accepted, signposted"
    # One family, one social worker (CwDT 1.4, A4): a referral naming a brother or sister the team
    # already holds. The held child is chosen when the morning is written (``Morning.referrals``).
    SIBLING = "referral: brother or sister of a child the team holds"


# Ages of the children referred this week (their names come from the seed).
_REFERRED = {
    Referred.MASH_MEETS: 6,
    Referred.MASH_DOES_NOT_MEET: 8,
    Referred.HEALTH_WAITING: 3,
    Referred.ACCEPTED: 11,
    Referred.NOT_ACCEPTED: 9,
    Referred.SIBLING: 4,
}


def at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def working_day(today: date, back: int) -> date:
    """The working day ``back`` working days before ``today`` (0 is today itself)."""
    day = today
    while back > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            back -= 1
    return day


# Closed cases were closed on these working days before the Monday.
CLOSED_PAST_RETENTION_BACK = 15
CLOSED_MOVED_AREA_BACK = 10


@dataclass(frozen=True)
class _Child:
    """One planned child as the casting sees them."""

    plan: ChildPlan
    age: int
    has_siblings: bool
    members: tuple[tuple[PractitionerPlan, date], ...]  # the current team and when each joined
    today: date

    def has(self, username: str) -> bool:
        return any(p.username == username for p, _ in self.members)

    def member(self, jobs: tuple[str, ...], hub: str) -> bool:
        return any(p.job_role in jobs and hub in p.team_keys for p, _ in self.members)

    def closable(self, back: int) -> bool:
        """Everyone in the team had joined by the day the case closes, ``back`` working days ago."""
        day = working_day(self.today, back)
        return all(start <= day for _, start in self.members)


@dataclass(frozen=True)
class _Wanted:
    """A part's conditions, and who it would rather have (a demo sign-in in the team)."""

    hub: str
    fits: Callable[[_Child], bool]
    rather: Callable[[_Child], bool] = lambda _: True


def _stepping_down(c: _Child) -> bool:
    """Moves hub with no brother or sister left behind, not about to leave the team at 18."""
    statutory = c.plan.legal_status in (LegalStatus.CHILD_PROTECTION_PLAN, LegalStatus.LOOKED_AFTER)
    return not c.has_siblings and not statutory and c.age <= 16


_SW = (J.SOCIAL_WORKER,)
_FSW = (J.FAMILY_SUPPORT_WORKER,)
_SOCIAL_CARE = (J.SOCIAL_WORKER, J.SWAP, J.FAMILY_SUPPORT_WORKER)
_PARTS: tuple[tuple[str, _Wanted], ...] = (
    (Part.STEP_DOWN_PREPARING, _Wanted(SAFEGUARDING, _stepping_down)),
    (Part.NOT_AGREED, _Wanted(SAFEGUARDING, _stepping_down)),
    (Part.CAPACITY_DELAY, _Wanted(SAFEGUARDING, _stepping_down)),
    (Part.STEP_DOWN_TO_REVIEW, _Wanted(STRENGTHENING, _stepping_down)),
    (Part.NOT_REVIEWED, _Wanted(STRENGTHENING, _stepping_down)),
    (
        Part.TURNS_18,
        _Wanted(
            SAFEGUARDING,
            lambda c: 17 <= c.age <= 18 and not c.has_siblings and c.member((J.SEN_OFFICER,), SEN_TEAM),
            lambda c: c.plan.ehc_plan_status == EhcPlanStatus.PLAN,
        ),
    ),
    (
        Part.CLOSED_PAST_RETENTION,
        _Wanted(REVIEW, lambda c: c.age >= 19 and c.closable(CLOSED_PAST_RETENTION_BACK)),
    ),
    (
        Part.CLOSED_MOVED_AREA,
        _Wanted(
            REVIEW,
            lambda c: c.age <= 16 and not c.has_siblings and c.closable(CLOSED_MOVED_AREA_BACK),
        ),
    ),
    (
        Part.CONCERN_IN_REVIEW,
        _Wanted(REVIEW, lambda c: c.age <= 17 and c.member(_SOCIAL_CARE, REVIEW), lambda c: c.member(_FSW, REVIEW)),
    ),
    (
        Part.CHANGE_IN_NEED,
        _Wanted(STRENGTHENING, lambda c: c.member(_FSW, STRENGTHENING), lambda c: c.has(DemoUser.FAMILY_SUPPORT)),
    ),
    (
        Part.JOINT_WORKING,
        _Wanted(SAFEGUARDING, lambda c: c.member(_SW, SAFEGUARDING), lambda c: c.has(DemoUser.SOCIAL_WORKER)),
    ),
    (
        Part.SUPPORT_ATTACHED,
        _Wanted(
            SAFEGUARDING,
            lambda c: c.member(_SW, SAFEGUARDING) and (len(c.members) < TEAM_LIMIT or c.has(DemoUser.FAMILY_SUPPORT)),
            lambda c: c.has(DemoUser.SOCIAL_WORKER),
        ),
    ),
    (
        Part.SUPPORT_WAITING_LONG,
        _Wanted(SAFEGUARDING, lambda c: c.member(_SW, SAFEGUARDING), lambda c: c.has(DemoUser.SOCIAL_WORKER)),
    ),
    (
        Part.SUPPORT_WAITING,
        _Wanted(SAFEGUARDING, lambda c: c.member(_SW, SAFEGUARDING), lambda c: c.has(DemoUser.SOCIAL_WORKER)),
    ),
    (
        Part.ADVICE_AREA_TEAM,
        _Wanted(SAFEGUARDING, lambda c: c.member(_SW, SAFEGUARDING), lambda c: c.has(DemoUser.SOCIAL_WORKER)),
    ),
    (
        Part.ADVICE_EARLY_HELP,
        _Wanted(STRENGTHENING, lambda c: c.member(_FSW, STRENGTHENING), lambda c: c.has(DemoUser.FAMILY_SUPPORT)),
    ),
    (
        Part.ADVICE_YOUTH_JUSTICE,
        _Wanted(
            SAFEGUARDING,
            lambda c: 14 <= c.age <= 17 and c.member(_SW, SAFEGUARDING),
            lambda c: c.has(DemoUser.SOCIAL_WORKER),
        ),
    ),
)


def plan_monday(plan: AreaPlan, src: Source, *, today: date) -> None:
    """Cast every part that some child fits, and name the children referred this week."""
    protected = {plan.young_person, *plan.families[0].children}  # the demo family sign-ins stay as they are
    pool = [c for c in _casting_view(plan, today) if c.plan.local_id not in protected]
    taken: set[str] = set()
    for part, wanted in _PARTS:
        fits = [c for c in pool if c.plan.hub_key == wanted.hub and c.plan.local_id not in taken and wanted.fits(c)]
        if not fits:
            continue
        rather = [c for c in fits if wanted.rather(c)] or fits
        chosen = src.rng.choice(rather)
        taken.add(chosen.plan.local_id)
        plan.monday.cast[part] = chosen.plan.local_id
    _move_birthdays(plan, today)
    _name_the_referred(plan, src, today)


def _casting_view(plan: AreaPlan, today: date) -> list[_Child]:
    people = {p.username: p for p in plan.practitioners}
    members: dict[str, list[tuple[PractitionerPlan, date]]] = {}
    for m in plan.memberships:
        if m.end_date is None:
            members.setdefault(m.child, []).append((people[m.practitioner], m.start_date))
    with_siblings = {s.child for s in plan.siblings}
    return [
        _Child(
            plan=c,
            age=age_on(c.date_of_birth, today),
            has_siblings=c.local_id in with_siblings,
            members=tuple(members.get(c.local_id, ())),
            today=today,
        )
        for c in plan.children
    ]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _move_birthdays(plan: AreaPlan, today: date) -> None:
    """The young person closing at 18 turns 18 today and has an EHC plan; the record past its
    retention date is of a young adult past their 25th birthday (kept until then: CLOSURE.md)."""
    turns_18 = plan.monday.cast.get(Part.TURNS_18)
    past_retention = plan.monday.cast.get(Part.CLOSED_PAST_RETENTION)
    for n, child in enumerate(plan.children):
        if child.local_id == turns_18:
            born = _years_before(today, 18)
            plan.children[n] = dataclasses.replace(child, date_of_birth=born, ehc_plan_status=EhcPlanStatus.PLAN)
        elif child.local_id == past_retention:
            plan.children[n] = dataclasses.replace(child, date_of_birth=_years_before(today - timedelta(days=61), 25))


def _name_the_referred(plan: AreaPlan, src: Source, today: date) -> None:
    """Names, dates of birth and NHS numbers of this week's referrals, unique in the area."""
    nhs_used = {c.nhs_number for c in plan.children}
    ids_used = {c.local_id for c in plan.children}
    for part, age in _REFERRED.items():
        given = src.fake.first_name_female() if src.chance(0.4) else src.fake.first_name_male()
        local_id = f"NS{src.rng.randrange(100_000, 1_000_000)}"
        while local_id in ids_used:
            local_id = f"NS{src.rng.randrange(100_000, 1_000_000)}"
        ids_used.add(local_id)
        plan.monday.referred[part] = ReferredChildPlan(
            given_name=given,
            family_name=src.fake.last_name(),
            date_of_birth=facts.born(src, age, today),
            nhs_number=facts.new_nhs_number(src, nhs_used),
            local_id=local_id,
        )
