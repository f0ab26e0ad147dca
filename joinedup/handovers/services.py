"""Handing a child's open work from one practitioner to another (B6, B7): nothing open is lost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.handovers import rules, selectors
from joinedup.handovers.choices import HandoverStatus
from joinedup.handovers.models import Handover
from joinedup.handovers.selectors import OpenItems
from joinedup.meetings.models import Invitee
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.teams import services as team_services
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


@dataclass(frozen=True)
class Moved:
    """What moved: the counts before, from the old person's side, and after, on the new person's."""

    before: OpenItems
    after_old: OpenItems
    after_new: OpenItems


def _refuse_unless_able(child: Child, old: Practitioner, new: Practitioner) -> None:
    problems: list[Violation] = []
    if new.pk == old.pk:
        problems.append(Violation("B6-NEW-PERSON", "practitioner", "Choose someone other than the person handing over"))
    if not new.is_active:
        problems.append(Violation("B6-NEW-PERSON", "practitioner", "Choose a practitioner who is working now"))
    if new.organisation.area_id != child.area_id:
        problems.append(Violation("B6-NEW-PERSON", "practitioner", "Choose a practitioner who works in this area"))
    if problems:
        raise RuleViolations(problems)


@transaction.atomic
def move_open_items(
    *,
    child: Child,
    old: Practitioner,
    new: Practitioner,
    reason: str,
    by: User,
    now: datetime,
    today: date,
) -> Moved:
    """Move every open item ``old`` holds for ``child`` to ``new`` in one transaction (B6-MOVE).

    The roles that make someone owner move first (key worker, the worker on the case), so the
    sweep gives the swept duties to ``new``; then plan actions, planned meetings (``new`` is
    invited) and the duties a step scheduled. ``new`` joins the interagency team if not in it.
    ``old`` stays in the team: whether they leave is a separate decision (B1). ``reason`` is why
    ``new`` is right for the child (B3-NOT-SAME-JOB applies when they become key worker).
    """
    child = Child.objects.select_for_update().get(pk=child.pk)
    old = Practitioner.objects.select_related("organisation").get(pk=old.pk)
    new = Practitioner.objects.select_related("organisation").get(pk=new.pk)
    _refuse_unless_able(child, old, new)
    before = selectors.open_items_of(child, old)
    role = (
        TeamMembership.objects.current()
        .filter(child=child, practitioner=old)
        .values_list("role_in_team", flat=True)
        .first()
    )
    if not TeamMembership.objects.current().filter(child=child, practitioner=new).exists():
        team_services.add_team_member(
            child=child,
            practitioner=new,
            role_in_team=role or new.get_job_role_display(),
            start_date=today,
            by=by,
            now=now,
            today=today,
        )
    if before.is_key_worker:
        team_services.assign_key_worker(child=child, practitioner=new, reason=reason, by=by, now=now, today=today)
    _move_case_relationships(child=child, old=old, new=new, by=by, now=now, today=today)
    selectors.open_actions(child, old).update(
        responsible_practitioner=new, version=F("version") + 1, updated_at=now, updated_by=by
    )
    meetings = list(selectors.open_meetings(child, old).values_list("pk", flat=True))
    already_invited = set(
        Invitee.objects.filter(meeting_id__in=meetings, practitioner=new).values_list("meeting_id", flat=True)
    )
    Invitee.objects.bulk_create(
        [Invitee(meeting_id=m, practitioner=new, told_at=now) for m in meetings if m not in already_invited]
    )
    selectors.open_meetings(child, old).update(organiser=new, version=F("version") + 1, updated_at=now)
    # The sweep gives swept duties to whoever now holds the role; the rest were scheduled by a step.
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    selectors.open_duties(child, old).update(owner=new)
    after_old = selectors.open_items_of(child, old)
    after_new = selectors.open_items_of(child, new)
    if after_old.total:
        # A rule still gives ``old`` something: stop rather than lose track of it.
        raise RuleViolations([Violation("B6-MOVE", None, "Some open work could not be moved. Nothing has changed")])
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=child,
        what=(
            f"Moved {before.actions} actions, {before.meetings} meetings and {before.duties} duties "
            f"from {old.full_name} to {new.full_name}"
        ),
        why=reason.strip()[:200],
        changes={"actions": before.actions, "meetings": before.meetings, "duties": before.duties},
    )
    return Moved(before=before, after_old=after_old, after_new=after_new)


def _move_case_relationships(
    *, child: Child, old: Practitioner, new: Practitioner, by: User, now: datetime, today: date
) -> None:
    """The worker's place on the case (allocated, assigned, attached) passes to ``new`` as it was decided."""
    for allocation in Allocation.objects.current().filter(child=child, practitioner=old).select_related("hub"):
        Allocation.objects.filter(pk=allocation.pk).update(end_date=max(today, allocation.start_date))
        held = Allocation.objects.current().filter(child=child, practitioner=new, relationship=allocation.relationship)
        if held.exists():
            continue
        moved = Allocation.objects.create(
            child=child,
            hub=allocation.hub,
            practitioner=new,
            relationship=allocation.relationship,
            start_date=today,
            fired_rules=allocation.fired_rules,
            decided_by=by,
            decided_at=now,
        )
        audit.record(
            action=AuditAction.CREATED,
            by=by,
            at=now,
            child=child,
            subject=moved,
            what=f"Handed the case from {old.full_name} to {new.full_name}",
        )


# ---- B6: the handover itself: start, read, complete, cancel ---------------------------------------


def _refuse(violations: list[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def _counts(items: OpenItems) -> dict[str, int]:
    return {"actions": items.actions, "meetings": items.meetings, "duties": items.duties}


def _link(handover: Handover) -> str:
    return reverse("handovers:handover-detail", args=[handover.child_id, handover.pk])


@transaction.atomic
def start_handover(
    *,
    child: Child,
    old: Practitioner,
    new: Practitioner,
    reason: str,
    old_leaves_team: bool,
    by: User,
    now: datetime,
    today: date,
) -> Handover:
    """Start handing ``child`` from ``old`` to ``new`` (B6-START): take the handover summary from
    the record as it is now, and ask ``new`` to read it. Nothing moves yet: ``old`` keeps every open
    item until the handover completes (B6-KEEP). ``new`` joins the child's team now if not in it,
    so they can read the record; a cancelled handover takes them out again."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    old = Practitioner.objects.select_related("organisation").get(pk=old.pk)
    new = Practitioner.objects.select_related("organisation", "user").get(pk=new.pk)
    is_key_worker = KeyWorkerAssignment.objects.current().filter(child=child, practitioner=old).exists()
    in_team = TeamMembership.objects.current().filter(child=child, practitioner=old).exists()
    _refuse(
        [
            *rules.from_violations(
                is_key_worker=is_key_worker, in_team=in_team, open_items=selectors.open_items_of(child, old).total
            ),
            *rules.new_person_violations(
                old_id=old.pk,
                new_id=new.pk,
                new_active=new.is_active,
                new_in_area=new.organisation.area_id == child.area_id,
            ),
            *rules.reason_violations(reason=reason, is_key_worker=is_key_worker),
            *rules.one_open_violations(
                already_open=Handover.objects.open().filter(child=child, from_practitioner=old).exists()
            ),
        ]
    )
    new_joins = not TeamMembership.objects.current().filter(child=child, practitioner=new).exists()
    if new_joins:
        role = (
            TeamMembership.objects.current()
            .filter(child=child, practitioner=old)
            .values_list("role_in_team", flat=True)
            .first()
        )
        team_services.add_team_member(
            child=child,
            practitioner=new,
            role_in_team=role or new.get_job_role_display(),
            start_date=today,
            by=by,
            now=now,
            today=today,
        )
    handover = Handover.objects.create(
        child=child,
        from_practitioner=old,
        to_practitioner=new,
        is_key_worker=is_key_worker,
        reason=reason.strip(),
        old_leaves_team=old_leaves_team,
        new_joined_team=new_joins,
        summary=selectors.handover_summary(child, old, today=today),
        started_by=by,
        started_at=now,
    )
    role = "key worker" if is_key_worker else "key practitioner"
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=handover,
        what=f"Started handing over from {old.full_name} ({role}) to {new.full_name}",
        why=reason.strip()[:200],
    )
    notify(
        recipients=[u for u in (new.user, old.user) if u.pk != by.pk],
        subject="A child is being handed over",
        body=f"Child {child.local_id} is being handed over from one {role} to another. "
        "The person taking over must read the handover summary before the handover completes.",
        link=_link(handover),
        child=child,
        now=now,
    )
    return handover


def _locked(handover: Handover) -> Handover:
    return (
        Handover.objects.select_for_update(of=("self",))
        .select_related("child__user", "from_practitioner__user", "to_practitioner__user")
        .get(pk=handover.pk)
    )


@transaction.atomic
def confirm_handover_read(*, handover: Handover, by: User, now: datetime) -> Handover:
    """B6-READ: the new person confirms they have read the handover summary."""
    saved = _locked(handover)
    _refuse(rules.read_violations(status=saved.status, is_new_person=saved.to_practitioner.user_id == by.pk))
    Handover.objects.filter(pk=saved.pk).update(status=HandoverStatus.READ, read_by=by, read_at=now)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=saved.child,
        subject=saved,
        what="Confirmed reading the handover summary",
    )
    notify(
        recipients=[saved.from_practitioner.user, saved.started_by],
        subject="The handover summary has been read",
        body=f"The handover summary for child {saved.child.local_id} has been read. The handover can now complete.",
        link=_link(saved),
        child=saved.child,
        now=now,
    )
    saved.refresh_from_db()
    return saved


def _told(child: Child, by: User) -> list[User]:
    """B6-TELL: the young person (if they have an account), the family carers with accounts, and
    every current member of the child's team (including the new and, until they leave, the old person)."""
    users: list[User] = [p.user for p in selectors.team_users(child)]
    carers = Carer.objects.filter(child_links__child=child, user__isnull=False).select_related("user")
    users += [c.user for c in carers if c.user is not None]
    if child.user is not None:
        users.append(child.user)
    return [u for u in users if u.pk != by.pk]


@transaction.atomic
def open_items_to_move(*, handover: Handover, by: User, now: datetime, today: date) -> OpenItems:
    """What completing will move: the old person's open items once the child's duties are up to date
    for today, as completing brings them first. Without this, duties the nightly sweep has not yet
    made would be missing from the count on the page and then appear in the counts moved."""
    duties.bring_up_to_date(children=[handover.child], today=today, now=now, by=by)
    return selectors.open_items_of(handover.child, handover.from_practitioner)


@transaction.atomic
def complete_handover(*, handover: Handover, by: User, now: datetime, today: date) -> Handover:
    """B6-COMPLETE: once the new person has read the summary, move every open item from the old
    person to the new (``move_open_items``), let the old person leave the team if that was decided,
    tell the child, family and every team member, and record the counts before and after (B6-MOVE)."""
    saved = _locked(handover)
    _refuse(rules.complete_violations(status=saved.status))
    child, old, new = saved.child, saved.from_practitioner, saved.to_practitioner
    # Bring the duties up to date first, so the counts before are the duties that exist now.
    duties.bring_up_to_date(children=[child], today=today, now=now, by=by)
    old_before = _counts(selectors.open_items_of(child, old))
    new_before = _counts(selectors.open_items_of(child, new))
    told = _told(child, by)  # the team as it is before the old person may leave it
    moved = move_open_items(child=child, old=old, new=new, reason=saved.reason, by=by, now=now, today=today)
    counts = {
        "old_before": old_before,
        "new_before": new_before,
        "old_after": _counts(moved.after_old),
        "new_after": _counts(moved.after_new),
    }
    if not rules.nothing_lost(**counts):
        raise RuleViolations([Violation("B6-MOVE", None, "Some open work could not be moved. Nothing has changed")])
    if saved.old_leaves_team:
        membership = TeamMembership.objects.current().filter(child=child, practitioner=old).first()
        if membership is not None:
            team_services.end_team_member(
                membership=membership,
                end_date=max(today, membership.start_date),
                reason=f"Handed over to {new.full_name}",
                by=by,
                now=now,
                today=today,
            )
    Handover.objects.filter(pk=saved.pk).update(
        status=HandoverStatus.COMPLETED, completed_by=by, completed_at=now, counts=counts
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=saved,
        what=f"Completed the handover from {old.full_name} to {new.full_name}",
        changes=counts,
    )
    role = "key worker" if saved.is_key_worker else "key practitioner"
    notify(
        recipients=told,
        subject=f"A new {role}",
        body=f"Child {child.local_id} has a new {role}: {new.full_name}, {new.get_job_role_display()}, "
        f"{new.organisation.name}. Contact: {new.phone or new.email}.",
        link=reverse("people:child-detail", args=[child.pk]),
        child=child,
        now=now,
    )
    saved.refresh_from_db()
    return saved


@transaction.atomic
def cancel_handover(*, handover: Handover, reason: str, by: User, now: datetime, today: date) -> Handover:
    """B6-CANCEL: stop an open handover with a reason. Nothing moved, so nothing moves back; a new
    person who joined the team only for it leaves it again, unless they hold something for the child."""
    saved = _locked(handover)
    _refuse(rules.cancel_violations(status=saved.status, reason=reason))
    Handover.objects.filter(pk=saved.pk).update(
        status=HandoverStatus.CANCELLED, cancelled_by=by, cancelled_at=now, cancel_reason=reason.strip()
    )
    new = saved.to_practitioner
    if saved.new_joined_team and not selectors.open_items_of(saved.child, new).total:
        membership = TeamMembership.objects.current().filter(child=saved.child, practitioner=new).first()
        if (
            membership is not None
            and not KeyWorkerAssignment.objects.current().filter(child=saved.child, practitioner=new).exists()
        ):
            team_services.end_team_member(
                membership=membership,
                end_date=max(today, membership.start_date),
                reason="The handover to them was cancelled",
                by=by,
                now=now,
                today=today,
            )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=saved.child,
        subject=saved,
        what="Cancelled the handover",
        why=reason.strip()[:200],
    )
    notify(
        recipients=[u for u in (new.user, saved.from_practitioner.user) if u.pk != by.pk],
        subject="A handover was cancelled",
        body=f"The handover of child {saved.child.local_id} was cancelled. Nothing has moved.",
        link=_link(saved),
        child=saved.child,
        now=now,
    )
    saved.refresh_from_db()
    return saved
