"""The child page's read model: what the page shows, read with hand-written SQL into plain rows.

The child page is a third of what practitioners ask for, and the costliest page (issue 6). Drawn
from model selectors it asked twenty ORM queries; building and compiling them and making model
instances of their rows was most of its Python. Here each section is one plain query
(``joinedup.core.rows``) whose rows become the small frozen classes below, which the template reads.

What stays as it was: the child is opened through access before this is called (``open_child``:
the policy's 404 and the audit row); which siblings the user may see is asked of
``access.policy``; the rules are the functions every other page calls (B1-GAPS ``unmet_needs``,
C6-SMART ``smart_gaps``, C5-COMBINE ``combine_proposal``). A section the user may not read is not
read at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.core.rows import aware, fetch, uuid_of, uuid_or_none
from joinedup.duties.choices import DutyStatus
from joinedup.meetings.choices import MeetingStatus
from joinedup.organisations.choices import Sector
from joinedup.people.choices import CarerRelationship, SiblingKind, WrittenBy
from joinedup.people.models import Child, full_name
from joinedup.plans import rules as plan_rules
from joinedup.plans.choices import PlanKind, PlanStatus
from joinedup.plans.models import frequency_given, responsible_named
from joinedup.teams import rules as team_rules


@dataclass(frozen=True, slots=True)
class AllAboutMe:
    about_me: str
    what_matters_to_me: str
    life_goals: str
    ambitions: str
    likes: str
    dislikes: str
    how_to_support_me: str
    written_by: str  # the label: "In their own words", ...
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class Communication:
    how_i_communicate: str
    communication_aids: str
    what_works: str
    what_to_avoid: str


@dataclass(frozen=True, slots=True)
class Carer:
    full_name: str
    relationship: str  # the label
    lives_with_child: bool
    has_parental_responsibility: bool
    is_main_contact: bool
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class Sibling:
    kind: str  # the label
    child_id: UUID | None  # None, and no name or birthday, when the sibling is not shared with the user (G1)
    full_name: str = ""
    date_of_birth: date | None = None


@dataclass(frozen=True, slots=True)
class Member:
    id: UUID
    practitioner_id: UUID
    user_id: UUID | None
    full_name: str
    role_in_team: str
    organisation: str
    sector: str
    phone: str
    email: str
    start_date: date
    end_date: date | None
    end_reason: str


@dataclass(frozen=True, slots=True)
class KeyWorker:
    practitioner_id: UUID
    full_name: str
    job_role: str  # the code; the template labels it
    organisation: str
    phone: str
    email: str
    start_date: date


@dataclass(frozen=True, slots=True)
class SectorGroup:
    label: str
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Team:
    groups: tuple[SectorGroup, ...]
    key_worker: KeyWorker | None
    unmet_needs: list[str]
    past_members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class PlanLine:
    id: UUID
    kind: str
    status: str
    start_date: date
    review_date: date | None
    ended_on: date | None
    gaps: list[str]  # what it lacks to be SMART (C6-SMART); empty when it is

    @property
    def kind_label(self) -> str:
        return str(PlanKind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(PlanStatus(self.status).label)

    @property
    def is_ended(self) -> bool:
        return self.status == PlanStatus.ENDED


@dataclass(frozen=True, slots=True)
class Plans:
    plans: list[PlanLine]
    can_edit: bool


@dataclass(frozen=True, slots=True)
class DutyLine:
    id: UUID
    kind: str
    due_on: date
    basis: str
    owner_name: str  # empty when nobody owns it yet


@dataclass(frozen=True, slots=True)
class MeetingLine:
    id: UUID
    title: str
    starts_at: datetime


@dataclass(frozen=True, slots=True)
class Profile:
    """The child's own words, how they communicate, and whether a cover flag is open."""

    all_about_me: AllAboutMe
    communication: Communication
    has_open_cover_flag: bool


def profile_of(child: Child) -> Profile:
    """All about me and the communication profile, in one query with whether a contingency flag is
    open (B7: the page then reads the flag itself; seldom)."""
    row = fetch(
        "SELECT a.about_me, a.what_matters_to_me, a.life_goals, a.ambitions, a.likes, a.dislikes,"
        " a.how_to_support_me, a.written_by, a.updated_at,"
        " c.how_i_communicate, c.communication_aids, c.what_works, c.what_to_avoid,"
        # ContingencyFlag.objects.open(): the flag's key worker assignment still runs.
        " EXISTS (SELECT 1 FROM contingency_contingencyflag f"
        "  JOIN teams_keyworkerassignment k ON k.id = f.key_worker_assignment_id"
        "  WHERE f.child_id = ch.id AND k.end_date IS NULL)"
        " FROM people_child ch"
        " LEFT JOIN people_allaboutme a ON a.child_id = ch.id"
        " LEFT JOIN people_communicationprofile c ON c.child_id = ch.id"
        " WHERE ch.id = %s",
        [child.pk],
    )[0]
    text = [value or "" for value in row[:13]]  # a child with no profile yet reads as empty
    return Profile(
        all_about_me=AllAboutMe(
            about_me=text[0],
            what_matters_to_me=text[1],
            life_goals=text[2],
            ambitions=text[3],
            likes=text[4],
            dislikes=text[5],
            how_to_support_me=text[6],
            written_by=str(WrittenBy(row[7]).label) if row[7] else "",
            updated_at=aware(row[8]) if row[8] else None,
        ),
        communication=Communication(*text[9:13]),
        has_open_cover_flag=bool(row[13]),
    )


def needs_of(child: Child) -> list[str]:
    """The child's needs (codes from the controlled list), in the order they were recorded."""
    return [need for (need,) in fetch("SELECT need FROM people_childneed WHERE child_id = %s ORDER BY id", [child.pk])]


def carers_of(child: Child) -> list[Carer]:
    """Parents and carers, the main contact first, then by name."""
    rows = fetch(
        "SELECT c.full_name, l.relationship, l.lives_with_child, l.has_parental_responsibility,"
        " l.is_main_contact, c.phone, c.email"
        " FROM people_carerlink l JOIN people_carer c ON c.id = l.carer_id"
        " WHERE l.child_id = %s ORDER BY l.is_main_contact DESC, c.full_name, l.id",
        [child.pk],
    )
    return [
        Carer(name, str(CarerRelationship(relationship).label), bool(lives), bool(pr), bool(main), phone, email)
        for name, relationship, lives, pr, main, phone, email in rows
    ]


def siblings_of(user: User, child: Child) -> list[Sibling]:
    """The child's brothers and sisters, eldest first; named only where the user may see the sibling
    too (G1: the policy's condition on each sibling, in the same query)."""
    visible, params = policy.visible_child_condition(user, "s")
    sql = (
        "SELECT l.kind, s.id, s.given_name, s.family_name, s.date_of_birth,"  # noqa: S608 - the policy's SQL
        f" CASE WHEN {visible} THEN 1 ELSE 0 END"
        " FROM people_siblinglink l JOIN people_child s ON s.id = l.sibling_id"
        " WHERE l.child_id = %s ORDER BY s.date_of_birth, l.id"
    )
    rows = fetch(sql, [*params, child.pk])
    siblings = []
    for kind, sibling_id, given_name, family_name, born, shared in rows:
        label = str(SiblingKind(kind).label)
        if shared:
            siblings.append(Sibling(label, uuid_of(sibling_id), full_name(given_name, family_name), born))
        else:
            siblings.append(Sibling(label, None))
    return siblings


def team_of(child: Child, needs: list[str]) -> Team:
    """The interagency team grouped by sector, its key worker, the needs nobody in it has the skills
    for (B1-GAPS) and who has left: three queries however large the team."""
    members = [
        Member(uuid_of(mid), uuid_of(pid), uuid_or_none(uid), *rest)
        for mid, pid, uid, *rest in fetch(
            "SELECT m.id, m.practitioner_id, p.user_id, p.full_name, m.role_in_team, o.name, o.sector,"
            " p.phone, p.email, m.start_date, m.end_date, m.end_reason"
            " FROM teams_teammembership m JOIN organisations_practitioner p ON p.id = m.practitioner_id"
            " JOIN organisations_organisation o ON o.id = p.organisation_id"
            " WHERE m.child_id = %s ORDER BY p.full_name, m.start_date, m.id",
            [child.pk],
        )
    ]
    current = [m for m in members if m.end_date is None]
    skills: dict[UUID, set[str]] = {m.practitioner_id: set() for m in current}
    for practitioner_id, skill in fetch(
        "SELECT s.practitioner_id, s.skill FROM organisations_practitionerskill s"
        " JOIN teams_teammembership m ON m.practitioner_id = s.practitioner_id"
        " WHERE m.child_id = %s AND m.end_date IS NULL",
        [child.pk],
    ):
        skills[uuid_of(practitioner_id)].add(skill)
    groups = tuple(
        SectorGroup(str(label), in_sector)
        for sector, label in Sector.choices
        if (in_sector := tuple(m for m in current if m.sector == sector))
    )
    return Team(
        groups=groups,
        key_worker=_key_worker(child),
        unmet_needs=team_rules.unmet_needs(needs, [skills[m.practitioner_id] for m in current]),
        past_members=tuple(m for m in members if m.end_date is not None),
    )


def _key_worker(child: Child) -> KeyWorker | None:
    rows = fetch(
        "SELECT k.practitioner_id, p.full_name, p.job_role, o.name, p.phone, p.email, k.start_date"
        " FROM teams_keyworkerassignment k JOIN organisations_practitioner p ON p.id = k.practitioner_id"
        " JOIN organisations_organisation o ON o.id = p.organisation_id"
        " WHERE k.child_id = %s AND k.end_date IS NULL ORDER BY k.id LIMIT 1",
        [child.pk],
    )
    if not rows:
        return None
    practitioner_id, *rest = rows[0]
    return KeyWorker(uuid_of(practitioner_id), *rest)


def plans_of(user: User, child: Child) -> Plans | None:
    """The child's plans, current first, then drafts, then ended, newest first within each, each
    with what it lacks to be SMART; None for someone who may not read plans."""
    if not policy.can_read_plans(user, child):
        return None
    plans = fetch(
        "SELECT id, kind, status, start_date, review_date, ended_on FROM plans_plan WHERE child_id = %s"
        " ORDER BY CASE status WHEN %s THEN 0 WHEN %s THEN 1 ELSE 2 END, start_date DESC, kind, id",
        [child.pk, PlanStatus.CURRENT, PlanStatus.DRAFT],
    )
    outcomes: dict[UUID, dict[UUID, tuple[str, list[plan_rules.ActionFacts]]]] = {uuid_of(row[0]): {} for row in plans}
    for plan_id, outcome_id, text, what, practitioner_id, other, target_date, count, unit in fetch(
        "SELECT o.plan_id, o.id, o.text, a.what, a.responsible_practitioner_id, a.responsible_other,"
        " a.target_date, a.frequency_count, a.frequency_unit"
        " FROM plans_outcome o JOIN plans_plan p ON p.id = o.plan_id"
        " LEFT JOIN plans_action a ON a.outcome_id = o.id"
        " WHERE p.child_id = %s ORDER BY o.added_at, o.id, a.added_at, a.id",
        [child.pk],
    ):
        _text, actions = outcomes[uuid_of(plan_id)].setdefault(uuid_of(outcome_id), (text, []))
        if what is not None:  # an outcome with no actions yet has one row, with no action in it
            actions.append(
                plan_rules.ActionFacts(
                    what=what,
                    has_responsible=responsible_named(practitioner_id, other),
                    has_target_date=target_date is not None,
                    has_frequency=frequency_given(count, unit),
                )
            )
    lines = []
    for plan_id, kind, status, start_date, review_date, ended_on in plans:
        facts = plan_rules.PlanFacts(
            outcomes=tuple(
                plan_rules.OutcomeFacts(text=text, actions=tuple(actions))
                for text, actions in outcomes[uuid_of(plan_id)].values()
            )
        )
        gaps = plan_rules.smart_gaps(facts)
        lines.append(PlanLine(uuid_of(plan_id), kind, status, start_date, review_date, ended_on, gaps))
    return Plans(plans=lines, can_edit=policy.can_edit_plans(user, child))


def duties_of(child: Child) -> list[DutyLine]:
    """The child's open duties, soonest first, with who owns each."""
    return [
        DutyLine(uuid_of(duty_id), kind, due_on, basis, owner or "")
        for duty_id, kind, due_on, basis, owner in fetch(
            "SELECT d.id, d.kind, d.due_on, d.basis, p.full_name FROM duties_duty d"
            " LEFT JOIN organisations_practitioner p ON p.id = d.owner_id"
            " WHERE d.child_id = %s AND d.status = %s ORDER BY d.due_on, d.kind, d.id",
            [child.pk, DutyStatus.OPEN],
        )
    ]


def upcoming_meetings_of(child: Child, *, now: datetime) -> list[MeetingLine]:
    """The child's planned meetings still to come, soonest first."""
    return [
        MeetingLine(uuid_of(meeting_id), title, aware(starts_at))
        for meeting_id, title, starts_at in fetch(
            "SELECT id, title, starts_at FROM meetings_meeting"
            " WHERE child_id = %s AND status = %s AND starts_at >= %s ORDER BY starts_at, id",
            [child.pk, MeetingStatus.PLANNED, now],
        )
    ]
