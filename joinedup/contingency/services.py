"""Every change to the contingency plan for key workers (B7, NG213 1.15.11): atomic and audited.

``mark_inactive`` is the contingency plan at work: in one transaction the practitioner stops
working, every child they key-work is flagged, and the named cover (if they could take over today)
becomes key worker and owner of all the absent person's open work for that child
(``handovers.services.move_open_items``). The managers of each case, the cover and the family are
told in the same transaction, so a change that rolls back tells nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.contingency import rules, selectors
from joinedup.contingency.choices import AbsenceKind
from joinedup.contingency.models import Absence, ContingencyFlag, Cover
from joinedup.core.rules import EditConflict, RuleViolations
from joinedup.handovers.services import move_open_items
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams.models import KeyWorkerAssignment


def _lock(practitioner: Practitioner) -> Practitioner:
    Practitioner.objects.select_for_update().filter(pk=practitioner.pk).first()
    return Practitioner.objects.select_related("organisation", "user").get(pk=practitioner.pk)


@transaction.atomic
def set_cover(
    *,
    key_worker: Practitioner,
    cover: Practitioner,
    reason: str,
    expected_version: int | None,
    by: User,
    now: datetime,
) -> Cover:
    """B7-COVER: name (or change) who covers ``key_worker``. ``expected_version`` is the version the
    manager saw (None when no cover was named): someone else's change in between is refused (G5)."""
    key_worker = _lock(key_worker)
    cover = Practitioner.objects.select_related("organisation", "user").get(pk=cover.pk)
    violations = rules.cover_violations(
        is_themselves=cover.pk == key_worker.pk,
        cover_active=cover.is_active,
        same_area=cover.organisation.area_id == key_worker.organisation.area_id,
        cover_away=selectors.current_absence(cover) is not None,
        reason=reason,
    )
    if violations:
        raise RuleViolations(violations)
    existing = Cover.objects.select_for_update().filter(key_worker=key_worker).first()
    seen = existing.version if existing is not None else None
    if seen != expected_version:
        raise EditConflict
    if existing is None:
        plan = Cover.objects.create(key_worker=key_worker, cover=cover, reason=reason.strip(), set_by=by, set_at=now)
        action = AuditAction.CREATED
    else:
        Cover.objects.filter(pk=existing.pk).update(
            cover=cover, reason=reason.strip(), set_by=by, set_at=now, version=F("version") + 1
        )
        plan = Cover.objects.get(pk=existing.pk)
        action = AuditAction.UPDATED
    audit.record(
        action=action,
        by=by,
        at=now,
        subject=plan,
        what=f"Named {cover.full_name} as cover for key worker {key_worker.full_name}",
        why=reason.strip()[:200],
        changes={"cover": str(cover.pk), "was": str(existing.cover_id) if existing is not None else ""},
    )
    notify(
        recipients=[u for u in (cover.user, key_worker.user) if u.pk != by.pk],
        subject=f"{cover.full_name} is named cover for {key_worker.full_name}",
        body=(
            f"{cover.full_name} will cover {key_worker.full_name}'s children as key worker if "
            f"{key_worker.full_name} leaves or is away for a long time."
        ),
        now=now,
    )
    return plan


@dataclass
class Deactivated:
    """What marking a practitioner inactive did."""

    absence: Absence
    flags: list[ContingencyFlag] = field(default_factory=list)
    moved: list[Child] = field(default_factory=list)  # children not key-worked whose open work moved
    left: list[Child] = field(default_factory=list)  # children whose open work stayed: nobody to take it


def _move(
    *, child: Child, old: Practitioner, new: Practitioner | None, reason: str, by: User, now: datetime, today: date
) -> bool:
    """Move the child's open work to the cover; False (nothing moved for this child) if they cannot take it."""
    if new is None:
        return False
    try:
        move_open_items(child=child, old=old, new=new, reason=reason, by=by, now=now, today=today)
    except RuleViolations:
        return False  # its savepoint rolled back: the child is flagged uncovered instead
    return True


@transaction.atomic
def mark_inactive(
    *,
    practitioner: Practitioner,
    kind: str,
    from_date: date,
    note: str,
    by: User,
    now: datetime,
    today: date,
) -> Deactivated:
    """B7-INACTIVE, B7-FLAG: mark ``practitioner`` inactive and put the contingency plan into action.

    Every child they key-work is flagged at once. With a usable cover, the cover becomes key worker
    and takes all the open work; with none, the child is flagged uncovered and the managers of the
    case are told it is urgent. Children they do not key-work but hold open work for (actions,
    meetings, duties, a place on the case) have that work moved to the cover too, without a flag.
    Someone who left the service also loses their sign-in.
    """
    practitioner = _lock(practitioner)
    violations = rules.inactive_violations(
        is_active=practitioner.is_active, kind=kind, from_date=from_date, note=note, today=today
    )
    if violations:
        raise RuleViolations(violations)
    absence = Absence.objects.create(
        practitioner=practitioner, kind=kind, from_date=from_date, note=note.strip(), marked_by=by, marked_at=now
    )
    kind_label = AbsenceKind(kind).label
    cover = selectors.usable_cover(practitioner)
    reason = rules.covering_reason(absent_name=practitioner.full_name, kind_label=kind_label)
    done = Deactivated(absence=absence)
    for child in selectors.children_key_worked_by(practitioner):
        covered = _move(child=child, old=practitioner, new=cover, reason=reason, by=by, now=now, today=today)
        flag = ContingencyFlag.objects.create(
            child=child,
            absence=absence,
            absent=practitioner,
            cover=cover if covered else None,
            key_worker_assignment=KeyWorkerAssignment.objects.current().get(child=child),
            kind=kind,
            raised_at=now,
            raised_by=by,
        )
        done.flags.append(flag)
        _record_flag(flag, child=child, by=by, now=now)
    for child in selectors.children_with_other_open_work(practitioner):
        moved = _move(child=child, old=practitioner, new=cover, reason=reason, by=by, now=now, today=today)
        (done.moved if moved else done.left).append(child)
        if not moved:
            _tell_open_work_left(child, practitioner, now=now)
    Practitioner.objects.filter(pk=practitioner.pk).update(is_active=False)
    if kind == AbsenceKind.LEFT:
        User.objects.filter(pk=practitioner.user_id).update(is_active=False)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        subject=absence,
        what=f"Marked {practitioner.full_name} inactive: {kind_label.lower()}",
        why=note.strip()[:200],
        changes={
            "from_date": from_date.isoformat(),
            "flagged": len(done.flags),
            "covered": sum(1 for f in done.flags if f.is_covered),
            "moved": len(done.moved),
            "left": len(done.left),
        },
    )
    if cover is not None and (done.flags or done.moved):
        _tell_cover(cover, practitioner, done, now=now)
    return done


def _record_flag(flag: ContingencyFlag, *, child: Child, by: User, now: datetime) -> None:
    absent = flag.absent.full_name
    if flag.cover is not None:
        what = f"Flagged: key worker {absent} is away; {flag.cover.full_name} covers as key worker"
        subject = f"{flag.cover.full_name} is covering as key worker for {child.local_id}"
        body = (
            f"{absent} is away ({flag.get_kind_display().lower()}). "
            f"{flag.cover.full_name} is key worker until a new one is chosen."
        )
    else:
        what = f"Flagged: key worker {absent} is away; nobody is named to cover"
        subject = f"Urgent: {child.local_id} needs a key worker now"
        body = (
            f"{absent} is away ({flag.get_kind_display().lower()}) and nobody is named to cover. "
            "Choose a new key worker today."
        )
    audit.record(action=AuditAction.CREATED, by=by, at=now, child=child, subject=flag, what=what)
    link = reverse("teams:key-worker-assign", args=[child.pk])
    managers = [u for u in selectors.managers_of_case(child) if u.pk != by.pk]
    notify(recipients=managers, subject=subject, body=body, link=link, child=child, now=now)
    if flag.cover is not None:
        family = f"{flag.cover.full_name} is covering as your key worker while {absent} is away."
    else:
        family = f"{absent}, your key worker, is away. The team is choosing someone to be your key worker now."
    notify(
        recipients=selectors.family_users(child),
        subject="Your key worker is away",
        body=f"{family} A new key worker will be chosen with you.",
        link=reverse("portal:child", args=[child.pk]),
        child=child,
        now=now,
    )


def _tell_open_work_left(child: Child, absent: Practitioner, *, now: datetime) -> None:
    notify(
        recipients=selectors.managers_of_case(child),
        subject=f"{absent.full_name} is away and holds open work for {child.local_id}",
        body="Nobody is named to cover. Hand their actions, meetings and duties for this child to someone else.",
        link=reverse("people:child-detail", args=[child.pk]),
        child=child,
        now=now,
    )


def _tell_cover(cover: Practitioner, absent: Practitioner, done: Deactivated, *, now: datetime) -> None:
    covered = [f for f in done.flags if f.is_covered]
    also = f" You also hold their open work for {len(done.moved)} more." if done.moved else ""
    notify(
        recipients=[cover.user],
        subject=f"You are covering for {absent.full_name}",
        body=(
            f"{absent.full_name} is away. You are now key worker for {len(covered)} "
            f"{'child' if len(covered) == 1 else 'children'} until a new key worker is chosen.{also} "
            "See Children being covered."
        ),
        link=reverse("contingency:children-covered"),
        now=now,
    )


@transaction.atomic
def mark_active(*, practitioner: Practitioner, note: str, by: User, now: datetime) -> Practitioner:
    """B7-RETURN: a practitioner back from a long absence works again. Their children stay with the
    cover until a manager hands them back (B6 handover): nothing moves here."""
    practitioner = _lock(practitioner)
    absence = selectors.current_absence(practitioner)
    violations = rules.active_violations(
        is_active=practitioner.is_active, kind=absence.kind if absence is not None else ""
    )
    if violations:
        raise RuleViolations(violations)
    if absence is not None:
        Absence.objects.filter(pk=absence.pk).update(ended_at=now, ended_by=by)
    Practitioner.objects.filter(pk=practitioner.pk).update(is_active=True)
    practitioner.refresh_from_db()
    audit.record(
        action=AuditAction.ENDED,
        by=by,
        at=now,
        subject=absence if absence is not None else practitioner,
        what=f"Marked {practitioner.full_name} active again",
        why=note.strip()[:200],
    )
    notify(
        recipients=[practitioner.user],
        subject="Welcome back: you are marked active again",
        body="The children covered while you were away stay with their cover until a manager hands them back.",
        now=now,
    )
    return practitioner
