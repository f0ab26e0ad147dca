"""Planned transfer policy (CwDT 6.2; C7). Pure: no queries, no writes, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from joinedup.core.rules import Violation
from joinedup.transfers.choices import TransferRole, TransferStatus, TransferStep

REVIEW_EVERY = timedelta(days=7)  # "All managers will review the transfer list at least once a week" (6.2.1)

S, R = TransferStatus, TransferRole
# step: (the states it may start from, who may take it, the state it leads to (None: unchanged))
TRANSITIONS: dict[TransferStep, tuple[frozenset[str], frozenset[str], TransferStatus | None]] = {
    TransferStep.AGREE: (frozenset({S.PROPOSED}), frozenset({R.INCOMING, R.OPERATIONS}), S.AGREED),
    TransferStep.NOT_AGREE: (frozenset({S.PROPOSED}), frozenset({R.INCOMING}), S.ESCALATED),
    TransferStep.DECIDE_TRANSFER: (frozenset({S.ESCALATED}), frozenset({R.OPERATIONS}), S.AGREED),
    TransferStep.DECIDE_STAY: (frozenset({S.ESCALATED}), frozenset({R.OPERATIONS}), S.DECLINED),
    TransferStep.SET_TIMESCALE: (frozenset({S.AGREED}), frozenset({R.OUTGOING, R.INCOMING, R.OPERATIONS}), None),
    TransferStep.FAMILY_TOLD: (frozenset({S.AGREED}), frozenset({R.OUTGOING, R.INCOMING, R.OPERATIONS}), None),
    TransferStep.RECORDING_CONFIRMED: (frozenset({S.AGREED}), frozenset({R.OUTGOING, R.OPERATIONS}), None),
    TransferStep.PLAN_SMART: (frozenset({S.AGREED}), frozenset({R.OUTGOING, R.OPERATIONS}), None),
    TransferStep.CAPACITY_DELAY: (
        frozenset({S.PROPOSED, S.AGREED}),
        frozenset({R.INCOMING, R.OUTGOING, R.OPERATIONS}),
        None,
    ),
    TransferStep.REVIEWED: (
        frozenset({S.PROPOSED, S.ESCALATED, S.AGREED}),
        frozenset({R.OUTGOING, R.INCOMING, R.OPERATIONS}),
        None,
    ),
    TransferStep.COMPLETE: (frozenset({S.AGREED}), frozenset({R.INCOMING, R.OPERATIONS}), S.COMPLETED),
    TransferStep.WITHDRAW: (
        frozenset({S.PROPOSED, S.ESCALATED, S.AGREED}),
        frozenset({R.OUTGOING, R.OPERATIONS}),
        None,
    ),
}


def step_violations(*, step: TransferStep, status: str, role: str) -> list[Violation]:
    """C7-STEP: each step is taken from the right state by the manager the model names (6.2.1 to 6.2.7)."""
    states, roles, _ = TRANSITIONS[step]
    if status not in states:
        label = TransferStatus(status).label.lower()
        return [Violation("C7-STEP", None, f"This cannot be done now: the transfer is {label}")]
    if role not in roles:
        who = " or ".join(TransferRole(r).label.lower() for r in sorted(roles))
        return [Violation("C7-STEP", None, f"Only the {who} can do this")]
    return []


def steps_open_to(*, role: str, status: str) -> list[TransferStep]:
    """C7-STEP: the steps this manager may take from this state, in the model's order (the page
    offers them; the API lists them as steps_available)."""
    return [s for s in TRANSITIONS if not step_violations(step=s, status=status, role=role)]


def next_status(step: TransferStep, status: str) -> str:
    target = TRANSITIONS[step][2]
    if step == TransferStep.WITHDRAW:
        return TransferStatus.WITHDRAWN
    return target if target is not None else status


@dataclass(frozen=True)
class Readiness:
    """What must be true before a transfer completes (6.2.2, 6.2.4 to 6.2.6)."""

    timescale_date: date | None
    family_told_on: date | None
    recording_confirmed: bool
    plan_smart_confirmed: bool
    introductions_done_on: date | None
    planned_review_on: date | None


def completion_violations(r: Readiness, *, today: date) -> list[Violation]:
    """C7-READY: agreed, timescale set, family told, recording up to date, plan SMART, and
    introductions done (or the planned review has been held) before the case moves."""
    missing = []
    if r.timescale_date is None:
        missing.append(Violation("C7-READY", None, "Set a timescale for the transfer"))
    if r.family_told_on is None:
        missing.append(Violation("C7-READY", None, "Record when the child and family were told"))
    if not r.recording_confirmed:
        missing.append(Violation("C7-READY", None, "Confirm the case recording is up to date"))
    if not r.plan_smart_confirmed:
        missing.append(Violation("C7-READY", None, "Confirm the child in need plan is SMART"))
    introduced = r.introductions_done_on is not None and r.introductions_done_on <= today
    reviewed = r.planned_review_on is not None and r.planned_review_on <= today
    if not (introduced or reviewed):
        missing.append(
            Violation(
                "C7-READY",
                "introductions_done_on",
                "Enter the date introductions to the child and family were completed, or of the planned review",
            )
        )
    return missing


def not_reviewed_for(last_reviewed_at: datetime, *, now: datetime) -> timedelta | None:
    """C7-WEEKLY: how long an open item has waited past its weekly review, if it has."""
    waited = now - last_reviewed_at
    return waited if waited >= REVIEW_EVERY else None
