"""Unplanned change in need (CwDT 6.3; C8) and family support request policy (CwDT 6.4; C9).

Pure: no queries, no writes, no clock. IDs match docs/rules/ESCALATIONS.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from joinedup.allocation.choices import HubCode
from joinedup.core.rules import Violation
from joinedup.escalations.choices import (
    NEEDS_SOCIAL_WORKER,
    WAITING_STATUSES,
    DisagreementParty,
    EscalationKind,
    EscalationOutcome,
    EscalationRole,
    EscalationStatus,
    EscalationStep,
    RequestRole,
    RequestStatus,
    RequestStep,
)
from joinedup.organisations.choices import JobRole

CONSIDER_EVERY = timedelta(days=7)  # "All referrals will be considered weekly" (6.4.2)

# ---- C8: unplanned change in need -------------------------------------------------------------


def raise_violations(*, may_raise: bool, what_has_changed: str) -> list[Violation]:
    """C8-RAISE: "the allocated worker must inform their manager" (6.3.1): a current member of the
    child's team, or a manager with reach over the case, says what has changed."""
    violations = []
    if not may_raise:
        message = "Only a member of the child's team, or a manager of the hub holding the case, can raise this"
        violations.append(Violation("C8-RAISE", None, message))
    if not what_has_changed.strip():
        violations.append(Violation("C8-RAISE", "what_has_changed", "Enter what has changed"))
    return violations


@dataclass(frozen=True)
class Route:
    """Where an escalation goes: its status, and the hub whose managers receive it."""

    status: EscalationStatus
    hub: HubCode


def route_violations(*, kind: str, holding_hub: HubCode | None, duty_hub_exists: bool) -> list[Violation]:
    """C8-ROUTE: there is a manager to send it to: the duty queue for a safeguarding concern, the
    manager of the hub holding the case for a change in need."""
    if kind == EscalationKind.SAFEGUARDING_CONCERN and not duty_hub_exists:
        message = "There is no Safeguarding & Support hub to take this concern: tell the operations manager now"
        return [Violation("C8-ROUTE", None, message)]
    if kind == EscalationKind.CHANGE_IN_NEED and holding_hub is None:
        message = (
            "The child's case is not held by a hub, so there is no team manager to send this to: "
            "ask the operations manager to allocate the case"
        )
        return [Violation("C8-ROUTE", None, message)]
    return []


def route(*, kind: str, holding_hub: HubCode | None) -> Route | None:
    """C8-ROUTE: "If a safeguarding response is needed ... the (acting duty) team manager of the
    Safeguarding & Support Hub will manage the referral/escalation" (6.3.2); otherwise "the
    allocated worker must inform their manager" (6.3.1): the manager of the hub holding the case.
    None: there is no one to send it to (``route_violations`` says so)."""
    if kind == EscalationKind.SAFEGUARDING_CONCERN:
        return Route(EscalationStatus.IN_DUTY_QUEUE, HubCode.SAFEGUARDING_SUPPORT)
    if holding_hub is None:
        return None
    return Route(EscalationStatus.WITH_MANAGER, holding_hub)


def decision_violations(
    *, status: str, role: str, outcome: str, note: str, is_time_limited: bool | None
) -> list[Violation]:
    """C8-OUTCOME: the manager it was sent to (any S&S team manager for the duty queue), or an
    operations manager, records one outcome: transfer, joint working for a period, no change, or a
    section 47 enquiry or updated single assessment (6.3.1 to 6.3.3). "No change" says why."""
    if status not in WAITING_STATUSES:
        return [Violation("C8-OUTCOME", None, "This has already been decided")]
    if role not in (EscalationRole.RECEIVING, EscalationRole.OPERATIONS):
        who = (
            "a Safeguarding & Support team manager"
            if status == EscalationStatus.IN_DUTY_QUEUE
            else "the manager it was sent to"
        )
        return [Violation("C8-OUTCOME", None, f"Only {who}, or an operations manager, can decide this")]
    if outcome not in EscalationOutcome.values:
        return [Violation("C8-OUTCOME", "outcome", "Select what happens next")]
    if outcome == EscalationOutcome.NO_CHANGE and not note.strip():
        message = "Enter why nothing changes"
        if is_time_limited is False:
            # "if ... this heightened need is not time limited then management consideration will be
            # given to whether an updated single assessment is required" (CwDT 5.6).
            message += ": the need is not time limited, so say why no updated single assessment is needed"
        return [Violation("C8-OUTCOME", "outcome_note", message)]
    return []


def assessment_worker_violations(*, outcome: str, worker_role: str | None, worker_in_area: bool) -> list[Violation]:
    """C8-SOCIAL-WORKER: "All Section 47 and subsequent single assessments will be undertaken by a
    social worker" (6.3.2; 7.2). Only a social worker is given the enquiry or assessment."""
    if outcome not in NEEDS_SOCIAL_WORKER:
        return []
    work = "section 47 enquiry" if outcome == EscalationOutcome.SECTION_47 else "updated single assessment"
    if worker_role is None:
        return [Violation("C8-SOCIAL-WORKER", "assessment_worker", f"Select the social worker who will do the {work}")]
    if worker_role != JobRole.SOCIAL_WORKER:
        message = "Select a social worker: section 47 enquiries and single assessments are only done by social workers"
        return [Violation("C8-SOCIAL-WORKER", "assessment_worker", message)]
    if not worker_in_area:
        return [Violation("C8-SOCIAL-WORKER", "assessment_worker", "Select a social worker who works in this area")]
    return []


def joint_working_violations(*, outcome: str, until: date | None, today: date) -> list[Violation]:
    """C8-JOINT-WORKING-END: joint working is "a period of joint working" (6.3.3): it has an end date,
    after today."""
    if outcome != EscalationOutcome.JOINT_WORKING:
        return []
    if until is None:
        return [Violation("C8-JOINT-WORKING-END", "joint_working_until", "Enter the date joint working ends")]
    if until <= today:
        message = "The date joint working ends must be in the future"
        return [Violation("C8-JOINT-WORKING-END", "joint_working_until", message)]
    return []


# ---- C8: disagreement with the outcome (CwDT 6.3.4) -------------------------------------------

# The team managers taking part: "disagreement between the team managers" (6.3.4).
DISAGREEING_ROLES = frozenset({EscalationRole.RECEIVING, EscalationRole.HOLDING, EscalationRole.RAISERS_MANAGER})


def next_step(*, status: str, role: str) -> EscalationStep | None:
    """What someone standing in ``role`` may do to an escalation in ``status`` now, if anything:
    C8-OUTCOME (decide), C8-DISAGREEMENT (disagree), C8-FINAL-DECISION (the final decision)."""
    if status in WAITING_STATUSES and role in (EscalationRole.RECEIVING, EscalationRole.OPERATIONS):
        return EscalationStep.DECIDE
    if status == EscalationStatus.DECIDED and role in DISAGREEING_ROLES:
        return EscalationStep.DISAGREE
    if status == EscalationStatus.DISAGREED and role == EscalationRole.OPERATIONS:
        return EscalationStep.FINAL_DECISION
    return None


CANNOT_DISAGREE: dict[str, str] = {
    EscalationStatus.DISAGREED: "A disagreement with this decision is already with the operations manager",
    EscalationStatus.FINAL: "The operations manager has made the final decision, so it cannot be disagreed with again",
}


def disagreement_violations(
    *, status: str, role: str, party: str, reason: str, decided_it: bool, operations_manager_exists: bool
) -> list[Violation]:
    """C8-DISAGREEMENT: "If there is disagreement between the team managers or the family then this
    will be escalated to the operations manager or children with disabilities service manager"
    (6.3.4). A team manager taking part records it, once, against a decided outcome, and says why."""
    if status != EscalationStatus.DECIDED:
        message = CANNOT_DISAGREE.get(status, "This has not been decided yet, so there is nothing to disagree with")
        return [Violation("C8-DISAGREEMENT", None, message)]
    if role not in DISAGREEING_ROLES:
        message = (
            "Only a team manager taking part can record a disagreement: the manager it was sent to, "
            "a manager of the hub holding the case, or the manager of the person who raised it"
        )
        return [Violation("C8-DISAGREEMENT", None, message)]
    violations = []
    if party not in DisagreementParty.values:
        violations.append(Violation("C8-DISAGREEMENT", "party", "Select who disagrees"))
    elif party == DisagreementParty.TEAM_MANAGERS and decided_it:
        message = (
            "You made this decision, so you cannot disagree with it yourself. "
            "If it is the family who disagrees, select that"
        )
        violations.append(Violation("C8-DISAGREEMENT", "party", message))
    if not reason.strip():
        who = "the family disagrees" if party == DisagreementParty.FAMILY else "you disagree"
        violations.append(Violation("C8-DISAGREEMENT", "reason", f"Enter why {who} with the decision"))
    if not operations_manager_exists:
        message = "There is no operations or service manager to send this to: ask an administrator to add one"
        violations.append(Violation("C8-DISAGREEMENT", None, message))
    return violations


def final_decision_violations(*, status: str, role: str, outcome: str, note: str) -> list[Violation]:
    """C8-FINAL-DECISION: the operations manager of the organisation the escalation was sent to
    decides a disagreement (6.3.4), once, with reasons. The final decision is any outcome C8-OUTCOME
    allows, the same as the team manager's or in its place."""
    if status == EscalationStatus.FINAL:
        return [Violation("C8-FINAL-DECISION", None, "The final decision has already been made")]
    if status != EscalationStatus.DISAGREED:
        message = "Nobody has disagreed with a decision on this, so there is no final decision to make"
        return [Violation("C8-FINAL-DECISION", None, message)]
    if role != EscalationRole.OPERATIONS:
        message = "Only an operations manager of the organisation this was sent to can make the final decision"
        return [Violation("C8-FINAL-DECISION", None, message)]
    violations = []
    if outcome not in EscalationOutcome.values:
        violations.append(Violation("C8-FINAL-DECISION", "outcome", "Select the final decision"))
    if not note.strip():
        violations.append(Violation("C8-FINAL-DECISION", "outcome_note", "Enter the reasons for the final decision"))
    return violations


# ---- C9: family support requests --------------------------------------------------------------


@dataclass(frozen=True)
class Requester:
    """What is known about the person asking for family support, and the case."""

    is_member: bool  # a current member of the child's interagency team
    job_role: str | None
    in_holding_hub: bool  # works in the hub holding the case
    holding_hub: HubCode | None


def requester_violations(requester: Requester) -> list[Violation]:
    """C9-REQUEST: "A referral form will be completed by allocated social worker" on a case held by
    the Safeguarding & Support hub (6.4, 6.4.1; 3.2)."""
    if requester.holding_hub != HubCode.SAFEGUARDING_SUPPORT:
        message = "Family support can only be requested this way for a child held by Safeguarding & Support"
        return [Violation("C9-REQUEST", None, message)]
    if not (requester.is_member and requester.in_holding_hub and requester.job_role == JobRole.SOCIAL_WORKER):
        message = "Only the child's social worker in Safeguarding & Support can request family support"
        return [Violation("C9-REQUEST", None, message)]
    return []


def request_violations(
    *, requester: Requester, agreed_by_manager: bool, what_family_needs: str, proposed_work: str, sf_hub_exists: bool
) -> list[Violation]:
    """C9-REQUEST: made "in agreement with responsible team manager identifying exactly what support
    the family need and proposed piece of work to meet need" (6.4.1), to Strengthening Families."""
    violations = requester_violations(requester)
    if not sf_hub_exists:
        message = "There is no Strengthening Families hub to send this request to: ask the operations manager"
        violations.append(Violation("C9-REQUEST", None, message))
    if not agreed_by_manager:
        message = "Confirm the responsible team manager agrees to this request"
        violations.append(Violation("C9-REQUEST", "agreed_by_manager", message))
    if not what_family_needs.strip():
        violations.append(Violation("C9-REQUEST", "what_family_needs", "Enter exactly what support the family needs"))
    if not proposed_work.strip():
        message = "Enter the piece of work proposed to meet the need"
        violations.append(Violation("C9-REQUEST", "proposed_work", message))
    return violations


W, E = RequestStatus.WAITING, RequestStatus.ESCALATED
R = RequestRole
# step: {the state it may start from: who may take it from there}
WHO_MAY: dict[RequestStep, dict[str, frozenset[str]]] = {
    RequestStep.ATTACH: {W: frozenset({R.CONSIDERING, R.OPERATIONS}), E: frozenset({R.OPERATIONS})},
    RequestStep.ALTERNATIVE: {W: frozenset({R.CONSIDERING, R.OPERATIONS}), E: frozenset({R.OPERATIONS})},
    RequestStep.ESCALATE: {W: frozenset({R.CONSIDERING, R.REFERRING})},
}
LEADS_TO: dict[RequestStep, RequestStatus] = {
    RequestStep.ATTACH: RequestStatus.ATTACHED,
    RequestStep.ALTERNATIVE: RequestStatus.ALTERNATIVE_AGREED,
    RequestStep.ESCALATE: RequestStatus.ESCALATED,
}


def step_violations(*, step: RequestStep, status: str, role: str) -> list[Violation]:
    """C9-CONSIDER: "considered weekly by the Strengthening Families Team managers and attached to
    family support workers accordingly"; if not, "resolution/alternative to meeting need agreed";
    "if this cannot happen then it will be escalated to attention of operations manager" (6.4.2),
    who then attaches a worker or agrees the alternative."""
    allowed = WHO_MAY[step]
    if status not in allowed:
        label = RequestStatus(status).label.lower()
        return [Violation("C9-CONSIDER", None, f"This cannot be done now: the request is {label}")]
    if role not in allowed[status]:
        who = " or ".join(RequestRole(r).label.lower() for r in sorted(allowed[status]))
        return [Violation("C9-CONSIDER", None, f"Only the {who} can do this")]
    return []


def attach_violations(*, worker_role: str | None, in_sf_hub: bool, holding_hub: HubCode | None) -> list[Violation]:
    """C9-ATTACH: the attached worker is a family support worker of Strengthening Families, for a
    case held by Safeguarding & Support (3.2, 4.2.1: "The family support worker will be an
    attached worker")."""
    if worker_role is None:
        return [Violation("C9-ATTACH", "worker", "Select the family support worker to attach")]
    if worker_role != JobRole.FAMILY_SUPPORT_WORKER or not in_sf_hub:
        message = "Select a family support worker in Strengthening Families"
        return [Violation("C9-ATTACH", "worker", message)]
    if holding_hub != HubCode.SAFEGUARDING_SUPPORT:
        message = (
            "The case is no longer held by Safeguarding & Support, so a worker cannot be attached: "
            "agree another way to meet the need"
        )
        return [Violation("C9-ATTACH", None, message)]
    return []


def alternative_violations(*, alternative: str) -> list[Violation]:
    """C9-ALTERNATIVE: "If need cannot be met via allocation this will be discussed with the
    referring team manager and resolution/alternative to meeting need agreed" (6.4.2): say what."""
    if alternative.strip():
        return []
    message = "Enter the other way of meeting the need agreed with the referring team manager"
    return [Violation("C9-ALTERNATIVE", "alternative", message)]


def escalate_violations(*, note: str) -> list[Violation]:
    """C9-ESCALATE: "If this cannot happen then it will be escalated to attention of operations
    manager" (6.4.2): with the reason."""
    if note.strip():
        return []
    message = "Enter why the need cannot be met or another way agreed"
    return [Violation("C9-ESCALATE", "escalation_note", message)]


def waited(requested_at: datetime, *, now: datetime) -> timedelta:
    return max(now - requested_at, timedelta(0))


def not_considered_for(requested_at: datetime, *, status: str, now: datetime) -> timedelta | None:
    """C9-WEEKLY: how long a waiting request has gone unconsidered, once it has waited 7 days."""
    if status != RequestStatus.WAITING:
        return None
    wait = waited(requested_at, now=now)
    return wait if wait >= CONSIDER_EVERY else None
