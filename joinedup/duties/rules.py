"""When each duty falls due, and who owns it (C5, C10). Pure: no queries, no writes, no clock.

Each rule takes the facts of one child and returns the duty it calls for, with the rule's ID and
a plain-English basis, or None. ``duties_due`` applies them all; the sweep makes the stored duties
match. A date is always computed from the last completed occurrence (or the day the hub took the
case), so a next due date is never before the last one done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple
from uuid import UUID

from joinedup.allocation.choices import HubCode
from joinedup.core.dates import add_months, birthday
from joinedup.core.rules import Violation
from joinedup.duties.choices import CadenceKind, DutyKind
from joinedup.teams.rules import DEFAULT_LEVEL, LEVELS

RI = HubCode.REVIEW_INTERVENTION
ADULTHOOD = 18
PFA_FROM = 14  # CwDT 7.3.2: "From the age of 14 ... Preparing for Adulthood outcomes"
ADULT_SOCIAL_CARE_BY = 16  # CwDT 7.3.2: "a transitions referral will then be completed by the age of 16"
APPROACHING_16_MONTHS = 6  # "as ... approaching 16 years of age": the referral shows 6 months before
POST_18_FROM = 17
POST_18_MONTHS_BEFORE = 6  # a plan for after 18 in place 6 months before the 18th birthday (NG213 1.17.2)
MILESTONE_NOTICE_DAYS = 90  # a milestone appears on worklists this long before it is due
EHC_REVIEW_MONTHS = 12  # an EHC plan is reviewed at least every 12 months
COMBINE_WINDOW_DAYS = 42  # reviews within 6 weeks of each other are proposed to be combined (CwDT 2.5)
RI_DEFAULT_REVIEW_DAYS = 182  # until a manager sets 6 or 12 months at allocation, the shorter applies


class Cadence(NamedTuple):
    """How the hub holding the case reviews and visits, and what a manager has agreed (C5).
    Named tuples, not frozen dataclasses, here and below: as unchangeable, and the sweep makes a
    million of each, which a frozen dataclass takes six times as long to make (issue 6)."""

    hub: HubCode
    held_since: date
    cin_review_days: int | None
    visit_days: int
    agreed_review_days: int | None = None
    agreed_visit_days: int | None = None


class DutyFacts(NamedTuple):
    """What the rules need to know about one child."""

    date_of_birth: date
    cadence: Cadence | None  # None: no hub of the Children with Disabilities Team holds the case
    last_done: Mapping[DutyKind, date] = MappingProxyType({})  # read only: one empty mapping for all
    ehc_plan_since: date | None = None  # the EHC plan's date, when the child has one
    carers_assessment: tuple[date, int] | None = None  # last carers assessment or review, months to next
    case_worker: UUID | None = None  # allocated or assigned worker
    key_worker: UUID | None = None
    sen_officer: UUID | None = None
    key_worker_since: date | None = None  # the current key worker's start date
    key_working: tuple[str, int] | None = None  # the level set (its label) and days between contacts


class DueDuty(NamedTuple):
    """A duty the rules call for."""

    kind: DutyKind
    due_on: date
    starts_on: date
    rule: str
    basis: str
    owner: UUID | None


@lru_cache(maxsize=100_000)
def _long(day: date) -> str:
    """A date as the basis words write it (1 December 2026). Kept: the sweep writes some thousands
    of distinct dates a million times."""
    return f"{day:%-d %B %Y}"


def _every(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    return f"every {days} days"


def _from(facts: DutyFacts, kind: DutyKind, cadence: Cadence) -> tuple[date, str]:
    last = facts.last_done.get(kind)
    if last is not None and last >= cadence.held_since:
        return last, f"last done {_long(last)}"
    return cadence.held_since, f"since {cadence.hub.label} took the case on {_long(cadence.held_since)}"


def _worker(facts: DutyFacts) -> UUID | None:
    return facts.case_worker or facts.key_worker


def cin_review(facts: DutyFacts, today: date) -> DueDuty | None:
    """C5-CIN-REVIEW: the child in need plan is reviewed at the hub's cadence: S&S no less than every
    6 weeks (CwDT 3.3), SF at least every 3 months (4.2.2), R&I every 6 or 12 months as set at
    allocation (5.2)."""
    c = facts.cadence
    if c is None:
        return None
    if c.hub == RI:
        days = c.agreed_review_days or RI_DEFAULT_REVIEW_DAYS
        how = (
            f"{_every(days)}, as set at allocation"
            if c.agreed_review_days
            else f"{_every(days)} until a manager sets 6 or 12 months"
        )
    else:
        days = c.cin_review_days or RI_DEFAULT_REVIEW_DAYS
        how = _every(days)
    start, since = _from(facts, DutyKind.CIN_REVIEW, c)
    due = start + timedelta(days=days)
    return DueDuty(
        DutyKind.CIN_REVIEW,
        due,
        start,
        "C5-CIN-REVIEW",
        f"{c.hub.label} reviews the plan {how}; {since}",
        _worker(facts),
    )


def visit(facts: DutyFacts, today: date) -> DueDuty | None:
    """C5-VISIT: the child is seen at the hub's cadence (S&S at least 6 weekly unless a manager agrees
    less, SF usually 6 weekly as in the plan, R&I at least 6 monthly: CwDT 3.3, 4.2.2, 5.3)."""
    c = facts.cadence
    if c is None:
        return None
    days = c.agreed_visit_days or c.visit_days
    how = f"{_every(days)}, as a manager agreed" if c.agreed_visit_days else _every(days)
    start, since = _from(facts, DutyKind.VISIT, c)
    return DueDuty(
        DutyKind.VISIT,
        start + timedelta(days=days),
        start,
        "C5-VISIT",
        f"{c.hub.label} visits {how}; {since}",
        _worker(facts),
    )


def ehc_annual_review(facts: DutyFacts, today: date) -> DueDuty | None:
    """C5-EHC-REVIEW: an EHC plan is reviewed at least every 12 months, from the plan's date or the
    last review."""
    if facts.ehc_plan_since is None or facts.cadence is None:
        return None
    last = facts.last_done.get(DutyKind.EHC_ANNUAL_REVIEW)
    start = max(last, facts.ehc_plan_since) if last else facts.ehc_plan_since
    due = add_months(start, EHC_REVIEW_MONTHS)
    basis = f"EHC plans are reviewed every 12 months; from {_long(start)}"
    return DueDuty(DutyKind.EHC_ANNUAL_REVIEW, due, start, "C5-EHC-REVIEW", basis, facts.sen_officer or _worker(facts))


def carers_assessment_review(facts: DutyFacts, today: date) -> DueDuty | None:
    """C10-CARERS-REVIEW: a carers assessment is reviewed every 6 or 12 months, as agreed (CwDT 7.3.1)."""
    if facts.carers_assessment is None or facts.cadence is None:
        return None
    last, months = facts.carers_assessment
    done = facts.last_done.get(DutyKind.CARERS_ASSESSMENT_REVIEW)
    start = max(last, done) if done else last
    basis = f"Carers assessments are reviewed every {months} months, as agreed; last on {_long(start)}"
    return DueDuty(
        DutyKind.CARERS_ASSESSMENT_REVIEW, add_months(start, months), start, "C10-CARERS-REVIEW", basis, _worker(facts)
    )


class _Milestone(NamedTuple):
    """A once-in-a-lifetime duty's dates and words, which depend only on the date of birth."""

    due_on: date
    starts_on: date
    rule: str
    basis: str


class _FromBirth(NamedTuple):
    eighteen: date
    pfa_plan: _Milestone
    adult_social_care_referral: _Milestone
    post_18_plan: _Milestone


@lru_cache(maxsize=100_000)
def _from_birth(born: date) -> _FromBirth:
    """The milestones of someone born on ``born``. Kept: a million children share some ten thousand
    dates of birth, and the sweep asks for each child's (issue 6)."""
    fourteen = birthday(born, PFA_FROM)
    sixteen = birthday(born, ADULT_SOCIAL_CARE_BY)
    eighteen = birthday(born, ADULTHOOD)
    return _FromBirth(
        eighteen=eighteen,
        pfa_plan=_milestone(
            fourteen,
            fourteen - timedelta(days=MILESTONE_NOTICE_DAYS),
            "C10-PFA",
            f"From 14 a Preparing for Adulthood plan; 14th birthday {_long(fourteen)}",
        ),
        adult_social_care_referral=_milestone(
            sixteen,
            add_months(sixteen, -APPROACHING_16_MONTHS),
            "C10-ADULT-REFERRAL",
            f"A transitions referral to adult social care is completed by 16; 16th birthday {_long(sixteen)}",
        ),
        post_18_plan=_milestone(
            add_months(eighteen, -POST_18_MONTHS_BEFORE),
            birthday(born, POST_18_FROM),
            "C10-POST-18",
            f"Plan funding and services for after 18 (NG213 1.17.2); 18th birthday {_long(eighteen)}",
        ),
    )


def _milestone(due: date, starts: date, rule: str, basis: str) -> _Milestone:
    """It shows on worklists from ``starts``, or from when it is due if that is earlier."""
    return _Milestone(due, min(starts, due), rule, basis)


def _if_open(facts: DutyFacts, today: date, kind: DutyKind) -> _FromBirth | None:
    """The child's milestones while a once-in-a-lifetime duty applies: the case is open, it was never
    done, and the young person is not yet 18. None when it does not apply."""
    if facts.cadence is None or kind in facts.last_done:
        return None
    from_birth = _from_birth(facts.date_of_birth)
    return from_birth if today < from_birth.eighteen else None


def _due(facts: DutyFacts, kind: DutyKind, milestone: _Milestone) -> DueDuty:
    return DueDuty(kind, milestone.due_on, milestone.starts_on, milestone.rule, milestone.basis, _worker(facts))


def preparing_for_adulthood_plan(facts: DutyFacts, today: date) -> DueDuty | None:
    """C10-PFA: from 14, a Preparing for Adulthood plan (employment, independent living, good health,
    friends, relationships and community: CwDT 7.3.2)."""
    from_birth = _if_open(facts, today, DutyKind.PFA_PLAN)
    return _due(facts, DutyKind.PFA_PLAN, from_birth.pfa_plan) if from_birth else None


def adult_social_care_referral(facts: DutyFacts, today: date) -> DueDuty | None:
    """C10-ADULT-REFERRAL: a referral to adult social care is started as 16 approaches and completed by
    the 16th birthday (CwDT 7.3.2)."""
    kind = DutyKind.ADULT_SOCIAL_CARE_REFERRAL
    from_birth = _if_open(facts, today, kind)
    return _due(facts, kind, from_birth.adult_social_care_referral) if from_birth else None


def post_18_plan(facts: DutyFacts, today: date) -> DueDuty | None:
    """C10-POST-18: a plan for how funding and services are organised after 18 (NG213 1.17.2), from 17
    and in place 6 months before the 18th birthday."""
    from_birth = _if_open(facts, today, DutyKind.POST_18_PLAN)
    return _due(facts, DutyKind.POST_18_PLAN, from_birth.post_18_plan) if from_birth else None


def key_worker_contact(facts: DutyFacts, today: date) -> DueDuty | None:
    """B4-CONTACT: the key worker is in touch at the frequency the child's level of key working
    support sets (NG213 1.15.2, 1.15.8), counted from the last contact done since they became key
    worker, else from the day they did. Until a level is set, the standard level's frequency. Like
    every swept duty, only while the case is open (a hub holds it)."""
    if facts.cadence is None or facts.key_worker is None or facts.key_worker_since is None:
        return None
    if facts.key_working is not None:
        level, days = facts.key_working
        how = f"{level} key working support: in touch {_every(days)}"
    else:
        default = LEVELS[DEFAULT_LEVEL]
        days = default.contact_days
        how = f"{default.label} key working support until a level is set: in touch {_every(days)}"
    last = facts.last_done.get(DutyKind.KEY_WORKER_CONTACT)
    if last is not None and last >= facts.key_worker_since:
        start, since = last, f"last contact {_long(last)}"
    else:
        start, since = facts.key_worker_since, f"key worker since {_long(facts.key_worker_since)}"
    due = start + timedelta(days=days)
    return DueDuty(DutyKind.KEY_WORKER_CONTACT, due, start, "B4-CONTACT", f"{how}; {since}", facts.key_worker)


RULES: tuple[Callable[[DutyFacts, date], DueDuty | None], ...] = (
    cin_review,
    visit,
    ehc_annual_review,
    carers_assessment_review,
    preparing_for_adulthood_plan,
    adult_social_care_referral,
    post_18_plan,
    key_worker_contact,
)


def duties_due(facts: DutyFacts, *, today: date) -> list[DueDuty]:
    """Every duty the child's facts call for on ``today``, one per kind."""
    return [d for d in (rule(facts, today) for rule in RULES) if d is not None]


def combine_with_ehc_review(*, cin_review_due: date, ehc_review_due: date | None) -> str | None:
    """C5-COMBINE: "Where appropriate, a review may be combined with the EHC Plan review" (CwDT 3.3,
    5.2), aligned "wherever possible" (2.5): when the two fall within 6 weeks, propose holding them
    together on the earlier date."""
    if ehc_review_due is None or abs((ehc_review_due - cin_review_due).days) > COMBINE_WINDOW_DAYS:
        return None
    on = min(cin_review_due, ehc_review_due)
    return (
        f"The EHC plan review is due {_long(ehc_review_due)}: consider holding the child in need review "
        f"with it on {_long(on)} (CwDT 2.5)"
    )


def cadence_agreement_violations(
    *, kind: CadenceKind, hub: HubCode, interval_days: int, review_options: list[int], hub_visit_days: int, reason: str
) -> list[Violation]:
    """C5-AGREEMENT: R&I sets its review interval from its options (6 or 12 months: CwDT 5.2); other
    hubs' review cadences are fixed (3.3, 4.2.2). Visits less often than the hub's cadence need a
    manager's reason (3.3), and R&I children are seen at least 6 monthly whatever is agreed (5.3)."""
    violations = []
    if kind == CadenceKind.CIN_REVIEW:
        if hub != RI:
            violations.append(
                Violation("C5-AGREEMENT", "interval_days", f"{hub.label} reviews are at the hub's cadence")
            )
        elif interval_days not in review_options:
            months = " or ".join(f"{round(d / 30.4)} months" for d in review_options) or "the hub's options"
            violations.append(Violation("C5-AGREEMENT", "interval_days", f"Choose {months}"))
    elif hub == RI and interval_days > hub_visit_days:
        violations.append(
            Violation(
                "C5-AGREEMENT",
                "interval_days",
                f"Review & Intervention children are visited at least {_every(hub_visit_days)} (CwDT 5.3)",
            )
        )
    if interval_days < 1:
        violations.append(Violation("C5-AGREEMENT", "interval_days", "Enter a whole number of days, 1 or more"))
    if not reason.strip():
        violations.append(Violation("C5-AGREEMENT", "reason", "Enter why"))
    return violations


def interval_days(*, kind: CadenceKind, weeks: int, review_options: list[int]) -> int:
    """What a manager's "every N weeks" means in days: for a Review & Intervention review, the
    hub's option of that many weeks (26 weeks is 6 months, 52 weeks is 12 months)."""
    if kind == CadenceKind.CIN_REVIEW:
        for option in review_options:
            if round(option / 7) == weeks:
                return option
    return weeks * 7
