"""Every change to a move (B8; NG213 1.15.10): plan it, add who to tell, send the information pack
(to the new area, a copy to the family, word to the old team and the equipment providers), and
complete it by closing the record or transferring it to the new area.

Each service checks the rules and writes its audit event in one transaction; inbox messages go into
the outbox in that transaction, and e-mails to people outside joinedup are sent only once it commits
(``transaction.on_commit``): a change that rolls back tells nobody.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.allocation.models import Allocation
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.closure import services as closure_services
from joinedup.closure.models import ClosureReason
from joinedup.closure.selectors import current_members
from joinedup.core.rules import EditConflict, RuleViolations, Violation
from joinedup.duties import services as duties
from joinedup.moves import rules, selectors
from joinedup.moves.choices import ContactKind, MoveOutcome, MoveStatus
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.notifications.services import notify
from joinedup.organisations.models import Area, Practitioner, Team
from joinedup.people.models import Carer, Child
from joinedup.referrals import selectors as referral_selectors
from joinedup.teams import services as team_services
from joinedup.teams.models import KeyWorkerAssignment
from joinedup.transfers.models import Transfer

MOVED_AREA = "MOVED_AREA"  # the closure reason code for a move (closure/defaults.py)
FROM_ADDRESS = "joinedup <no-reply@joinedup.invalid>"


@dataclass(frozen=True)
class Destination:
    to_area: Area | None
    to_area_name: str
    new_address: str
    new_postcode: str
    moving_on: date


@dataclass(frozen=True)
class ContactDetails:
    kind: str
    practitioner: Practitioner | None
    name: str
    role: str
    organisation: str
    email: str


@dataclass(frozen=True)
class SendResult:
    new_area: int
    family: int
    old_team: int
    equipment: int


def _refuse(violations: Sequence[Violation]) -> None:
    if violations:
        raise RuleViolations(violations)


def _date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


@transaction.atomic
def plan_move(*, child: Child, destination: Destination, by: User, now: datetime, today: date) -> ChildMove:
    """Record that the family is moving: where to, the new address, the expected date (B8-PLAN)."""
    child = Child.objects.select_for_update().get(pk=child.pk)
    d = destination
    _refuse(
        rules.plan_violations(
            in_system_area=d.to_area is not None,
            same_area=d.to_area is not None and d.to_area.pk == child.area_id,
            to_area_name=d.to_area_name,
            moving_on=d.moving_on,
            has_open_move=ChildMove.objects.filter(child=child).exclude(status=MoveStatus.COMPLETED).exists(),
            today=today,
        )
    )
    move = ChildMove.objects.create(
        child=child,
        from_area_id=child.area_id,
        to_area=d.to_area,
        to_area_name="" if d.to_area is not None else d.to_area_name.strip(),
        new_address=d.new_address.strip(),
        new_postcode=d.new_postcode.strip().upper(),
        moving_on=d.moving_on,
        planned_by=by,
        created_at=now,
        updated_at=now,
    )
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=move,
        what="Planned a move to another area",
        changes={"to_area": move.destination, "moving_on": d.moving_on.isoformat()},
    )
    return move


def _locked(move: ChildMove, expected_version: int | None = None) -> ChildMove:
    saved = ChildMove.objects.select_for_update(of=("self",)).select_related("to_area", "child").get(pk=move.pk)
    if expected_version is not None and saved.version != expected_version:
        raise EditConflict("The move was changed by someone else")
    return saved


@transaction.atomic
def add_move_contact(*, move: ChildMove, details: ContactDetails, by: User, now: datetime) -> MoveContact:
    """Add a practitioner in the new area, or an equipment provider, to tell about the move (B8-CONTACT)."""
    saved = _locked(move)
    c = details
    practitioner = c.practitioner
    _refuse(
        [
            *rules.open_violations(status=saved.status),
            *rules.contact_violations(
                kind=c.kind,
                in_system_area=saved.to_area_id is not None,
                has_practitioner=practitioner is not None,
                practitioner_in_new_area=(
                    practitioner is not None and practitioner.organisation.area_id == saved.to_area_id
                ),
                name=c.name,
                email=c.email,
            ),
        ]
    )
    same = MoveContact.objects.filter(move=saved, kind=c.kind)
    if practitioner is not None and same.filter(practitioner=practitioner).exists():
        raise RuleViolations([Violation("B8-CONTACT", "practitioner", "This practitioner is already on the move")])
    if practitioner is None and same.filter(email__iexact=c.email.strip()).exists():
        raise RuleViolations(
            [Violation("B8-CONTACT", "email", "Someone with this email address is already on the move")]
        )
    named = practitioner is None
    contact = MoveContact.objects.create(
        move=saved,
        kind=c.kind,
        practitioner=practitioner,
        name=c.name.strip() if named else "",
        role=c.role.strip() if named else "",
        organisation=c.organisation.strip() if named else "",
        email=c.email.strip() if named else "",
        added_by=by,
        added_at=now,
    )
    ChildMove.objects.filter(pk=saved.pk).update(version=F("version") + 1, updated_at=now)
    what = (
        "Identified a practitioner in the new area" if c.kind == ContactKind.NEW_AREA else "Added an equipment provider"
    )
    audit.record(action=AuditAction.CREATED, by=by, at=now, child=saved.child, subject=contact, what=what)
    return contact


def _about_child(move: ChildMove) -> str:
    child = move.child
    return f"{child.full_name} (born {_date(child.date_of_birth)})"


def _pack_email(move: ChildMove, contact: MoveContact, pack: dict[str, Any], sender: str) -> EmailMessage:
    message = EmailMessage(
        subject=f"Information pack: a family moving to {move.destination}",
        body=(
            f"Dear {contact.name},\n\n{_about_child(move)} and their family are moving to {move.destination} "
            f"around {_date(move.moving_on)}. {sender} has identified you to share their information with, "
            "so their care and support continue.\n\n"
            "The information pack is attached (JSON, described at docs/rules/MOVES.md in joinedup). "
            f"Please contact {sender} with any questions."
        ),
        from_email=FROM_ADDRESS,
        to=[contact.email],
    )
    name = f"information-pack-{move.child.local_id}.json"
    message.attach(name, json.dumps(pack, indent=2, ensure_ascii=False), "application/json")
    return message


def _equipment_email(move: ChildMove, contact: MoveContact, sender: str) -> EmailMessage:
    address = f", new address: {move.new_address} {move.new_postcode}".rstrip() if move.new_address else ""
    return EmailMessage(
        subject="A family you provide equipment for is moving",
        body=(
            f"Dear {contact.name},\n\n{_about_child(move)} and their family are moving to {move.destination} "
            f"around {_date(move.moving_on)}{address}.\n\n"
            f"Please contact {sender} to arrange what happens to the equipment you provide."
        ),
        from_email=FROM_ADDRESS,
        to=[contact.email],
    )


def _send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: [m.send() for m in messages])


@transaction.atomic
def send_move_pack(*, move: ChildMove, expected_version: int, by: User, now: datetime) -> SendResult:
    """Send the information pack (B8-PACK) and tell everyone who must hear of the move (B8-TELL): the
    practitioners in the new area (in joinedup: an inbox message and the pack to read; otherwise an
    e-mail with the pack attached), the family (an inbox message and their copy in the family view),
    the old area's team (inbox) and the equipment providers (e-mail). Each is told once."""
    saved = _locked(move, expected_version)
    contacts = list(MoveContact.objects.filter(move=saved).select_related("practitioner__user").order_by("added_at"))
    new_area = [c for c in contacts if c.kind == ContactKind.NEW_AREA]
    _refuse(rules.pack_violations(status=saved.status, new_area_contacts=len(new_area)))
    untold_new = [c for c in new_area if c.told_at is None]
    untold_equipment = [c for c in contacts if c.kind == ContactKind.EQUIPMENT and c.told_at is None]
    told = rules.who_to_tell(
        new_area_untold=len(untold_new),
        family_told=saved.family_told_at is not None,
        old_team_told=saved.old_team_told_at is not None,
        equipment_untold=len(untold_equipment),
    )
    pack = selectors.pack_for(saved, by=by, now=now)
    child = saved.child
    sender_profile = Practitioner.objects.filter(user=by).select_related("organisation").first()
    sender = f"{sender_profile.full_name}, {sender_profile.organisation.name}" if sender_profile else "the key worker"
    emails: list[EmailMessage] = []
    in_system = [c.practitioner.user for c in untold_new if c.practitioner is not None]
    notify(
        recipients=in_system,
        subject="An information pack for a family moving to your area",
        body=(
            f"A family is moving to your area around {_date(saved.moving_on)}. Record {child.local_id}: read the pack."
        ),
        link=reverse("moves:received-pack", args=[saved.pk]),
        child=child,
        now=now,
    )
    emails += [_pack_email(saved, c, pack, sender) for c in untold_new if c.practitioner is None]
    family = selectors.family_users(child) if told.family else []
    notify(
        recipients=family,
        subject="Your information pack for your move",
        body=f"Your key worker has sent your information to your new area, {saved.destination}. Your copy is here.",
        link=reverse("moves:family-pack", args=[child.pk, saved.pk]),
        child=child,
        now=now,
    )
    old_team = [p.user for p in selectors.old_team(child) if p.user_id != by.pk] if told.old_team else []
    notify(
        recipients=old_team,
        subject=f"Record {child.local_id}: the family is moving area",
        body=f"The family of record {child.local_id} is moving to {saved.destination} around {_date(saved.moving_on)}.",
        link=reverse("moves:move", args=[child.pk]),
        child=child,
        now=now,
    )
    emails += [_equipment_email(saved, c, sender) for c in untold_equipment]
    MoveContact.objects.filter(pk__in=[c.pk for c in untold_new + untold_equipment]).update(told_at=now)
    ChildMove.objects.filter(pk=saved.pk).update(
        status=MoveStatus.PACK_SENT,
        pack=pack,
        pack_sent_at=now,
        pack_sent_by=by,
        family_told_at=saved.family_told_at or now,
        old_team_told_at=saved.old_team_told_at or now,
        version=saved.version + 1,
        updated_at=now,
    )
    result = SendResult(
        new_area=len(untold_new), family=len(family), old_team=len(old_team), equipment=len(untold_equipment)
    )
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        subject=saved,
        what="Sent the information pack for a move",
        changes={"told": result.__dict__, "pack_version": rules.PACK_SCHEMA_VERSION},
    )
    _send_after_commit(emails)
    return result


@transaction.atomic
def record_pack_read(*, move: ChildMove, by: User, now: datetime) -> None:
    """A practitioner of the new area read the pack sent to them: audited like any read of the record."""
    audit.record(
        action=AuditAction.VIEWED,
        by=by,
        at=now,
        child=move.child,
        subject=move,
        what="Opened an information pack sent to them",
    )


def moved_area_reason(area_id: UUID, *, by: User, now: datetime) -> ClosureReason | None:
    """The area's closure reason for a move (code MOVED_AREA), loading the defaults if it has none."""
    reason = ClosureReason.objects.filter(area_id=area_id, code=MOVED_AREA).first()
    if reason is None:
        area = Area.objects.get(pk=area_id)
        closure_services.load_default_reasons(area=area, by=by, now=now)
        reason = ClosureReason.objects.filter(area_id=area_id, code=MOVED_AREA).first()
    return reason


@transaction.atomic
def complete_move(
    *, move: ChildMove, outcome: str, reason: str, expected_version: int, by: User, now: datetime, today: date
) -> ChildMove:
    """Complete the move (B8-OUTCOME): close the record for the area's "moved to another area" reason
    (closure.services.close_case), or transfer it to the new area (``_transfer``). Either way with a
    reason, audited, in one transaction."""
    saved = _locked(move, expected_version)
    child = Child.objects.select_for_update().get(pk=saved.child_id)
    closure_reason = moved_area_reason(child.area_id, by=by, now=now) if outcome == MoveOutcome.CLOSED else None
    team = referral_selectors.assessment_hub_team(saved.to_area_id) if saved.to_area_id is not None else None
    _refuse(
        rules.outcome_violations(
            status=saved.status,
            outcome=outcome,
            reason=reason,
            in_system_area=saved.to_area_id is not None,
            receiving_team_found=team is not None,
            local_id_taken=(
                saved.to_area_id is not None
                and Child.objects.filter(area_id=saved.to_area_id, local_id=child.local_id).exists()
            ),
            closure_reason_in_use=closure_reason is not None and closure_reason.active,
        )
    )
    closure = None
    if outcome == MoveOutcome.CLOSED and closure_reason is not None:
        closure = closure_services.close_case(
            child=child, reason=closure_reason, closed_on=today, note=reason, by=by, now=now, today=today
        )
    elif team is not None and saved.to_area is not None:
        _transfer(child, saved, to_area=saved.to_area, team=team, reason=reason, by=by, now=now, today=today)
    ChildMove.objects.filter(pk=saved.pk).update(
        status=MoveStatus.COMPLETED,
        outcome=outcome,
        outcome_reason=reason.strip(),
        closure=closure,
        completed_at=now,
        completed_by=by,
        version=saved.version + 1,
        updated_at=now,
    )
    saved.refresh_from_db()
    audit.record(
        action=AuditAction.ENDED,
        by=by,
        at=now,
        child=child,
        subject=saved,
        what=f"Completed a move: {MoveOutcome(outcome).label.lower()}",
        why=reason.strip()[:200],
        changes={"outcome": outcome, "to_area": saved.destination},
    )
    return saved


def _transfer(
    child: Child,
    move: ChildMove,
    *,
    to_area: Area,
    team: Team,
    reason: str,
    by: User,
    now: datetime,
    today: date,
) -> None:
    """The record goes to the new area: every allocation, team place and key working of the old area
    ends, its open duties end, the new area's Safeguarding & Support hub holds the case (its managers
    are told, to allocate), and the family's accounts move with it. The old area's staff lose access
    (every read is within the reader's area); the practitioners identified in the new area keep the pack."""
    if Transfer.objects.open().filter(child=child).exists():
        raise RuleViolations([Violation("B8-OUTCOME", None, "Complete or withdraw the transfer between hubs first")])
    why = f"Moved to {to_area.name}: {reason.strip()}"[:200]
    allocations = list(Allocation.objects.current().filter(child=child))
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(end_date=today)
    for allocation in allocations:
        audit.record(action=AuditAction.ENDED, by=by, at=now, child=child, subject=allocation, what=why)
    members = list(current_members(child))
    for membership in members:
        team_services.end_team_member(membership=membership, end_date=today, reason=why, by=by, now=now, today=today)
    for assignment in KeyWorkerAssignment.objects.current().filter(child=child):
        KeyWorkerAssignment.objects.filter(pk=assignment.pk).update(end_date=max(today, assignment.start_date))
        audit.record(action=AuditAction.ENDED, by=by, at=now, child=child, subject=assignment, what=why)
    duties.end_open_duties(child=child, why=why, by=by, now=now)
    before = {"area": child.area.name, "holding_team": child.holding_team.name if child.holding_team else ""}
    Child.objects.filter(pk=child.pk).update(
        area=to_area,
        holding_team=team,
        address=move.new_address or child.address,
        postcode=move.new_postcode or child.postcode,
        version=F("version") + 1,
    )
    if child.user_id is not None:
        User.objects.filter(pk=child.user_id).update(area=to_area)
    carers_moved = _move_carers(child, to_area)
    audit.record(
        action=AuditAction.UPDATED,
        by=by,
        at=now,
        child=child,
        what="Transferred the record to another area",
        why=reason.strip()[:200],
        changes={
            "before": before,
            "after": {"area": to_area.name, "holding_team": team.name},
            "allocations_ended": len(allocations),
            "team_members_ended": len(members),
            "carers_moved": carers_moved,
        },
    )
    notify(
        recipients=referral_selectors.team_managers_of(team),
        subject="A child has moved into your area",
        body=(
            f"Record {child.local_id} has been transferred from {move.from_area.name}: the family moved on "
            f"{_date(move.moving_on)}. Your hub holds the case: allocate a worker and a key worker."
        ),
        link=reverse("people:child-detail", args=[child.pk]),
        child=child,
        now=now,
    )


def _move_carers(child: Child, to_area: Area) -> int:
    """Carers move with the child once every child they are linked to is in the new area (a carer of a
    brother or sister who stays keeps their area until that child moves too)."""
    moved = 0
    for carer in Carer.objects.filter(child_links__child=child).distinct().order_by("id"):
        if carer.child_links.exclude(child__area=to_area).exists():
            continue
        Carer.objects.filter(pk=carer.pk).update(area=to_area)
        if carer.user_id is not None:
            User.objects.filter(pk=carer.user_id).update(area=to_area)
        moved += 1
    return moved
