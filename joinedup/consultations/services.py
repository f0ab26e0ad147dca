"""Recording a consultation on the child's file (C12): by the adviser, atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.consultations import rules
from joinedup.consultations.choices import AdvisedTeam
from joinedup.consultations.models import Consultation
from joinedup.core.rules import RuleViolations
from joinedup.people.models import Child


@transaction.atomic
def record_consultation(
    *,
    child: Child,
    advised_team: str,
    advised_team_name: str,
    advised_contact: str,
    given_on: date,
    question: str,
    advice: str,
    by: User,
    now: datetime,
    today: date,
) -> Consultation:
    """Record advice ``by`` gave another team about ``child``; ``by`` is the adviser (CwDT 8.5)."""
    violations = rules.consultation_violations(
        advised_team=advised_team,
        advised_team_name=advised_team_name,
        advised_contact=advised_contact,
        question=question,
        advice=advice,
        given_on=given_on,
        today=today,
    )
    if violations:
        raise RuleViolations(violations)
    consultation = Consultation.objects.create(
        child=child,
        adviser=by,
        advised_team=advised_team,
        advised_team_name=advised_team_name.strip(),
        advised_contact=advised_contact.strip(),
        given_on=given_on,
        question=question.strip(),
        advice=advice.strip(),
        recorded_at=now,
    )
    team = advised_team_name.strip() or AdvisedTeam(advised_team).label
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=consultation,
        what=f"Recorded advice given to {team}",
    )
    return consultation
