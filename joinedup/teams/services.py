"""Every change to a child's interagency team and key worker (B1, B2): atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams import rules
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


def _lock(child: Child) -> Child:
    # Serialise concurrent changes to one child's team (PostgreSQL row lock; SQLite's
    # immediate transactions already serialise writers).
    return Child.objects.select_for_update().get(pk=child.pk)


@transaction.atomic
def add_team_member(
    *,
    child: Child,
    practitioner: Practitioner,
    role_in_team: str,
    start_date: date,
    by: User,
    now: datetime,
    today: date,
) -> TeamMembership:
    """Add a practitioner to the child's interagency team (B1)."""
    child = _lock(child)
    violations = rules.membership_violations(
        start_date=start_date,
        end_date=None,
        today=today,
        practitioner_active=practitioner.is_active,
        already_member=TeamMembership.objects.current().filter(child=child, practitioner=practitioner).exists(),
    )
    if child.area_id != practitioner.organisation.area_id:
        violations.append(Violation("B1-MEMBER", "practitioner", "Select a practitioner who works in this area"))
    if not role_in_team.strip():
        violations.append(Violation("B1-MEMBER", "role_in_team", "Enter their role in the child's team"))
    if violations:
        raise RuleViolations(violations)
    membership = TeamMembership.objects.create(
        child=child,
        practitioner=practitioner,
        role_in_team=role_in_team.strip(),
        start_date=start_date,
        added_by=by,
        added_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=membership,
        what=f"Added {practitioner.full_name} to the team as {membership.role_in_team}",
    )
    return membership


@transaction.atomic
def end_team_member(
    *, membership: TeamMembership, end_date: date, reason: str, by: User, now: datetime, today: date
) -> TeamMembership:
    """End a practitioner's place in the team; a key worker stops being key worker too (B1, B2)."""
    child = _lock(membership.child)
    membership = TeamMembership.objects.select_related("practitioner").get(pk=membership.pk)
    if membership.end_date is not None:
        raise RuleViolations([Violation("B1-END", None, "This practitioner has already left the child's team")])
    violations = rules.end_membership_violations(start_date=membership.start_date, end_date=end_date, today=today)
    if violations:
        raise RuleViolations(violations)
    TeamMembership.objects.filter(pk=membership.pk).update(end_date=end_date, end_reason=reason.strip())
    # A key worker who leaves the team stops being key worker: the child shows as a breach (B2).
    key_working = KeyWorkerAssignment.objects.current().filter(child=child, practitioner=membership.practitioner)
    ended_key_working = False
    if (assignment := key_working.first()) is not None:
        # Never before it started: the constraint key_worker_ends_after_it_starts holds.
        key_working.update(end_date=max(end_date, assignment.start_date))
        ended_key_working = True
    audit.record(
        action=AuditAction.ENDED,
        by=by,
        at=now,
        child=child,
        subject=membership,
        what=f"Ended {membership.practitioner.full_name}'s place in the team",
        why=reason,
        changes={"end_date": end_date.isoformat(), "key_worker_ended": ended_key_working},
    )
    membership.refresh_from_db()
    return membership


@transaction.atomic
def assign_key_worker(
    *, child: Child, practitioner: Practitioner, reason: str, by: User, now: datetime, today: date
) -> KeyWorkerAssignment:
    """Make ``practitioner`` the child's key worker from today, ending the previous one (B2)."""
    child = _lock(child)
    violations = rules.key_worker_violations(
        is_current_member=TeamMembership.objects.current().filter(child=child, practitioner=practitioner).exists(),
        practitioner_active=practitioner.is_active,
        reason=reason,
    )
    current = KeyWorkerAssignment.objects.current().filter(child=child).first()
    if current is not None and current.practitioner_id == practitioner.pk:
        violations.append(Violation("B2-ASSIGN", "practitioner", "This practitioner is already the key worker"))
    if violations:
        raise RuleViolations(violations)
    if current is not None:
        KeyWorkerAssignment.objects.filter(pk=current.pk).update(end_date=max(today, current.start_date))
    assignment = KeyWorkerAssignment.objects.create(
        child=child,
        practitioner=practitioner,
        start_date=today,
        reason=reason.strip(),
        assigned_by=by,
        assigned_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=assignment,
        what=f"Made {practitioner.full_name} the key worker",
        why=reason.strip()[:200],
    )
    return assignment
