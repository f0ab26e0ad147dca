"""Every change to referrals and threshold criteria: atomic and audited in the same transaction (C1)."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.notifications.services import notify
from joinedup.organisations.models import Area
from joinedup.people import rules as people_rules
from joinedup.people import services as people_services
from joinedup.people.choices import SiblingKind
from joinedup.people.models import Child
from joinedup.people.services import create_child
from joinedup.referrals import rules, selectors
from joinedup.referrals.choices import DEFAULT_CRITERIA, ReferralStatus
from joinedup.referrals.models import Referral, ThresholdCriterion

NOT_A_MANAGER = Violation(
    "C1-ACCESS", None, "Only a manager of the Children with Disabilities Team can record or decide referrals"
)


@transaction.atomic
def load_default_criteria(*, area: Area, by: User | None, now: datetime) -> int:
    """Give the area the criteria of CwDT 1.2 it does not have yet; never change one it has."""
    have = set(ThresholdCriterion.objects.filter(area=area).values_list("code", flat=True))
    new = [
        ThresholdCriterion(area=area, code=code, text=text, needs=list(needs), order=(i + 1) * 10)
        for i, (code, text, needs) in enumerate(DEFAULT_CRITERIA)
        if code not in have
    ]
    created = ThresholdCriterion.objects.bulk_create(new, ignore_conflicts=True)
    for criterion in created:
        audit.record(
            action=AuditAction.CREATED, by=by, at=now, subject=criterion, what=f"Threshold criterion {criterion.code}"
        )
    return len(created)


@transaction.atomic
def update_criterion(
    *, criterion: ThresholdCriterion, text: str, needs: list[str], active: bool, by: User, now: datetime
) -> ThresholdCriterion:
    """An administrator changes a criterion's wording, the needs it covers, or whether it applies."""
    if not policy.can_edit_threshold_criteria(by) or by.area_id != criterion.area_id:
        raise RuleViolations([Violation("C1-CRITERION", None, "Only an administrator of the area can do this")])
    violations = rules.criterion_violations(text=text, needs=needs)
    if violations:
        raise RuleViolations(violations)
    before = {"text": criterion.text, "needs": criterion.needs, "active": criterion.active}
    after = {"text": text.strip(), "needs": list(needs), "active": active}
    ThresholdCriterion.objects.filter(pk=criterion.pk).update(**after)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        subject=criterion,
        what=f"Threshold criterion {criterion.code}",
        changes={"fields": sorted(k for k in after if before[k] != after[k])},
    )
    return ThresholdCriterion.objects.get(pk=criterion.pk)


@transaction.atomic
def record_referral(
    *,
    source: str,
    received_on: date,
    given_name: str,
    family_name: str,
    date_of_birth: date,
    nhs_number: str,
    needs: list[str],
    reason: str,
    severe: bool,
    by: User,
    now: datetime,
    today: date,
    sibling_local_id: str = "",
    sibling_kind: str = SiblingKind.FULL,
) -> Referral:
    """Record a referral for the area's Children with Disabilities Team (CwDT 1.2), naming a brother
    or sister already known when there is one (one family, one social worker: CwDT 1.4)."""
    if not policy.can_decide_referrals(by) or by.area_id is None:
        raise RuleViolations([NOT_A_MANAGER])
    sibling = selectors.child_by_local_id(by.area_id, sibling_local_id) if sibling_local_id.strip() else None
    if sibling_local_id.strip() and sibling is None:
        raise RuleViolations(
            [Violation("A4-SIBLING", "sibling_local_id", "No child with this local ID is known in your area")]
        )
    nhs = people_rules.normalise_nhs_number(nhs_number or "")
    violations = rules.referral_violations(
        received_on=received_on,
        date_of_birth=date_of_birth,
        nhs_number=nhs,
        needs=needs,
        reason=reason,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    referral = Referral.objects.create(
        area_id=by.area_id,
        source=source,
        received_on=received_on,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        nhs_number=nhs,
        needs=list(needs),
        reason=reason.strip(),
        severe=severe,
        sibling_of=sibling,
        sibling_kind=sibling_kind,
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(action=AuditAction.CREATED, by=by, at=now, subject=referral, what="Recorded a referral")
    if sibling is not None:
        audit.record(
            action=AuditAction.UPDATED,
            by=by,
            at=now,
            child=sibling,
            subject=referral,
            what="Named as the brother or sister of a child referred",
        )
    return referral


def _already_known(referral: Referral, local_id: str) -> list[Violation]:
    """A child already in joinedup is not opened twice: same local ID in the area, or NHS number."""
    violations = []
    if Child.objects.filter(area_id=referral.area_id, local_id=local_id).exists():
        violations.append(Violation("C1-DECISION", "local_id", "A child with this local ID already has a record"))
    if referral.nhs_number and Child.objects.filter(nhs_number=referral.nhs_number).exists():
        violations.append(Violation("C1-DECISION", None, "A child with this NHS number already has a record"))
    return violations


@transaction.atomic
def decide_referral(
    *, referral: Referral, accept: bool, reason: str, by: User, now: datetime, today: date, local_id: str = ""
) -> Referral:
    """Accept (the Safeguarding & Support hub does a single assessment: CwDT 3.1) or not accept,
    against the area's criteria as they read now; the criteria met are stored with the decision."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not policy.can_decide_referrals(by) or by.area_id != referral.area_id:
        raise RuleViolations([NOT_A_MANAGER])
    if referral.status != ReferralStatus.RECEIVED:
        raise RuleViolations([Violation("C1-DECISION", None, "This referral has already been decided")])
    met = rules.criteria_met(
        needs=referral.needs,
        severe=referral.severe,
        criteria=selectors.as_rules(selectors.criteria_for(referral.area_id)),
        sibling_held=selectors.sibling_hub(referral) is not None,
    )
    violations = rules.decision_violations(accept=accept, met=met, reason=reason)
    team = selectors.assessment_hub_team(referral.area_id) if accept else None
    if accept and not violations and team is None:
        violations.append(Violation("C1-DECISION", None, "This area has no Safeguarding & Support hub to assess"))
    local_id = local_id.strip() or f"R{uuid.uuid4().hex[:8].upper()}"
    if accept and not violations:
        violations += _already_known(referral, local_id)
    if violations:
        raise RuleViolations(violations)
    child = None
    if accept and team is not None:
        child = create_child(
            area=referral.area,
            holding_team=team,
            needs=list(referral.needs),
            details={
                "given_name": referral.given_name,
                "family_name": referral.family_name,
                "date_of_birth": referral.date_of_birth,
                "nhs_number": referral.nhs_number,
                "local_id": local_id,
            },
            by=by,
            now=now,
            today=today,
        )
        if referral.sibling_of is not None:
            people_services.link_siblings(
                child=child, sibling=referral.sibling_of, kind=SiblingKind(referral.sibling_kind), by=by, now=now
            )
    Referral.objects.filter(pk=referral.pk).update(
        status=ReferralStatus.ACCEPTED if accept else ReferralStatus.NOT_ACCEPTED,
        decided_by=by,
        decided_at=now,
        decision_reason=reason.strip(),
        criteria_met=[asdict(m) | {"needs": list(m.needs)} for m in met],
        child=child,
    )
    referral.refresh_from_db()
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=referral,
        what=f"Referral {referral.get_status_display().lower()}",
        why=reason.strip()[:200],
        changes={"criteria_met": [m.code for m in met]},
    )
    if child is not None and team is not None:
        notify(
            recipients=selectors.team_managers_of(team),
            subject="Referral accepted: single assessment needed",
            body=f"A referral has been accepted for {team.name}. Child {child.local_id} needs a single assessment.",
            link=reverse("people:child-detail", args=[child.pk]),
            child=child,
            now=now,
        )
    if child is not None and referral.sibling_of is not None:
        _tell_the_siblings_hub(referral=referral, child=child, now=now)
    return referral


def _tell_the_siblings_hub(*, referral: Referral, child: Child, now: datetime) -> None:
    """The managers holding the brother or sister hear of it: one family, one social worker (CwDT 1.4),
    and a family is never held in Review & Intervention once a sibling needs a plan (CwDT 5.4)."""
    sibling = referral.sibling_of
    hub = selectors.sibling_hub(referral)
    if sibling is None or hub is None:
        return
    body = (
        f"{child.local_id}, a brother or sister of {sibling.local_id}, has been accepted by the Children with "
        "Disabilities Team for a single assessment. One family, one social worker (CwDT 1.4)."
    )
    if hub.code == HubCode.REVIEW_INTERVENTION:
        body += (
            f" Siblings are not held in {hub.get_code_display()} (CwDT 5.4): consider adding {sibling.local_id} "
            "to the transfer list."
        )
    notify(
        recipients=selectors.team_managers_of(hub.team),
        subject="A brother or sister has been accepted",
        body=body,
        link=reverse("people:child-detail", args=[sibling.pk]),
        child=sibling,
        now=now,
    )
