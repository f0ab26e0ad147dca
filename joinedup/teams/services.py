"""Every change to a child's interagency team and key worker (B1, B2): atomic and audited."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams import rules
from joinedup.teams.models import (
    KeyWorkerAssignment,
    KeyWorkerPreference,
    KeyWorkingSupport,
    PreferredBy,
    SupportLevel,
    TeamMembership,
)


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
    if ended_key_working:
        duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
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
    if reason.strip():
        violations += rules.key_worker_reason_violations(reason)
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
    # B4-CONTACT: the key worker's contact duty moves to the new key worker at once.
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    return assignment


@transaction.atomic
def record_key_worker_preference(
    *, child: Child, practitioner: Practitioner, preferred_by: str, in_their_words: str, by: User, now: datetime
) -> KeyWorkerPreference:
    """B3-PREFERENCE: record who the child or family would like as key worker, in their words."""
    child = _lock(child)
    violations = []
    if not practitioner.is_active or practitioner.organisation.area_id != child.area_id:
        violations.append(Violation("B3-PREFERENCE", "practitioner", "Select a practitioner who works in this area"))
    if preferred_by not in PreferredBy.values:
        violations.append(Violation("B3-PREFERENCE", "preferred_by", "Select who asked for them"))
    if not in_their_words.strip():
        violations.append(Violation("B3-PREFERENCE", "in_their_words", "Enter what they said, in their words"))
    if KeyWorkerPreference.objects.filter(child=child, practitioner=practitioner).exists():
        violations.append(
            Violation("B3-PREFERENCE", "practitioner", "This preference is already recorded for this practitioner")
        )
    if violations:
        raise RuleViolations(violations)
    preference = KeyWorkerPreference.objects.create(
        child=child,
        practitioner=practitioner,
        preferred_by=preferred_by,
        in_their_words=in_their_words.strip(),
        recorded_by=by,
        recorded_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=preference,
        what=f"Recorded that {PreferredBy(preferred_by).label.lower()} would like {practitioner.full_name} "
        "as key worker",
    )
    return preference


@transaction.atomic
def set_key_working_level(
    *,
    child: Child,
    level: str,
    tailored_days: int | None,
    review_on: date | None,
    reason: str,
    by: User,
    now: datetime,
    today: date,
) -> KeyWorkingSupport:
    """B4-LEVEL: set or review the child's level of key working support; the key worker's contact
    duty (B4-CONTACT) moves to the new frequency at once."""
    child = _lock(child)
    violations = rules.key_working_level_violations(
        level=level, tailored_days=tailored_days, review_on=review_on, reason=reason, today=today
    )
    if violations or review_on is None:
        raise RuleViolations(violations)
    previous = KeyWorkingSupport.objects.filter(child=child).order_by("-set_at", "-id").first()
    support = KeyWorkingSupport.objects.create(
        child=child,
        level=level,
        contact_days=rules.contact_days(level, tailored_days),
        reason=reason.strip(),
        review_on=review_on,
        set_by=by,
        set_at=now,
    )
    label = SupportLevel(level).label.lower()
    audit.record(
        action=AuditAction.CREATED if previous is None else AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=support,
        what=f"Set key working support to {label}, contact every {support.contact_days} days"
        if previous is None
        else f"Reviewed key working support: {label}, contact every {support.contact_days} days",
        why=reason.strip()[:200],
        changes={
            "level": level,
            "contact_days": support.contact_days,
            "review_on": review_on.isoformat(),
            "previous_level": previous.level if previous else None,
        },
    )
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    return support
