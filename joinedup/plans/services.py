"""Every change to a child's plans (C6): atomic, audited, and kept as a PlanChange on the plan.

The audit row says only what kind of change was made (administrators read audit trails and never
see case content); the PlanChange beside the plan keeps the words, who, when and the review or
meeting that made the change. Edits name the version they started from (G5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans import rules
from joinedup.plans.choices import IN_A_SENTENCE, PlanChangeKind, PlanKind, PlanStatus
from joinedup.plans.models import Action, Outcome, Plan, PlanChange
from joinedup.reviews.models import CinReview


@dataclass(frozen=True)
class MadeAt:
    """The review or meeting that made a change: words and a date now; the reviews module will
    also pass its own record, which fills the PlanChange's generic link."""

    text: str = ""
    on: date | None = None
    record: models.Model | None = None


NOT_AT_A_MEETING = MadeAt()


@dataclass(frozen=True)
class ActionDetails:
    """What an action says: what, who is responsible, and by when or how often."""

    what: str
    responsible_practitioner: Practitioner | None
    responsible_other: str
    target_date: date | None
    frequency_count: int | None
    frequency_unit: str

    def as_fields(self) -> dict[str, Any]:
        return {
            "what": self.what.strip(),
            "responsible_practitioner": self.responsible_practitioner,
            "responsible_other": self.responsible_other.strip(),
            "target_date": self.target_date,
            "frequency_count": self.frequency_count,
            "frequency_unit": self.frequency_unit if self.frequency_count is not None else "",
        }


def _refuse(violations: list[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def _locked(plan: Plan) -> Plan:
    """The plan row, locked until the end of the transaction: changes to one plan queue up."""
    return Plan.objects.select_for_update(of=("self",)).select_related("child").get(pk=plan.pk)


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _kind(plan: Plan) -> str:
    return IN_A_SENTENCE[PlanKind(plan.kind)]


def _record(
    plan: Plan,
    *,
    kind: PlanChangeKind,
    what: str,
    subject: models.Model,
    made_at: MadeAt,
    by: User,
    now: datetime,
    today: date,
    details: dict[str, Any] | None = None,
    audit_action: AuditAction = AuditAction.UPDATED,
) -> PlanChange:
    _refuse(rules.made_at_violations(made_at_date=made_at.on, today=today))
    record = made_at.record
    if record is None and made_at.on is not None:
        # C6-MADE-AT: a change dated to the day of the child's review is linked to that review's record.
        record = CinReview.objects.filter(child_id=plan.child_id, held_on=made_at.on).order_by("recorded_at").first()
    change = PlanChange.objects.create(
        plan=plan,
        kind=kind,
        what=what,
        details=details or {},
        by=by,
        at=now,
        made_at_text=made_at.text.strip()[:200],
        made_at_date=made_at.on,
        made_at_type=ContentType.objects.get_for_model(record) if record is not None else None,
        made_at_id=record.pk if record is not None else None,
    )
    # The audit trail says what kind of change, never the plan's words (administrators read it).
    audit.record(
        action=audit_action,
        by=by,
        at=now,
        child=plan.child,
        subject=subject,
        what=f"{PlanChangeKind(kind).label}: {_kind(plan)}",
        changes={"plan": str(plan.pk), "change": str(change.pk)},
    )
    return change


@transaction.atomic
def create_plan(
    *,
    child: Child,
    kind: str,
    start_date: date,
    review_date: date | None,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Plan:
    """Start a plan for ``child`` as a draft; it becomes the current plan when made current (C6)."""
    _refuse(rules.plan_date_violations(start_date=start_date, review_date=review_date))
    plan = Plan.objects.create(
        child=child,
        kind=PlanKind(kind),
        start_date=start_date,
        review_date=review_date,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    _record(
        plan,
        kind=PlanChangeKind.CREATED,
        what=f"Started a draft {_kind(plan)}",
        subject=plan,
        made_at=made_at,
        by=by,
        now=now,
        today=today,
        audit_action=AuditAction.CREATED,
    )
    return plan


def _outcome_fields(plan: Plan, *, text: str, ehc_section: str, ehc_service: str, pfa_area: str) -> dict[str, str]:
    place = {"ehc_section": ehc_section, "ehc_service": ehc_service, "pfa_area": pfa_area}
    _refuse(rules.outcome_violations(kind=plan.kind, **place))
    return {"text": text.strip(), **place}


@transaction.atomic
def add_outcome(
    *,
    plan: Plan,
    text: str,
    ehc_section: str = "",
    ehc_service: str = "",
    pfa_area: str = "",
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Outcome:
    """Add an outcome to a draft or current plan (CwDT 2.6: "the outcomes to be achieved")."""
    plan = _locked(plan)
    _refuse(rules.changeable_violations(status=plan.status))
    fields = _outcome_fields(plan, text=text, ehc_section=ehc_section, ehc_service=ehc_service, pfa_area=pfa_area)
    outcome = Outcome.objects.create(plan=plan, added_at=now, updated_at=now, updated_by=by, **fields)
    _record(
        plan,
        kind=PlanChangeKind.OUTCOME_ADDED,
        what=f"Added the outcome '{rules.name_of(outcome.text)}'",
        subject=outcome,
        details={"after": fields},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    return outcome


@transaction.atomic
def edit_outcome(
    *,
    outcome: Outcome,
    text: str,
    ehc_section: str = "",
    ehc_service: str = "",
    pfa_area: str = "",
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Outcome:
    """Change an outcome's words or place in the plan; refused if someone saved it since (G5)."""
    plan = _locked(outcome.plan)
    _refuse(rules.changeable_violations(status=plan.status))
    fields = _outcome_fields(plan, text=text, ehc_section=ehc_section, ehc_service=ehc_service, pfa_area=pfa_area)
    before = Outcome.objects.filter(pk=outcome.pk).values(*fields).first()
    # A compare-and-set on the version: the second of two concurrent saves matches no row.
    if not Outcome.objects.filter(pk=outcome.pk, version=expected_version).update(
        **fields, version=expected_version + 1, updated_at=now, updated_by=by
    ):
        raise EditConflict("The outcome was changed by someone else")
    _record(
        plan,
        kind=PlanChangeKind.OUTCOME_CHANGED,
        what=f"Changed the outcome '{rules.name_of(fields['text'])}'",
        subject=outcome,
        details={"before": before, "after": fields},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    return Outcome.objects.get(pk=outcome.pk)


@transaction.atomic
def remove_outcome(
    *,
    outcome: Outcome,
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> None:
    """Take an outcome and its actions out of the plan. The PlanChange keeps their words."""
    plan = _locked(outcome.plan)
    _refuse(rules.changeable_violations(status=plan.status))
    current = Outcome.objects.filter(pk=outcome.pk, version=expected_version).first()
    if current is None:
        raise EditConflict("The outcome was changed or removed by someone else")
    actions = list(current.actions.order_by("added_at", "id").values_list("what", flat=True))
    current.actions.all().delete()
    current.delete()
    _record(
        plan,
        kind=PlanChangeKind.OUTCOME_REMOVED,
        what=f"Removed the outcome '{rules.name_of(current.text)}'"
        + (f" and its {len(actions)} action{'s' if len(actions) != 1 else ''}" if actions else ""),
        subject=plan,
        details={"before": {"text": current.text, "actions": actions}},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )


def _action_fields(details: ActionDetails) -> dict[str, Any]:
    _refuse(
        rules.action_violations(
            has_practitioner=details.responsible_practitioner is not None,
            responsible_other=details.responsible_other,
            frequency_count=details.frequency_count,
            frequency_unit=details.frequency_unit,
        )
    )
    return details.as_fields()


def _printable(fields: dict[str, Any]) -> dict[str, Any]:
    """The action's fields as JSON for the PlanChange: people and dates as text."""
    out = dict(fields)
    practitioner = out.pop("responsible_practitioner", None)
    out["responsible_practitioner"] = practitioner.full_name if practitioner is not None else ""
    out["target_date"] = out["target_date"].isoformat() if out.get("target_date") else None
    return out


@transaction.atomic
def add_action(
    *,
    outcome: Outcome,
    details: ActionDetails,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Action:
    """Add an action towards an outcome: what, who is responsible, and a target date or frequency."""
    plan = _locked(outcome.plan)
    _refuse(rules.changeable_violations(status=plan.status))
    fields = _action_fields(details)
    action = Action.objects.create(outcome=outcome, added_at=now, updated_at=now, updated_by=by, **fields)
    _record(
        plan,
        kind=PlanChangeKind.ACTION_ADDED,
        what=f"Added the action '{rules.name_of(action.what)}' to the outcome '{rules.name_of(outcome.text)}'",
        subject=action,
        details={"after": _printable(fields)},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    return action


@transaction.atomic
def edit_action(
    *,
    action: Action,
    details: ActionDetails,
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Action:
    """Change what an action says; refused if someone saved it since (G5)."""
    plan = _locked(action.outcome.plan)
    _refuse(rules.changeable_violations(status=plan.status))
    fields = _action_fields(details)
    saved = Action.objects.select_related("responsible_practitioner").get(pk=action.pk)
    before = _printable({k: getattr(saved, k) for k in fields})
    if not Action.objects.filter(pk=action.pk, version=expected_version).update(
        **fields, version=expected_version + 1, updated_at=now, updated_by=by
    ):
        raise EditConflict("The action was changed by someone else")
    _record(
        plan,
        kind=PlanChangeKind.ACTION_CHANGED,
        what=f"Changed the action '{rules.name_of(fields['what'])}'",
        subject=action,
        details={"before": before, "after": _printable(fields)},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    return Action.objects.get(pk=action.pk)


@transaction.atomic
def complete_action(
    *,
    action: Action,
    done_on: date,
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Action:
    """Record that an action is done, and on which day."""
    plan = _locked(action.outcome.plan)
    _refuse(rules.changeable_violations(status=plan.status))
    saved = Action.objects.get(pk=action.pk)
    _refuse(rules.done_violations(done_on=done_on, already_done=saved.is_done, today=today))
    if not Action.objects.filter(pk=action.pk, version=expected_version).update(
        done_on=done_on, version=expected_version + 1, updated_at=now, updated_by=by
    ):
        raise EditConflict("The action was changed by someone else")
    _record(
        plan,
        kind=PlanChangeKind.ACTION_DONE,
        what=f"Marked the action '{rules.name_of(saved.what)}' done on {_day(done_on)}",
        subject=action,
        details={"after": {"done_on": done_on.isoformat()}},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    return Action.objects.get(pk=action.pk)


def _set_plan(plan: Plan, *, expected_version: int, now: datetime, **fields: Any) -> None:
    if not Plan.objects.filter(pk=plan.pk, version=expected_version).update(
        **fields, version=expected_version + 1, updated_at=now
    ):
        raise EditConflict("The plan was changed by someone else")


@transaction.atomic
def make_plan_current(
    *,
    plan: Plan,
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Plan:
    """Make a draft the child's current plan of its kind (C6-ONE-CURRENT)."""
    plan = _locked(plan)
    if plan.version != expected_version:
        raise EditConflict("The plan was changed by someone else")
    other = Plan.objects.current().filter(child_id=plan.child_id, kind=plan.kind).exclude(pk=plan.pk).exists()
    _refuse(rules.make_current_violations(status=plan.status, kind=plan.kind, has_other_current=other))
    _set_plan(plan, expected_version=expected_version, now=now, status=PlanStatus.CURRENT)
    _record(
        plan,
        kind=PlanChangeKind.MADE_CURRENT,
        what=f"Made this the current {_kind(plan)}",
        subject=plan,
        made_at=made_at,
        by=by,
        now=now,
        today=today,
    )
    _plan_duties(plan, by=by, now=now, today=today)
    return Plan.objects.get(pk=plan.pk)


def _plan_duties(plan: Plan, *, by: User, now: datetime, today: date) -> None:
    """The duties a plan sets: a current Preparing for Adulthood plan is the C10-PFA milestone done;
    a current EHC plan is reviewed every 12 months (C5-EHC-REVIEW), an ended one no longer."""
    if plan.kind == PlanKind.PREPARING_FOR_ADULTHOOD and plan.status != PlanStatus.ENDED:
        milestone = Duty.objects.open().filter(child_id=plan.child_id, kind=DutyKind.PFA_PLAN).first()
        if milestone is not None:
            duties.complete_duty(duty=milestone, on=today, note="Plan made current", by=by, now=now, today=today)
    if plan.kind == PlanKind.EHC:
        duties.bring_up_to_date(children=[plan.child], today=today, now=now, by=by)


@transaction.atomic
def end_plan(
    *,
    plan: Plan,
    ended_on: date,
    reason: str,
    expected_version: int,
    made_at: MadeAt = NOT_AT_A_MEETING,
    by: User,
    now: datetime,
    today: date,
) -> Plan:
    """End a draft or current plan; it is then kept as it was, read-only (C6-ENDED)."""
    plan = _locked(plan)
    if plan.version != expected_version:
        raise EditConflict("The plan was changed by someone else")
    _refuse(rules.end_violations(status=plan.status, start_date=plan.start_date, ended_on=ended_on, today=today))
    ending = {"status": PlanStatus.ENDED, "ended_on": ended_on, "end_reason": reason.strip()}
    _set_plan(plan, expected_version=expected_version, now=now, **ending)
    _record(
        plan,
        kind=PlanChangeKind.ENDED,
        what=f"Ended the {_kind(plan)} on {_day(ended_on)}",
        subject=plan,
        details={"after": {"ended_on": ended_on.isoformat(), "reason": reason.strip()}},
        made_at=made_at,
        by=by,
        now=now,
        today=today,
        audit_action=AuditAction.ENDED,
    )
    plan.status = PlanStatus.ENDED
    _plan_duties(plan, by=by, now=now, today=today)
    return Plan.objects.get(pk=plan.pk)
