"""Reads for moving area (B8): the child's moves, the practitioners of the new area, and the
information pack, assembled from the record as one versioned structure (docs/rules/MOVES.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from joinedup.accounts.models import User
from joinedup.assessments.choices import PackageStatus
from joinedup.assessments.models import Package
from joinedup.duties.models import Duty
from joinedup.ehc.models import EhcNeedsAssessment
from joinedup.meetings.choices import MeetingStatus
from joinedup.meetings.models import Meeting
from joinedup.moves import rules
from joinedup.moves.choices import ContactKind
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.organisations.models import Area, Practitioner
from joinedup.people.choices import Need
from joinedup.people.models import AllAboutMe, CarerLink, Child, CommunicationProfile
from joinedup.plans.models import Action, Outcome, Plan
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


def _moves() -> QuerySet[ChildMove]:
    contacts = MoveContact.objects.select_related("practitioner__organisation", "practitioner__user").order_by(
        "kind", "added_at", "id"
    )
    return ChildMove.objects.select_related("to_area", "from_area", "child").prefetch_related(
        Prefetch("contacts", queryset=contacts)
    )


def moves_for(child: Child) -> list[ChildMove]:
    """The child's moves, the open one first, then the latest."""
    return sorted(_moves().filter(child=child), key=lambda m: (not m.is_open, -m.created_at.timestamp()))


def open_move_for(child: Child) -> ChildMove | None:
    return next((m for m in moves_for(child) if m.is_open), None)


def move_of(child: Child, move_id: UUID) -> ChildMove | None:
    """One move of this child (never another child's), with its contacts."""
    return _moves().filter(child=child, pk=move_id).first()


def move_by_id(move_id: UUID) -> ChildMove | None:
    return _moves().filter(pk=move_id).first()


def other_areas(child: Child) -> QuerySet[Area]:
    """Areas in joinedup a family may move to: every area but the child's own, by name."""
    return Area.objects.exclude(pk=child.area_id).order_by("name", "id")


def new_area_practitioners(move: ChildMove) -> QuerySet[Practitioner]:
    """Active practitioners of the new area (when it uses joinedup) not yet on the move, by name."""
    if move.to_area_id is None:
        return Practitioner.objects.none()
    chosen = MoveContact.objects.filter(move=move, practitioner__isnull=False).values("practitioner_id")
    return (
        Practitioner.objects.filter(organisation__area_id=move.to_area_id, is_active=True, user__is_active=True)
        .exclude(pk__in=chosen)
        .select_related("organisation")
        .order_by("full_name", "id")
    )


def old_team(child: Child) -> list[Practitioner]:
    """The practitioners of the old area to tell: the child's current interagency team."""
    ids = TeamMembership.objects.current().filter(child=child).values("practitioner_id")
    return list(Practitioner.objects.filter(pk__in=ids).select_related("user").order_by("full_name", "id"))


def family_users(child: Child) -> list[User]:
    """The family members with an account: carers linked to the child, and the young person."""
    users = list(User.objects.filter(carer__child_links__child=child, is_active=True).distinct().order_by("id"))
    if child.user_id is not None:
        users.append(User.objects.get(pk=child.user_id))
    return users


def received_by(user: User) -> QuerySet[ChildMove]:
    """Moves whose information pack was sent to ``user`` as a practitioner in the new area."""
    return ChildMove.objects.filter(
        contacts__practitioner__user=user, contacts__told_at__isnull=False, pack_sent_at__isnull=False
    ).distinct()


# ---- The information pack -----------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(p: Practitioner | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.full_name,
        "job_role": p.get_job_role_display(),
        "organisation": p.organisation.name,
        "phone": p.phone,
        "email": p.email,
    }


def _child_part(child: Child) -> dict[str, Any]:
    return {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "preferred_name": child.preferred_name,
        "date_of_birth": _iso(child.date_of_birth),
        "nhs_number": child.nhs_number or "",
        "local_id": child.local_id,
        "address": child.address,
        "postcode": child.postcode,
        "school_or_setting": child.school_or_setting,
        "needs": [Need(n.need).label for n in child.needs.all().order_by("-is_main", "need")],
        "ehc_plan_status": child.get_ehc_plan_status_display(),
        "legal_status": child.get_legal_status_display(),
        "young_carer": child.is_young_carer,
    }


def _about(child: Child) -> tuple[dict[str, Any], dict[str, Any]]:
    me = AllAboutMe.objects.filter(child=child).first()
    comms = CommunicationProfile.objects.filter(child=child).first()
    about = {
        f: getattr(me, f, "")
        for f in (
            "about_me",
            "what_matters_to_me",
            "life_goals",
            "ambitions",
            "likes",
            "dislikes",
            "how_to_support_me",
        )
    }
    about["written_by"] = me.get_written_by_display() if me is not None else ""
    communication = {
        f: getattr(comms, f, "") for f in ("how_i_communicate", "communication_aids", "what_works", "what_to_avoid")
    }
    return about, communication


def _carers(child: Child) -> list[dict[str, Any]]:
    links = (
        CarerLink.objects.filter(child=child).select_related("carer").order_by("-is_main_contact", "carer__full_name")
    )
    return [
        {
            "name": link.carer.full_name,
            "relationship": link.get_relationship_display(),
            "parental_responsibility": link.has_parental_responsibility,
            "lives_with_child": link.lives_with_child,
            "main_contact": link.is_main_contact,
            "phone": link.carer.phone,
            "email": link.carer.email,
        }
        for link in links
    ]


def _team(child: Child) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    assignment = (
        KeyWorkerAssignment.objects.current().filter(child=child).select_related("practitioner__organisation").first()
    )
    key_worker = None
    if assignment is not None:
        key_worker = (_person(assignment.practitioner) or {}) | {"since": _iso(assignment.start_date)}
    members = (
        TeamMembership.objects.current()
        .filter(child=child)
        .select_related("practitioner__organisation")
        .order_by("practitioner__full_name", "id")
    )
    team = [
        (_person(m.practitioner) or {})
        | {"role_in_team": m.role_in_team, "sector": m.practitioner.organisation.get_sector_display()}
        | {"since": _iso(m.start_date)}
        for m in members
    ]
    return key_worker, team


def _plans(child: Child) -> list[dict[str, Any]]:
    open_actions = Action.objects.filter(done_on__isnull=True).select_related("responsible_practitioner")
    outcomes = Outcome.objects.prefetch_related(
        Prefetch("actions", queryset=open_actions.order_by("target_date", "id"), to_attr="open_actions")
    ).order_by("added_at", "id")
    plans = Plan.objects.current().filter(child=child).prefetch_related(Prefetch("outcomes", queryset=outcomes))
    return [
        {
            "kind": plan.get_kind_display(),
            "start_date": _iso(plan.start_date),
            "review_date": _iso(plan.review_date),
            "outcomes": [
                {
                    "text": o.text,
                    "open_actions": [
                        {
                            "what": a.what,
                            "responsible": (
                                a.responsible_practitioner.full_name
                                if a.responsible_practitioner is not None
                                else a.responsible_other
                            ),
                            "target_date": _iso(a.target_date),
                        }
                        for a in o.open_actions  # type: ignore[attr-defined]  # set by Prefetch(to_attr=)
                    ],
                }
                for o in plan.outcomes.all()
            ],
        }
        for plan in plans.order_by("kind", "start_date", "id")
    ]


def _meetings(child: Child, now: datetime) -> list[dict[str, Any]]:
    meetings = Meeting.objects.filter(child=child, status=MeetingStatus.PLANNED, starts_at__gte=now)
    return [
        {"title": m.title, "starts_at": _iso(m.starts_at), "place": m.place, "video_link": m.video_link}
        for m in meetings.order_by("starts_at", "id")
    ]


def _duties(child: Child) -> list[dict[str, Any]]:
    duties = Duty.objects.open().filter(child=child).select_related("owner").order_by("due_on", "kind", "id")
    return [
        {
            "what": d.get_kind_display(),
            "due_on": _iso(d.due_on),
            "basis": d.basis,
            "whose": d.owner.full_name if d.owner is not None else "",
        }
        for d in duties
    ]


def _ehc(child: Child) -> dict[str, Any]:
    assessment = EhcNeedsAssessment.objects.filter(child=child).order_by("-requested_on", "-id").first()
    return {
        "plan_status": child.get_ehc_plan_status_display(),
        "needs_assessment": (
            {"status": assessment.get_status_display(), "requested_on": _iso(assessment.requested_on)}
            if assessment is not None
            else None
        ),
    }


def _packages(child: Child) -> list[dict[str, Any]]:
    packages = Package.objects.filter(child=child).exclude(status=PackageStatus.DECLINED)
    return [
        {
            "kind": p.get_kind_display(),
            "provides": p.provides,
            "overnight_respite": p.overnight_respite,
            "status": p.get_status_display(),
        }
        for p in packages.order_by("identified_on", "id")
    ]


def _contacts(move: ChildMove, kind: str) -> list[dict[str, Any]]:
    rows = []
    for c in move.contacts.all():
        if c.kind != kind:
            continue
        if c.practitioner is not None:
            p = c.practitioner
            rows.append({"name": p.full_name, "role": p.get_job_role_display(), "organisation": p.organisation.name})
            rows[-1]["email"] = p.email
        else:
            rows.append({"name": c.name, "role": c.role, "organisation": c.organisation, "email": c.email})
    return rows


def pack_for(move: ChildMove, *, by: User, now: datetime) -> dict[str, Any]:
    """The information pack (B8-PACK): what the new area needs for continuity of care, from the
    record as it is ``now``. The structure and its version are documented in docs/rules/MOVES.md."""
    child = Child.objects.select_related("area").get(pk=move.child_id)
    about, communication = _about(child)
    key_worker, team = _team(child)
    author = Practitioner.objects.filter(user=by).select_related("organisation").first()
    return {
        "schema": rules.PACK_SCHEMA,
        "version": rules.PACK_SCHEMA_VERSION,
        "generated_at": _iso(now),
        "generated_by": _person(author),
        "move": {
            "from_area": move.from_area.name,
            "to_area": move.destination,
            "to_area_uses_joinedup": move.to_area_id is not None,
            "new_address": move.new_address,
            "new_postcode": move.new_postcode,
            "moving_on": _iso(move.moving_on),
        },
        "child": _child_part(child),
        "all_about_me": about,
        "communication": communication,
        "carers": _carers(child),
        "key_worker": key_worker,
        "team": team,
        "plans": _plans(child),
        "upcoming_meetings": _meetings(child, now),
        "open_duties": _duties(child),
        "ehc": _ehc(child),
        "packages": _packages(child),
        "new_area_practitioners": _contacts(move, ContactKind.NEW_AREA),
        "equipment_providers": _contacts(move, ContactKind.EQUIPMENT),
    }


def pack_to_show(move: ChildMove, *, by: User, now: datetime) -> dict[str, Any]:
    """The pack as last sent; before it is sent, a preview from the record as it is now."""
    return move.pack if move.pack else pack_for(move, by=by, now=now)


_DATE_KEYS = {
    "date_of_birth",
    "moving_on",
    "since",
    "start_date",
    "review_date",
    "target_date",
    "due_on",
    "requested_on",
}
_TIME_KEYS = {"generated_at", "starts_at"}


def _readable(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _readable(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(key, v) for v in value]
    if isinstance(value, str) and value and key in _DATE_KEYS:
        d = date.fromisoformat(value)
        return f"{d.day} {d:%B %Y}"
    if isinstance(value, str) and value and key in _TIME_KEYS:
        t = timezone.localtime(datetime.fromisoformat(value))
        return f"{t.day} {t:%B %Y} at {t:%H:%M}"
    return value


def for_display(pack: dict[str, Any]) -> dict[str, Any]:
    """The pack with its ISO dates written as GOV.UK writes them (3 March 2027), for the printable page."""
    shown: dict[str, Any] = _readable("", pack)
    return shown


def family_packs(child: Child) -> list[ChildMove]:
    """The family's copies of the information packs sent for their moves, latest first (B8)."""
    sent = ChildMove.objects.filter(child=child, pack_sent_at__isnull=False).select_related("to_area")
    return list(sent.order_by("-pack_sent_at", "-id"))
