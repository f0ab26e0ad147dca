"""Assessment policy (CwDT 3.1, 7.2, 7.3; C3, C10). Pure: no queries, no writes, no clock.

IDs match docs/rules/ASSESSMENTS.md. Each function takes the facts it judges (job roles, dates,
amounts) and returns the rules broken as ``Violation`` values; the services gather the facts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import ROUND_DOWN, Decimal

from joinedup.allocation.rules import SOCIAL_WORKER_ONLY
from joinedup.assessments.choices import (
    REVIEW_MONTHS,
    CarersOutcome,
    PanelOutcome,
    RequestKind,
    RequestStatus,
    TransitionsAfter,
)
from joinedup.core.rules import Violation
from joinedup.organisations.choices import JobRole

# C10-SINGLE-ASSESSMENT-SW follows C3-SINGLE-ASSESSMENT: "All single assessment ... processes will be
# completed by a social worker within the team's Safeguarding & Support Hub" (CwDT 7.2), so a social
# work advanced practitioner does not hold one either (as C8-SOCIAL-WORKER).
SINGLE_ASSESSORS = SOCIAL_WORKER_ONLY
# C10-CARERS-ASSESSOR: "Carers assessments can be undertaken by either a family support worker or a
# social worker" (CwDT 7.3.1). A social work advanced practitioner is a qualified social worker.
CARERS_ASSESSORS = (JobRole.SOCIAL_WORKER, JobRole.SWAP, JobRole.FAMILY_SUPPORT_WORKER)
# C10-SMALL-INCREASE: "either a social worker or family support worker can use the review process to
# identify increased need. They can then make a request to Resource Panel" (CwDT 7.3.3).
REVIEW_REQUESTERS = CARERS_ASSESSORS

# C10-SMALL-INCREASE: what counts as "a small increase in package". CwDT 7.3.3 gives no figure ("if
# needs change minimally, and a small increase in package would meet changed need"). This service
# takes up to 10% more than the amount the panel last approved: enough for a few more hours of the
# same support, and below the point where a panel would ask whether need has changed significantly,
# which is what an updated single assessment is for. A local policy choice: change it here, and in
# docs/rules/ASSESSMENTS.md, if the Resource Panel's terms of reference set another.
SMALL_INCREASE_FRACTION = Decimal("0.10")
PENNY = Decimal("0.01")


def pounds(amount: Decimal) -> str:
    """Money as GOV.UK writes it: £1,200 or £1,200.50."""
    whole = amount == amount.to_integral_value()
    return f"£{amount:,.0f}" if whole else f"£{amount:,.2f}"


def _not_future(rule: str, field: str, label: str, day: date, today: date) -> list[Violation]:
    if day > today:
        return [Violation(rule, field, f"{label} must be today or in the past")]
    return []


# ---- Single assessments --------------------------------------------------------------------


def single_assessment_worker_violations(*, job_role: str | None) -> list[Violation]:
    """C10-SINGLE-ASSESSMENT-SW: a single assessment is done by a social worker (CwDT 3.1, 7.2; C3)."""
    if job_role is None:
        return [Violation("C10-SINGLE-ASSESSMENT-SW", "social_worker", "Select the social worker doing the assessment")]
    if job_role not in SINGLE_ASSESSORS:
        message = "Select a social worker: single assessments are only done by social workers"
        return [Violation("C10-SINGLE-ASSESSMENT-SW", "social_worker", message)]
    return []


def start_violations(*, job_role: str | None, started_on: date, in_progress: bool, today: date) -> list[Violation]:
    """C10-SINGLE-ASSESSMENT-RECORD: one single assessment at a time, started today or before; and
    C10-SINGLE-ASSESSMENT-SW."""
    violations = single_assessment_worker_violations(job_role=job_role)
    if in_progress:
        message = "A single assessment is already in progress: complete it before starting another"
        violations.append(Violation("C10-SINGLE-ASSESSMENT-RECORD", None, message))
    return violations + _not_future("C10-SINGLE-ASSESSMENT-RECORD", "started_on", "Date started", started_on, today)


def completion_violations(*, started_on: date, completed_on: date, outcome: str, today: date) -> list[Violation]:
    """C10-SINGLE-ASSESSMENT-RECORD: completed on or after the day it started, not in the future,
    with what it found."""
    violations = _not_future("C10-SINGLE-ASSESSMENT-RECORD", "completed_on", "Date completed", completed_on, today)
    if completed_on < started_on:
        message = f"Date completed must be on or after the day it started, {started_on:%-d %B %Y}"
        violations.append(Violation("C10-SINGLE-ASSESSMENT-RECORD", "completed_on", message))
    if not outcome.strip():
        violations.append(Violation("C10-SINGLE-ASSESSMENT-RECORD", "outcome", "Enter what the assessment found"))
    return violations


# ---- Carers assessments --------------------------------------------------------------------


def carers_offer_violations(
    *, offered: bool | None, taken_up: bool | None, offered_on: date, today: date
) -> list[Violation]:
    """C10-CARERS-OFFERED: "All carers will be made aware of their entitlement to a carers assessment
    during the single assessment and at review" (CwDT 7.3.1): the offer is made, and whether it was
    taken up is recorded. Call it at every single assessment and every child in need review."""
    violations = []
    if offered is None:
        violations.append(
            Violation("C10-CARERS-OFFERED", "carers_offered", "Select yes if a carers assessment was offered")
        )
    elif not offered:
        message = (
            "Offer the parents and carers a carers assessment: they are told of their right to one at every "
            "single assessment and review (CwDT 7.3.1)"
        )
        violations.append(Violation("C10-CARERS-OFFERED", "carers_offered", message))
    elif taken_up is None:
        violations.append(
            Violation("C10-CARERS-OFFERED", "carers_taken_up", "Select yes if they want a carers assessment")
        )
    return violations + _not_future("C10-CARERS-OFFERED", "offered_on", "Date offered", offered_on, today)


def carers_assessor_violations(*, job_role: str | None, field: str = "assessor") -> list[Violation]:
    """C10-CARERS-ASSESSOR: a family support worker or a social worker (CwDT 7.3.1)."""
    if job_role is None:
        return [Violation("C10-CARERS-ASSESSOR", field, "Select who did it")]
    if job_role not in CARERS_ASSESSORS:
        message = "Select a family support worker or a social worker: they do carers assessments and their reviews"
        return [Violation("C10-CARERS-ASSESSOR", field, message)]
    return []


def carers_outcome_violations(*, outcomes: Collection[str], notes: str) -> list[Violation]:
    """C10-CARERS-OUTCOMES: one or more outcomes from the list (advice, guidance, signposting, respite
    support, other support including a small financial package: CwDT 7.3.1), described in notes."""
    violations = []
    if not outcomes:
        violations.append(Violation("C10-CARERS-OUTCOMES", "outcomes", "Select at least one outcome"))
    elif any(o not in CarersOutcome.values for o in outcomes):
        violations.append(Violation("C10-CARERS-OUTCOMES", "outcomes", "Select outcomes from the list"))
    if not notes.strip():
        violations.append(Violation("C10-CARERS-OUTCOMES", "notes", "Enter the carer's needs and what was agreed"))
    return violations


def review_interval_violations(*, months: int | None) -> list[Violation]:
    """C10-CARERS-INTERVAL: "reviewed/reassessed every 6 months or 12 months (as agreed)" (CwDT 7.3.1)."""
    if months not in REVIEW_MONTHS:
        return [Violation("C10-CARERS-INTERVAL", "review_months", "Select 6 months or 12 months")]
    return []


def carers_assessment_violations(
    *,
    carer_linked: bool,
    job_role: str | None,
    assessed_on: date,
    outcomes: Collection[str],
    notes: str,
    months: int | None,
    today: date,
) -> list[Violation]:
    """A carers assessment of one of the child's own parents or carers: C10-CARERS-ASSESSOR,
    C10-CARERS-OUTCOMES and C10-CARERS-INTERVAL, on a date not in the future."""
    violations = []
    if not carer_linked:
        violations.append(Violation("C10-CARERS-OUTCOMES", "carer", "Select one of the child's parents or carers"))
    violations += carers_assessor_violations(job_role=job_role)
    violations += _not_future("C10-CARERS-OUTCOMES", "assessed_on", "Date of the assessment", assessed_on, today)
    violations += carers_outcome_violations(outcomes=outcomes, notes=notes)
    return violations + review_interval_violations(months=months)


def carers_review_violations(
    *, job_role: str | None, reviewed_on: date, last_on: date, notes: str, months: int | None, today: date
) -> list[Violation]:
    """C10-CARERS-REVIEW-RECORD: a review follows the assessment or last review (``last_on``), is by a
    family support worker or social worker, says what has changed and sets the next interval."""
    violations = carers_assessor_violations(job_role=job_role, field="reviewer")
    violations += _not_future("C10-CARERS-REVIEW-RECORD", "reviewed_on", "Date of the review", reviewed_on, today)
    if reviewed_on < last_on:
        message = f"Date of the review must be on or after the last assessment or review, {last_on:%-d %B %Y}"
        violations.append(Violation("C10-CARERS-REVIEW-RECORD", "reviewed_on", message))
    if not notes.strip():
        message = "Enter what has changed and whether the support still meets the carer's needs"
        violations.append(Violation("C10-CARERS-REVIEW-RECORD", "notes", message))
    return violations + review_interval_violations(months=months)


# ---- Transitions ---------------------------------------------------------------------------


def transitions_violations(
    *,
    worker_is_case_worker: bool,
    after: str,
    assessed_on: date,
    transitional_needs: str,
    referral_made_on: date | None,
    today: date,
) -> list[Violation]:
    """C10-TRANSITIONS-WORKER: "this assessment will be undertaken by the current allocated or assigned
    worker either following an enhanced review or an updating single assessment. This assessment
    identifies the transitional needs of the child and their family" (CwDT 7.3.2)."""
    violations = []
    if not worker_is_case_worker:
        message = "Select the child's allocated or assigned worker: they do the transitions assessment (CwDT 7.3.2)"
        violations.append(Violation("C10-TRANSITIONS-WORKER", "worker", message))
    if after not in TransitionsAfter.values:
        message = "Select whether it followed an enhanced review or an updating single assessment"
        violations.append(Violation("C10-TRANSITIONS-WORKER", "after", message))
    violations += _not_future("C10-TRANSITIONS-WORKER", "assessed_on", "Date of the assessment", assessed_on, today)
    if not transitional_needs.strip():
        message = "Enter the transitional needs of the young person and their family"
        violations.append(Violation("C10-TRANSITIONS-WORKER", "transitional_needs", message))
    if referral_made_on is not None:
        violations += referral_violations(
            assessed_on=assessed_on, referral_made_on=referral_made_on, already_made=False, today=today
        )
    return violations


def referral_violations(
    *, assessed_on: date, referral_made_on: date, already_made: bool, today: date
) -> list[Violation]:
    """C10-REFERRAL-MADE: the transitions referral to adult social care follows the transitions
    assessment (CwDT 7.3.2: "A transitions referral will then be completed"), is made once, and is
    recorded after it is made."""
    if already_made:
        return [Violation("C10-REFERRAL-MADE", None, "The referral to adult social care is already recorded")]
    violations = _not_future("C10-REFERRAL-MADE", "referral_made_on", "Date of the referral", referral_made_on, today)
    if referral_made_on < assessed_on:
        message = f"Date of the referral must be on or after the transitions assessment, {assessed_on:%-d %B %Y}"
        violations.append(Violation("C10-REFERRAL-MADE", "referral_made_on", message))
    return violations


# ---- Direct payments, short breaks and the Resource Panel ----------------------------------


def small_increase_limit(current: Decimal) -> Decimal:
    """C10-SMALL-INCREASE: the most a small increase can bring a package to, a year."""
    return (current * (1 + SMALL_INCREASE_FRACTION)).quantize(PENNY, rounding=ROUND_DOWN)


def change_kind(*, current: Decimal, asked: Decimal, adds_overnight: bool) -> RequestKind:
    """A change within the small-increase limit that adds no overnight respite can be asked for at a
    review; anything else is a larger change (CwDT 7.3.3)."""
    if not adds_overnight and asked <= small_increase_limit(current):
        return RequestKind.SMALL_INCREASE
    return RequestKind.CHANGE


def _request_violations(*, asked: str, amount: Decimal | None) -> list[Violation]:
    """C10-PANEL-REQUEST: every request says what is asked for and the amount a year."""
    violations = []
    if not asked.strip():
        violations.append(Violation("C10-PANEL-REQUEST", "asked", "Enter what the package would provide"))
    if amount is None or amount <= 0:
        violations.append(Violation("C10-PANEL-REQUEST", "amount", "Enter the amount a year, more than £0"))
    return violations


def package_violations(
    *,
    assessment_started_on: date | None,
    assessment_completed_on: date | None,
    overnight_respite: bool,
    asked: str,
    amount: Decimal | None,
    today: date,
) -> list[Violation]:
    """C10-PACKAGE-AFTER-SA: "Initial Direct Payment/short break support will be identified during or
    shortly after the single assessment" (CwDT 7.3.3): never before one has started.
    C10-OVERNIGHT-PANEL: "All requests for overnight respite support must be considered in a single
    assessment and agreed at Resources Panel": overnight respite needs a completed single assessment.
    ``assessment_*`` describe the child's latest single assessment."""
    violations = []
    if assessment_started_on is None or assessment_started_on > today:
        message = (
            "A package is identified during or after a single assessment (CwDT 7.3.3): "
            "start the child's single assessment first"
        )
        violations.append(Violation("C10-PACKAGE-AFTER-SA", None, message))
    elif overnight_respite and (assessment_completed_on is None or assessment_completed_on > today):
        message = (
            "Overnight respite must be considered in a completed single assessment and agreed at the "
            "Resource Panel (CwDT 7.3.3): complete the single assessment first"
        )
        violations.append(Violation("C10-OVERNIGHT-PANEL", "overnight_respite", message))
    return violations + _request_violations(asked=asked, amount=amount)


def change_violations(
    *,
    package_in_place: bool,
    waiting_request: bool,
    current: Decimal | None,
    package_set_on: date | None,
    asked: str,
    amount: Decimal | None,
    adds_overnight: bool,
    reviewed_on: date | None,
    requester_role: str | None,
    updated_assessment_on: date | None,
    today: date,
) -> list[Violation]:
    """A revised package (CwDT 7.3.3):
    C10-SMALL-INCREASE: "If needs change minimally, and a small increase in package would meet changed
    need, either a social worker or family support worker can use the review process to identify
    increased need. They can then make a request to Resource Panel": within the limit, at a review.
    C10-LARGER-CHANGE: "If the change in need/increase in package is more significant, an updated single
    assessment will be required": a single assessment completed since the package was last agreed.
    C10-OVERNIGHT-PANEL: adding overnight respite is never a small increase; it needs that assessment.
    ``updated_assessment_on`` is when the child's latest single assessment was completed."""
    if not package_in_place or current is None or package_set_on is None:
        message = "The Resource Panel has not agreed this package yet: wait for its decision"
        return [Violation("C10-PANEL-REQUEST", None, message)]
    if waiting_request:
        return [Violation("C10-PANEL-REQUEST", None, "A request for this package is already waiting for the panel")]
    violations = _request_violations(asked=asked, amount=amount)
    if amount is None or amount <= 0:
        return violations
    if change_kind(current=current, asked=amount, adds_overnight=adds_overnight) == RequestKind.SMALL_INCREASE:
        return violations + _small_increase_violations(
            reviewed_on=reviewed_on, package_set_on=package_set_on, requester_role=requester_role, today=today
        )
    if updated_assessment_on is not None and package_set_on <= updated_assessment_on <= today:
        return violations
    if adds_overnight:
        message = (
            "Overnight respite must be considered in a single assessment and agreed at the Resource Panel "
            "(CwDT 7.3.3): complete an updated single assessment first"
        )
        return [*violations, Violation("C10-OVERNIGHT-PANEL", "adds_overnight", message)]
    message = (
        f"{pounds(amount)} a year is more than a small increase (up to {pounds(small_increase_limit(current))}, "
        f"{SMALL_INCREASE_FRACTION:.0%} more than the {pounds(current)} agreed). A larger change needs an updated "
        "single assessment by a social worker first (CwDT 7.3.3)"
    )
    return [*violations, Violation("C10-LARGER-CHANGE", "amount", message)]


def _small_increase_violations(
    *, reviewed_on: date | None, package_set_on: date, requester_role: str | None, today: date
) -> list[Violation]:
    violations = []
    if requester_role not in REVIEW_REQUESTERS:
        message = "A social worker or family support worker asks for a small increase identified at a review"
        violations.append(Violation("C10-SMALL-INCREASE", None, message))
    if reviewed_on is None:
        message = "Enter the date of the review that identified the increased need"
        violations.append(Violation("C10-SMALL-INCREASE", "reviewed_on", message))
    elif reviewed_on > today:
        violations.append(Violation("C10-SMALL-INCREASE", "reviewed_on", "Date of the review must be in the past"))
    elif reviewed_on < package_set_on:
        message = f"Date of the review must be on or after the package was agreed, {package_set_on:%-d %B %Y}"
        violations.append(Violation("C10-SMALL-INCREASE", "reviewed_on", message))
    return violations


def decision_violations(
    *,
    request_status: str,
    outcome: str,
    amount_requested: Decimal,
    amount_approved: Decimal | None,
    requested_on: date,
    decided_on: date,
    reason: str,
    today: date,
) -> list[Violation]:
    """C10-PANEL-DECISION: the Resource Panel approves (with the amount, at most what was asked),
    declines or defers (with a reason) a request still waiting, on a date from the request to today."""
    if request_status != RequestStatus.WAITING:
        return [Violation("C10-PANEL-DECISION", None, "The panel has already decided this request")]
    violations = []
    if outcome not in PanelOutcome.values:
        violations.append(Violation("C10-PANEL-DECISION", "outcome", "Select what the panel decided"))
    elif outcome == PanelOutcome.APPROVED:
        if amount_approved is None or amount_approved <= 0:
            message = "Enter the amount a year the panel approved"
            violations.append(Violation("C10-PANEL-DECISION", "amount_approved", message))
        elif amount_approved > amount_requested:
            message = f"The amount approved must be no more than the {pounds(amount_requested)} a year asked for"
            violations.append(Violation("C10-PANEL-DECISION", "amount_approved", message))
    else:
        if amount_approved is not None:
            message = "Only enter an amount when the panel approved the request"
            violations.append(Violation("C10-PANEL-DECISION", "amount_approved", message))
        if not reason.strip():
            label = "declined" if outcome == PanelOutcome.DECLINED else "deferred"
            violations.append(Violation("C10-PANEL-DECISION", "reason", f"Enter why the panel {label} it"))
    violations += _not_future("C10-PANEL-DECISION", "decided_on", "Date of the decision", decided_on, today)
    if decided_on < requested_on:
        message = f"Date of the decision must be on or after the request, {requested_on:%-d %B %Y}"
        violations.append(Violation("C10-PANEL-DECISION", "decided_on", message))
    return violations
