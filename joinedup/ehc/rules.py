"""EHC needs assessment policy (F3, F2). Pure: no queries, no writes, no clock.

IDs match docs/rules/EHC.md. Deadlines are whole days counted from the request, as the SEND
Regulations 2014 set them: 6 weeks to decide (reg 5(1)), 6 weeks for each piece of advice (reg 8(1)),
20 weeks to the final plan (reg 13(2)). They never move, and a missed deadline never moves a child
in the queue (F2; NG213 1.17.4).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from joinedup.core.rules import Violation
from joinedup.ehc.choices import OPEN_STATUSES, AdviceSection, AssessmentStatus, Decision, Step
from joinedup.people.choices import EhcPlanStatus

S = AssessmentStatus
DECISION_WEEKS = 6
FINAL_WEEKS = 20
ADVICE_WEEKS = 6

# F2-WAITING-ORDER: the one order of the waiting list. Request date first, then when it was recorded
# (two requests on one day), then the id (a stable tie-break). No deadline or overdue flag is in it.
WAITING_ORDER = ("requested_on", "recorded_at", "id")

# F3-STEP-ORDER: the stages from which each step may be taken.
STEP_FROM: dict[Step, frozenset[AssessmentStatus]] = {
    Step.DECIDE: frozenset({S.REQUESTED}),
    Step.ASK_ADVICE: frozenset({S.ASSESSING}),
    Step.RECEIVE_ADVICE: OPEN_STATUSES,
    Step.ISSUE_DRAFT: frozenset({S.ASSESSING}),
    Step.ISSUE_FINAL: frozenset({S.DRAFT_ISSUED}),
    Step.STOP: OPEN_STATUSES,
}

ONE_OPEN = "An EHC needs assessment is already open for this child: record its outcome or stop it first"
ENDED = {
    S.NOT_ASSESSING: "It was decided not to assess, so this assessment has ended",
    S.FINAL_ISSUED: "The final EHC plan has been issued, so this assessment has ended",
    S.STOPPED: "This assessment was stopped, so it has ended",
}
# Why a step cannot be taken yet, or any more, from a stage the assessment is still open in.
NOT_FROM: dict[tuple[Step, AssessmentStatus], str] = {
    (Step.DECIDE, S.ASSESSING): "The decision to assess has already been recorded",
    (Step.DECIDE, S.DRAFT_ISSUED): "The decision to assess has already been recorded",
    (Step.ASK_ADVICE, S.REQUESTED): "Record the decision to assess before asking for advice",
    (Step.ASK_ADVICE, S.DRAFT_ISSUED): "The draft plan has been issued: advice is asked for before the draft",
    (Step.ISSUE_DRAFT, S.REQUESTED): "Record the decision to assess before issuing a draft plan",
    (Step.ISSUE_DRAFT, S.DRAFT_ISSUED): "The draft plan has already been issued",
    (Step.ISSUE_FINAL, S.REQUESTED): "Record the decision to assess, then the draft plan, before the final plan",
    (Step.ISSUE_FINAL, S.ASSESSING): "Record the draft plan issued before the final plan",
}


def decision_due(requested_on: date) -> date:
    """F3-DECISION-6-WEEKS: the decision whether to assess is due 6 weeks (42 days) after the request
    (SEND Regulations 2014, reg 5(1))."""
    return requested_on + timedelta(weeks=DECISION_WEEKS)


def final_due(requested_on: date) -> date:
    """F3-FINAL-20-WEEKS: the final EHC plan is due 20 weeks (140 days) after the request, whatever
    happened on the way (reg 13(2))."""
    return requested_on + timedelta(weeks=FINAL_WEEKS)


def advice_due(asked_on: date) -> date:
    """F3-ADVICE-6-WEEKS: advice is due 6 weeks (42 days) after it was asked for (reg 8(1))."""
    return asked_on + timedelta(weeks=ADVICE_WEEKS)


def is_overdue(*, due_on: date, done_on: date | None, today: date) -> bool:
    """F3-OVERDUE: a deadline is overdue when the day has passed and the step is not done. It is
    shown, never used to order anyone (F2-WAITING-ORDER)."""
    return done_on is None and today > due_on


def was_late(*, due_on: date, done_on: date | None) -> bool:
    """F3-OVERDUE: a step done after its deadline is shown as done late."""
    return done_on is not None and done_on > due_on


def step_violation(step: Step, status: AssessmentStatus) -> Violation | None:
    """F3-STEP-ORDER: each step in turn. Decide once, while requested; ask for advice while assessing;
    draft after the decision to assess; final after the draft; stop while open."""
    if status in STEP_FROM[step]:
        return None
    message = ENDED.get(status) or NOT_FROM.get((step, status)) or "This step cannot be taken now"
    return Violation("F3-STEP-ORDER", None, message)


def _date_violations(*, field: str, on: date, after: date | None, after_what: str, today: date) -> list[Violation]:
    """F3-DATES: a step happens today or in the past, and not before the step it follows."""
    if on > today:
        return [Violation("F3-DATES", field, "The date must be today or in the past")]
    if after is not None and on < after:
        return [Violation("F3-DATES", field, f"The date must be on or after {after_what}, {after:%-d %B %Y}")]
    return []


def request_violations(*, requested_on: date, today: date, has_open: bool) -> list[Violation]:
    """F3-ONE-OPEN and F3-DATES: a new request while another is open is refused; the date it was
    received is today or in the past (deadlines run from it even when recorded later)."""
    violations = []
    if has_open:
        violations.append(Violation("F3-ONE-OPEN", None, ONE_OPEN))
    violations += _date_violations(field="requested_on", on=requested_on, after=None, after_what="", today=today)
    return violations


def decision_violations(
    *, status: AssessmentStatus, requested_on: date, decision: Decision, decided_on: date, reason: str, today: date
) -> list[Violation]:
    """F3-STEP-ORDER, F3-DATES and F3-NOT-ASSESSING-REASON: decide once, on or after the request;
    a decision not to assess says why (the family is told, with their right to appeal)."""
    if refused := step_violation(Step.DECIDE, status):
        return [refused]
    violations = _date_violations(
        field="decided_on", on=decided_on, after=requested_on, after_what="the request", today=today
    )
    if decision == Decision.NOT_ASSESS and not reason.strip():
        violations.append(Violation("F3-NOT-ASSESSING-REASON", "reason", "Enter why the child will not be assessed"))
    return violations


def advice_violations(
    *,
    status: AssessmentStatus,
    decided_on: date | None,
    asked_on: date,
    today: date,
    in_team: bool,
    already_asked: bool,
    who: str,
    sections: Collection[str],
    outcomes_in_plan: bool,
) -> list[Violation]:
    """F3-STEP-ORDER, F3-DATES, F3-ADVICE-TEAM, F3-ADVICE-ONCE and F3-ADVICE-FEEDS: advice is asked for while
    assessing, of someone in the child's team who has not an outstanding request already, and
    names at least one section of the plan it feeds (NG213 1.15.20); outcomes named are the
    child's EHC plan's."""
    if refused := step_violation(Step.ASK_ADVICE, status):
        return [refused]
    violations = _date_violations(
        field="requested_on", on=asked_on, after=decided_on, after_what="the decision to assess", today=today
    )
    if not in_team:
        violations.append(
            Violation(
                "F3-ADVICE-TEAM",
                "practitioner",
                f"{who} is not in the child's team: advice is asked of the child's team. Add them to the team first",
            )
        )
    elif already_asked:
        violations.append(
            Violation("F3-ADVICE-ONCE", "practitioner", f"{who} has already been asked and has not yet given advice")
        )
    if not sections or any(s not in AdviceSection.values for s in sections):
        violations.append(
            Violation("F3-ADVICE-FEEDS", "sections", "Select which sections of the EHC plan the advice feeds")
        )
    if not outcomes_in_plan:
        violations.append(Violation("F3-ADVICE-FEEDS", "outcomes", "Select outcomes from the child's EHC plan"))
    return violations


def advice_received_violations(
    *, status: AssessmentStatus, asked_on: date, received_on: date, already_received: bool, today: date
) -> list[Violation]:
    """F3-STEP-ORDER and F3-DATES: advice is recorded received once, while the assessment is open,
    on or after the day it was asked for."""
    if refused := step_violation(Step.RECEIVE_ADVICE, status):
        return [refused]
    if already_received:
        return [Violation("F3-STEP-ORDER", None, "This advice has already been recorded as received")]
    return _date_violations(
        field="received_on", on=received_on, after=asked_on, after_what="the day it was asked for", today=today
    )


def draft_violations(
    *, status: AssessmentStatus, decided_on: date | None, issued_on: date, today: date
) -> list[Violation]:
    """F3-STEP-ORDER and F3-DATES: a draft plan follows the decision to assess."""
    if refused := step_violation(Step.ISSUE_DRAFT, status):
        return [refused]
    return _date_violations(
        field="issued_on", on=issued_on, after=decided_on, after_what="the decision to assess", today=today
    )


def final_violations(
    *, status: AssessmentStatus, draft_issued_on: date | None, issued_on: date, plan_is_theirs: bool, today: date
) -> list[Violation]:
    """F3-STEP-ORDER, F3-DATES and F3-FINAL-PLAN: the final plan follows the draft; the EHC plan it
    links is this child's."""
    if refused := step_violation(Step.ISSUE_FINAL, status):
        return [refused]
    violations = _date_violations(
        field="issued_on", on=issued_on, after=draft_issued_on, after_what="the draft plan", today=today
    )
    if not plan_is_theirs:
        violations.append(Violation("F3-FINAL-PLAN", "plan", "Select one of the child's EHC plans"))
    return violations


def stop_violations(
    *, status: AssessmentStatus, requested_on: date, stopped_on: date, reason: str, today: date
) -> list[Violation]:
    """F3-STEP-ORDER, F3-DATES and F3-STOP-REASON: an open assessment may be stopped, saying why."""
    if refused := step_violation(Step.STOP, status):
        return [refused]
    violations = _date_violations(
        field="stopped_on", on=stopped_on, after=requested_on, after_what="the request", today=today
    )
    if not reason.strip():
        violations.append(Violation("F3-STOP-REASON", "reason", "Enter why the assessment is stopping"))
    return violations


def child_ehc_status(*, current: str, after: AssessmentStatus) -> str:
    """F3-CHILD-STATUS: the "EHC plan" shown on the child's record follows the assessment. A child
    who already has a plan keeps it while being reassessed; a final plan means they have one; an
    assessment that ends without one takes the child back to no plan."""
    if after == S.FINAL_ISSUED:
        return EhcPlanStatus.PLAN
    if current == EhcPlanStatus.PLAN:
        return current
    if after == S.REQUESTED:
        return EhcPlanStatus.REQUESTED
    if after in (S.ASSESSING, S.DRAFT_ISSUED):
        return EhcPlanStatus.ASSESSING
    return EhcPlanStatus.NONE
