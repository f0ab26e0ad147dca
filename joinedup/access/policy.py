"""Who may see or do what (G1). Nothing else in joinedup decides this.

A practitioner sees a child while they are a current member of the child's interagency
team. A team manager also sees the children held by their teams; an operations or service
manager, those held by any team of their organisation. Commissioners see aggregates only
(unless they are in a child's team); administrators see configuration, never case content.
Families see only their own family view (``family_children``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db.models import QuerySet, UUIDField
from django.db.models.expressions import RawSQL
from django.http import Http404

from joinedup.access.models import BreakGlassGrant
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.core.clock import now
from joinedup.core.instances import columns, instance_and_joined
from joinedup.core.rows import as_param, fetch, uuid_of
from joinedup.disagreements.choices import Rank
from joinedup.documents.models import SharedDocument
from joinedup.ehc.models import AdviceRequest
from joinedup.escalations import rules as escalation_rules
from joinedup.escalations.choices import OPEN_REQUEST_STATUSES, WAITING_STATUSES, EscalationRole, RequestRole
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.handovers.models import Handover
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner, Team
from joinedup.people.models import Child
from joinedup.plans.choices import PlanStatus
from joinedup.plans.models import Plan
from joinedup.transfers.choices import OPEN_STATUSES, TransferRole

# A user with no area sees no child: compare against a value no area has.
_NO_AREA = "00000000-0000-0000-0000-000000000000"
# No child, as SQL selecting child ids (typed as ids are, for PostgreSQL's ``IN``).
_NO_CHILD = "SELECT id FROM people_child WHERE 1 = 0"


def practitioner_of(user: User) -> Practitioner | None:
    """The user's practitioner profile, if they are one (managers are practitioners too)."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.practitioner
    except Practitioner.DoesNotExist:
        return None


# The reasons to see a child, each a SELECT of child ids (parameters in brackets).
# A member of the child's interagency team, TeamMembership.objects.current() (the practitioner):
_IN_TEAM = "SELECT child_id FROM teams_teammembership WHERE practitioner_id = %s AND end_date IS NULL"
# Emergency access still running, BreakGlassGrant.objects.active() (the user, now, now):
_EMERGENCY = "SELECT child_id FROM access_breakglassgrant WHERE user_id = %s AND granted_at <= %s AND expires_at > %s"
# A team manager: the children their teams hold (the practitioner):
_HELD_BY_MY_TEAMS = (
    "SELECT id FROM people_child WHERE holding_team_id IN"
    " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)"
)
# A team manager: the children their hubs have a decision to make about while it waits (CwDT 6.2.1
# a transfer into the hub, 6.3.2 a concern in its duty queue, 6.4.2 a family support request).
# Parameters: the models' own waiting statuses, then the practitioner.
_DECISIONS = (
    (
        "SELECT d.child_id FROM transfers_transfer d JOIN allocation_hub h ON h.id = d.to_hub_id"
        " WHERE d.status IN (%s, %s, %s) AND h.team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)",
        OPEN_STATUSES,  # Transfer.objects.open()
    ),
    (
        "SELECT d.child_id FROM escalations_escalation d JOIN allocation_hub h ON h.id = d.to_hub_id"
        " WHERE d.status IN (%s, %s) AND h.team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)",
        WAITING_STATUSES,  # Escalation.objects.waiting()
    ),
    (
        "SELECT d.child_id FROM escalations_familysupportrequest d JOIN allocation_hub h ON h.id = d.to_hub_id"
        " WHERE d.status IN (%s, %s) AND h.team_id IN"
        " (SELECT team_id FROM organisations_practitioner_teams WHERE practitioner_id = %s)",
        OPEN_REQUEST_STATUSES,  # FamilySupportRequest.objects.open()
    ),
)
# An operations manager: the children their organisation's teams hold (the organisation):
_HELD_BY_MY_SERVICE = (
    "SELECT c.id FROM people_child c JOIN organisations_team t ON t.id = c.holding_team_id WHERE t.organisation_id = %s"
)


def _reasons_to_see(user: User, practitioner: Practitioner) -> tuple[str, list[Any]]:
    """The reasons ``user`` may see a child as one UNION of child ids, in SQL the policy writes
    itself: built with the ORM from six querysets joined to the manager's teams, it cost a manager's
    page 3.5 ms of Python, more than PostgreSQL took to run it (issue 6)."""
    at = now()
    parts: list[tuple[str, list[Any]]] = [(_IN_TEAM, [practitioner.pk]), (_EMERGENCY, [user.pk, at, at])]
    if user.role == Role.TEAM_MANAGER:
        parts.append((_HELD_BY_MY_TEAMS, [practitioner.pk]))
        parts.extend((sql, [*statuses, practitioner.pk]) for sql, statuses in _DECISIONS)
    elif user.role == Role.OPERATIONS_MANAGER:
        parts.append((_HELD_BY_MY_SERVICE, [practitioner.organisation_id]))
    return " UNION ".join(sql for sql, _ in parts), [as_param(v) for _, values in parts for v in values]


def visible_children(user: User) -> QuerySet[Child]:
    """Every child whose record ``user`` may open as a practitioner or manager.

    The reasons to see a child are gathered as one UNION of child ids, not ORed ``IN`` conditions:
    PostgreSQL cannot use an index for ``id IN (a) OR id IN (b)`` and read every child of the area
    (5 ms a page on 25,000 children), while for the union it looks up each child by key (issue 6)."""
    practitioner = practitioner_of(user)
    if practitioner is None or user.is_family or user.role == Role.ADMINISTRATOR:
        return Child.objects.none()
    sql, params = _reasons_to_see(user, practitioner)
    reasons = RawSQL(sql, params, output_field=UUIDField())  # noqa: S611 - the policy's own SQL; values are parameters
    return Child.objects.filter(pk__in=reasons, area_id=user.area_id or _NO_AREA)


def visible_children_sql(
    user: User, *, narrowed: Callable[[QuerySet[Child]], QuerySet[Child]] | None = None
) -> tuple[str, tuple[Any, ...]]:
    """``visible_children`` as SQL that selects the ids, with its parameters: for a hand-written read
    (a read model, ``joinedup.core.rows``) to filter by ``id IN (...)``. The same reasons as
    ``visible_children`` (``_reasons_to_see``), so no read model restates who may see which child.
    ``narrowed`` filters the children further inside the same query (PostgreSQL then plans the two
    conditions together); that one is compiled from the ORM."""
    practitioner = practitioner_of(user)
    if practitioner is None or user.is_family or user.role == Role.ADMINISTRATOR:
        return _NO_CHILD, ()
    if narrowed is None:
        condition, params = visible_child_condition(user, "v")
        return f"SELECT v.id FROM people_child v WHERE {condition}", params  # noqa: S608 - the policy's SQL
    try:
        compiled, compiled_params = narrowed(visible_children(user)).values("pk").query.sql_with_params()
    except EmptyResultSet:  # narrowed to nothing
        return _NO_CHILD, ()
    return compiled, tuple(compiled_params)


def visible_child_condition(user: User, alias: str) -> tuple[str, tuple[Any, ...]]:
    """``visible_children`` as a condition on a ``people_child`` row named ``alias``, with its
    parameters: for a read model that selects the children itself (search), so that PostgreSQL
    plans the policy's condition together with the read model's own, as it plans the ORM's."""
    practitioner = practitioner_of(user)
    if practitioner is None or user.is_family or user.role == Role.ADMINISTRATOR:
        return "1 = 0", ()
    reasons, params = _reasons_to_see(user, practitioner)
    area = as_param(user.area_id or UUID(_NO_AREA))
    return f"{alias}.area_id = %s AND {alias}.id IN ({reasons})", (area, *params)


def get_child_or_404(
    user: User, child_id: UUID | str, *, shape: Callable[[QuerySet[Child]], QuerySet[Child]] | None = None
) -> Child:
    """Load a child through access: an invisible child is a 404, so existence never leaks.
    ``shape`` adds what the caller will read (select_related, prefetches) to the same query.

    Without ``shape`` (every page but the API's) the query is written by hand: it runs on each
    request that opens a child, and the ORM's cost 0.7 ms of Python to build (issue 6)."""
    if shape is None:
        return _visible_child_or_404(user, child_id)
    children = visible_children(user).filter(pk=child_id).select_related("holding_team")
    # At most one row: [:1], not first(), which would order by the key for nothing.
    found = list(shape(children)[:1])
    if not found:
        raise Http404("No child found")
    return found[0]


def _visible_child_or_404(user: User, child_id: UUID | str) -> Child:
    """The child with its holding team, as ``get_child_or_404`` loads it, from one hand-written query."""
    try:
        key = uuid_of(str(child_id))
    except ValueError:
        raise Http404("No child found") from None
    visible, params = visible_child_condition(user, "c")
    sql = (
        f"SELECT {columns(Child, 'c')}, {columns(Team, 't')} FROM people_child c"  # noqa: S608 - the policy's SQL; values are parameters
        f" LEFT JOIN organisations_team t ON t.id = c.holding_team_id WHERE c.id = %s AND {visible}"
    )
    rows = fetch(sql, [key, *params])
    if not rows:
        raise Http404("No child found")
    child, holding_team = instance_and_joined(Child, Team, rows[0])
    Child._meta.get_field("holding_team").set_cached_value(child, holding_team)  # as select_related leaves it
    return child


# Answers about (user, child) kept while a page that only reads is drawn; None: not kept (the default).
_answers: ContextVar[dict[tuple[str, Any, Any], Any] | None] = ContextVar("policy_answers", default=None)


@contextmanager
def answers_kept() -> Iterator[None]:
    """Within the block, ask the database once how a user stands to a child: in the team, key
    worker, managing the case, and the hub holding it (``_STANDING``, one query for them all).

    For a page that only reads: the child page asks a dozen ``can_…`` questions that each come down
    to these (issue 6). Never around a write: a change to the team inside the block would not be
    seen until it ends."""
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


# The questions most pages ask about a user and a child, in SQL the policy writes itself (each was
# an ORM query built afresh on every page, issue 6). Parameters in brackets.
# A current member of the child's team, TeamMembership.objects.current() (the child, the practitioner):
_IS_MEMBER = "SELECT 1 FROM teams_teammembership WHERE child_id = %s AND practitioner_id = %s AND end_date IS NULL"
# The child's current key worker, KeyWorkerAssignment.objects.current() (the child, the practitioner):
_IS_KEY_WORKER = (
    "SELECT 1 FROM teams_keyworkerassignment WHERE child_id = %s AND practitioner_id = %s AND end_date IS NULL"
)
# The team holding the child now is one the practitioner works in (the child, the practitioner):
_HELD_BY_THEIR_TEAM = (
    "SELECT 1 FROM people_child c JOIN organisations_practitioner_teams w ON w.team_id = c.holding_team_id"
    " WHERE c.id = %s AND w.practitioner_id = %s"
)
# The team holding the child now is the organisation's (the child, the organisation):
_HELD_BY_THEIR_SERVICE = (
    "SELECT 1 FROM people_child c JOIN organisations_team t ON t.id = c.holding_team_id"
    " WHERE c.id = %s AND t.organisation_id = %s"
)
# A team's hub, if it is one, and whether the practitioner works in the team (the practitioner, the team):
_HOLDING_HUB = (
    "SELECT h.code, EXISTS (SELECT 1 FROM organisations_practitioner_teams w"
    " WHERE w.team_id = t.id AND w.practitioner_id = %s)"
    " FROM organisations_team t LEFT JOIN allocation_hub h ON h.team_id = t.id WHERE t.id = %s"
)
# All of the above about one practitioner and one child, in one query, for a page that keeps its
# answers (the child page asked three or four of them, a query each): in the team, key worker, works
# in the holding team, the holding team's organisation and hub. Parameters: the practitioner three
# times, then the child.
_STANDING = (
    "SELECT EXISTS (SELECT 1 FROM teams_teammembership m"
    " WHERE m.child_id = c.id AND m.practitioner_id = %s AND m.end_date IS NULL),"
    " EXISTS (SELECT 1 FROM teams_keyworkerassignment k"
    " WHERE k.child_id = c.id AND k.practitioner_id = %s AND k.end_date IS NULL),"
    " EXISTS (SELECT 1 FROM organisations_practitioner_teams w"
    " WHERE w.team_id = c.holding_team_id AND w.practitioner_id = %s),"
    " t.organisation_id, h.code"
    " FROM people_child c LEFT JOIN organisations_team t ON t.id = c.holding_team_id"
    " LEFT JOIN allocation_hub h ON h.team_id = t.id WHERE c.id = %s"
)


def _any(sql: str, params: list[Any]) -> bool:
    """Whether ``sql`` finds a row."""
    return bool(fetch(sql + " LIMIT 1", params))


def _kept(question: str, user: User, child: Child, answer: Callable[[], Any]) -> Any:
    """``answer()``, or within ``answers_kept`` the answer from the user's standing to the child,
    asked once."""
    kept = _answers.get()
    if kept is None:
        return answer()
    key = (question, user.pk, child.pk)
    if key not in kept:
        kept.update(_standing(user, child))
        if key not in kept:  # a question the standing does not answer
            kept[key] = answer()
    return kept[key]


def _standing(user: User, child: Child) -> dict[tuple[str, Any, Any], Any]:
    """Every kept question about ``user`` and ``child``, from one query (``_STANDING``)."""
    practitioner = practitioner_of(user)
    if practitioner is None:
        return {}
    rows = fetch(_STANDING, [practitioner.pk, practitioner.pk, practitioner.pk, child.pk])
    if not rows:
        return {}
    member, key_worker, works_in_holding_team, organisation_id, hub_code = rows[0]
    theirs = organisation_id is not None and uuid_of(organisation_id) == practitioner.organisation_id
    return {
        ("member", user.pk, child.pk): bool(member),
        ("key worker", user.pk, child.pk): bool(key_worker),
        ("held by their team", user.pk, child.pk): bool(works_in_holding_team),
        ("held by their service", user.pk, child.pk): theirs,
        ("holding hub", user.pk, child.pk): (hub_code, bool(works_in_holding_team)),
    }


def is_member(user: User, child: Child) -> bool:
    practitioner = practitioner_of(user)
    return practitioner is not None and _kept(
        "member",
        user,
        child,
        lambda: _any(_IS_MEMBER, [child.pk, practitioner.pk]),
    )


def manages(user: User, child: Child) -> bool:
    """Is ``user`` a manager of the team (or service) that holds the child's case?"""
    practitioner = practitioner_of(user)
    if practitioner is None or child.holding_team_id is None or child.area_id != user.area_id:
        return False
    if user.role == Role.TEAM_MANAGER:  # the holding team is one of theirs
        held_by_theirs = [child.pk, practitioner.pk]
        return bool(_kept("held by their team", user, child, lambda: _any(_HELD_BY_THEIR_TEAM, held_by_theirs)))
    if user.role == Role.OPERATIONS_MANAGER:  # the holding team is their organisation's
        held_by_theirs = [child.pk, practitioner.organisation_id]
        return bool(_kept("held by their service", user, child, lambda: _any(_HELD_BY_THEIR_SERVICE, held_by_theirs)))
    return False


def can_break_glass(user: User) -> bool:
    """Practitioners (not commissioners, administrators or families) may ask for emergency access."""
    return user.is_authenticated and user.is_staff_role and practitioner_of(user) is not None


def emergency_grant(user: User, child: Child) -> BreakGlassGrant | None:
    """The user's active emergency access to this child, if that is how they see it."""
    return BreakGlassGrant.objects.active(now()).filter(user=user, child=child).order_by("-expires_at").first()


def can_edit_child(user: User, child: Child) -> bool:
    """Members of the child's team and managers of the holding team keep the record current."""
    return is_member(user, child) or manages(user, child)


def can_edit_plans(user: User, child: Child) -> bool:
    """Plans (C6): the key worker, allocated workers and everyone in the child's team (allocated
    workers join it), and the managers of the holding team write and change them."""
    return is_member(user, child) or manages(user, child)


def can_read_plans(user: User, child: Child) -> bool:
    """Plans (C6): everyone who may change them, and managers with reach over the child (such as
    the incoming manager deciding a transfer). Emergency access alone does not show plans."""
    if can_edit_plans(user, child):
        return True
    return user.is_manager and visible_children(user).filter(pk=child.pk).exists()


def can_organise_meetings(user: User, child: Child) -> bool:
    """Meetings (B5): the key worker usually, but any member of the child's team or a manager of
    the holding team schedules, moves, cancels and minutes them."""
    return is_member(user, child) or manages(user, child)


def can_read_meetings(user: User, child: Child) -> bool:
    """Meetings (B5): the child's team and managers with reach over the child read them."""
    if can_organise_meetings(user, child):
        return True
    return user.is_manager and visible_children(user).filter(pk=child.pk).exists()


def can_share_documents(user: User, child: Child) -> bool:
    """Letters and updates (B5): members of the child's team and managers of the holding team share
    them. Someone who has left the team no longer can."""
    return is_member(user, child) or manages(user, child)


def can_read_documents(user: User, child: Child) -> bool:
    """Letters and updates (B5): the child's current team and the managers of the case read them and
    their told log. Not a practitioner who has left the team, nor emergency access alone, nor a
    manager who sees the child only to decide something (letters are the family's private papers)."""
    return can_share_documents(user, child)


def documents_for_family(user: User, child: Child) -> QuerySet[SharedDocument]:
    """The shared letters and updates a parent or carer sees in the family view: those they were told
    about. Call only for a child of ``family_children(user)``."""
    if not user.is_authenticated or not user.is_family:
        return SharedDocument.objects.none()
    return SharedDocument.objects.filter(child=child, told__user=user)


def _is_key_worker(user: User, child: Child) -> bool:
    practitioner = practitioner_of(user)
    if practitioner is None:
        return False
    return bool(_kept("key worker", user, child, lambda: _any(_IS_KEY_WORKER, [child.pk, practitioner.pk])))


def can_plan_move(user: User, child: Child) -> bool:
    """Moving area (B8, NG213 1.15.10): the key worker, or a manager of the case, plans the move,
    identifies who to tell and sends the information pack."""
    return _is_key_worker(user, child) or manages(user, child)


def can_read_move(user: User, child: Child) -> bool:
    """Moving area (B8): the child's team and the holding team's managers read the move and its pack."""
    return is_member(user, child) or manages(user, child)


def can_complete_move(user: User, child: Child) -> bool:
    """Moving area (B8): closing or transferring the record is a manager's decision, as closing is (C11)."""
    return manages(user, child)


def can_read_received_pack(user: User, move: ChildMove) -> bool:
    """Moving area (B8): a practitioner of the new area identified on the move, once the pack was sent
    to them, reads the pack as sent (not the child's record) while they work in that area."""
    practitioner = practitioner_of(user)
    return (
        practitioner is not None
        and user.is_staff_role
        and move.to_area_id is not None
        and user.area_id == move.to_area_id
        and MoveContact.objects.filter(move=move, practitioner=practitioner, told_at__isnull=False).exists()
    )


def plans_for_family(child: Child) -> QuerySet[Plan]:
    """What the family view shows of a child's plans: the current ones. Drafts are still being
    written and ended plans are history; the team shares those in person."""
    return Plan.objects.filter(child=child, status=PlanStatus.CURRENT)


def can_record_duty(user: User, child: Child) -> bool:
    """Duties (C5, C10): whoever works with the child records a review, visit or milestone as done;
    the managers of the holding team can too, when the owner is away."""
    return is_member(user, child) or manages(user, child)


def can_agree_cadence(user: User, child: Child) -> bool:
    """Setting the R&I review interval, or agreeing visits at another cadence, is a manager's
    decision (CwDT 3.3, 5.2)."""
    return manages(user, child)


def _is_sen_officer(user: User) -> bool:
    practitioner = practitioner_of(user)
    return practitioner is not None and practitioner.job_role == JobRole.SEN_OFFICER


def can_run_ehc_assessment(user: User, child: Child) -> bool:
    """EHC needs assessments (F3): an SEN officer in the child's team, or a manager of the case,
    records the request, the decision, advice asked for, the draft and the final plan."""
    return (_is_sen_officer(user) and is_member(user, child)) or manages(user, child)


def can_read_ehc_assessment(user: User, child: Child) -> bool:
    """EHC needs assessments (F3): the child's team reads the timeline, and managers with reach over
    the child. Emergency access alone does not show it."""
    if is_member(user, child) or manages(user, child):
        return True
    return user.is_manager and visible_children(user).filter(pk=child.pk).exists()


def can_record_ehc_advice(user: User, child: Child, advice: AdviceRequest) -> bool:
    """Advice received (F3): recorded by whoever runs the assessment, or by the practitioner asked
    for it while they are in the child's team."""
    if can_run_ehc_assessment(user, child):
        return True
    practitioner = practitioner_of(user)
    return practitioner is not None and advice.practitioner_id == practitioner.pk and is_member(user, child)


def can_see_ehc_waiting_list(user: User) -> bool:
    """The list of children waiting for an EHC needs assessment (F2, F3): SEN officers and managers.
    Which children: those they can see (``visible_children``)."""
    return practitioner_of(user) is not None and (user.is_manager or _is_sen_officer(user))


def can_record_assessments(user: User, child: Child) -> bool:
    """Assessments (C10): the child's team and the holding team's managers record single, carers and
    transitions assessments and ask the Resource Panel for a package. Who did the work (a social
    worker, a family support worker, the allocated worker) is the assessments rules' to check."""
    return is_member(user, child) or manages(user, child)


def can_decide_at_panel(user: User, child: Child) -> bool:
    """The Resource Panel's decisions on a child's package are recorded by a manager of the case: a
    manager of the holding team or an operations manager of its organisation (CwDT 7.3.3)."""
    return manages(user, child)


def can_see_resource_panel(user: User) -> bool:
    """The Resource Panel's agenda is for managers; it lists only children they may see."""
    return can_see_team_reports(user)


def can_change_team(user: User, child: Child) -> bool:
    """Adding and ending team members: the interagency team and its managers (B1)."""
    return can_edit_child(user, child)


def can_assign_key_worker(user: User, child: Child) -> bool:
    """The key worker is assigned with a manager (B2, NG213 1.15.3)."""
    return manages(user, child)


def can_set_key_working_level(user: User, child: Child) -> bool:
    """The level of key working support is set and reviewed by the key worker or a manager (B4)."""
    return _is_key_worker(user, child) or manages(user, child)


def managed_practitioners(user: User) -> QuerySet[Practitioner]:
    """B7: the practitioners whose cover ``user`` plans: a team manager's, those in their teams; an
    operations or service manager's, everyone in their organisation. Always within the user's area."""
    manager = practitioner_of(user)
    if manager is None or user.area_id is None:
        return Practitioner.objects.none()
    in_area = Practitioner.objects.filter(organisation__area_id=user.area_id)
    if user.role == Role.TEAM_MANAGER:
        return in_area.filter(teams__in=manager.teams.values("pk")).distinct()
    if user.role == Role.OPERATIONS_MANAGER:
        return in_area.filter(organisation_id=manager.organisation_id)
    return Practitioner.objects.none()


def can_set_cover(user: User, practitioner: Practitioner) -> bool:
    """B7: a key worker's cover is named, and they are marked away or back, by their managers (the team
    managers of their teams, the operations managers of their organisation), never by themselves."""
    manager = practitioner_of(user)
    if manager is None or manager.pk == practitioner.pk:
        return False
    return managed_practitioners(user).filter(pk=practitioner.pk).exists()


def can_see_cover(user: User) -> bool:
    """B7: the managers' list of key workers and their cover, and of children being covered."""
    return can_see_team_reports(user)


def can_read_handovers(user: User, child: Child) -> bool:
    """Handovers (B6): the child's team and the holding team's managers, and managers with reach over
    the child, read the handovers and their summaries."""
    return can_read_meetings(user, child)


def can_hand_over(user: User, child: Child, old: Practitioner | None = None) -> bool:
    """Handovers (B6): a manager of the case hands over anyone's work for the child; a member of the
    child's team hands over their own (``old`` is themselves). Without ``old``: may they start one at all."""
    if manages(user, child):
        return True
    practitioner = practitioner_of(user)
    if practitioner is None or not is_member(user, child):
        return False
    return old is None or old.pk == practitioner.pk


def whose_work_user_hands_over(user: User, child: Child, practitioners: list[Practitioner]) -> list[Practitioner]:
    """``can_hand_over`` for many practitioners at once, in a fixed number of queries."""
    if manages(user, child):
        return practitioners
    practitioner = practitioner_of(user)
    if practitioner is None or not is_member(user, child):
        return []
    return [p for p in practitioners if p.pk == practitioner.pk]


def can_confirm_handover_read(user: User, child: Child, handover: Handover) -> bool:
    """Handovers (B6-READ): only the person taking over confirms they have read the summary."""
    practitioner = practitioner_of(user)
    return practitioner is not None and handover.child_id == child.pk and handover.to_practitioner_id == practitioner.pk


def can_complete_handover(user: User, child: Child, handover: Handover) -> bool:
    """Handovers (B6): a manager of the case or the person handing over completes or cancels it."""
    return handover.child_id == child.pk and can_hand_over(user, child, handover.from_practitioner)


def can_take_part_in_disagreements(user: User, child: Child) -> bool:
    """Disagreements (B9): the child's team logs, reads and escalates them, with the managers of the
    holding team (who the ladder reaches). Emergency access or a waiting decision alone does not."""
    return is_member(user, child) or manages(user, child)


def disagreement_rank(user: User, child: Child) -> Rank:
    """How far up the disagreement ladder (B9, CwDT 6.3.4) ``user`` stands for this child."""
    if manages(user, child):
        if user.role == Role.OPERATIONS_MANAGER:
            return Rank.OPERATIONS_MANAGER
        if user.role == Role.TEAM_MANAGER:
            return Rank.TEAM_MANAGER
    return Rank.MEMBER


def can_see_open_disagreements(user: User) -> bool:
    """The managers' list of open disagreements with their age (B9); it shows only children in reach."""
    return can_see_team_reports(user)


def can_share_knowledge(user: User, child: Child) -> bool:
    """Shared knowledge (B10): current members of the child's team and managers of the holding team
    read and post it."""
    return is_member(user, child) or manages(user, child)


def can_see_team_reports(user: User) -> bool:
    """Manager-only lists such as children without a key worker."""
    return user.is_authenticated and user.is_manager and practitioner_of(user) is not None


def auditable_children(user: User) -> QuerySet[Child]:
    """Children whose audit trail ``user`` may read: an administrator's whole area, a manager's reach."""
    if user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR:
        return Child.objects.filter(area_id=user.area_id or _NO_AREA)
    if user.is_authenticated and user.is_manager:
        return visible_children(user)
    return Child.objects.none()


def can_look_up_audit(user: User) -> bool:
    return user.is_authenticated and (user.role == Role.ADMINISTRATOR or user.is_manager)


def get_child_for_audit_or_404(user: User, child_id: UUID | str) -> Child:
    """Managers with reach over the child, and administrators of its area, see its audit trail.

    Administrators see no case content, only who has seen the record. A practitioner who can
    see the child but does not manage it gets 403: the record exists for them.
    """
    child = auditable_children(user).filter(pk=child_id).first()
    if child is not None:
        return child
    get_child_or_404(user, child_id)  # 404 unless the user can see the child at all
    raise PermissionDenied


def can_review_retention(user: User) -> bool:
    """Administrators review records past retention (G4); they see local IDs, never case content."""
    return user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR


def can_decide_referrals(user: User) -> bool:
    """Team and operations managers of the area's Children with Disabilities Team (an organisation
    with hubs). Referrals name children not yet in joinedup, so nobody else sees them (C1)."""
    practitioner = practitioner_of(user)
    if practitioner is None or not user.is_manager or user.area_id is None:
        return False
    return Hub.objects.filter(
        team__organisation_id=practitioner.organisation_id, team__organisation__area_id=user.area_id
    ).exists()


def can_edit_threshold_criteria(user: User) -> bool:
    """The area's administrators edit the threshold criteria (C1: criteria are data, not code)."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR and user.area_id)


def can_edit_hubs(user: User) -> bool:
    """The area's administrators edit its hubs' settings: tier, job roles, capacity, cadences (C2, C4, C5).
    Which hubs: only those of their own area (``allocation.selectors.hub_to_edit``)."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR and user.area_id)


def can_edit_closure_reasons(user: User) -> bool:
    """The area's administrators edit its closure reasons and their retention rules (C11, G4).
    Which reasons: only those of their own area (``closure.selectors.reason_to_edit``)."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.ADMINISTRATOR and user.area_id)


def can_see_area_figures(user: User) -> bool:
    """Commissioners and managers see counts for the area; counts name no child (DESIGN.md)."""
    return user.is_authenticated and user.is_active and (user.role == Role.COMMISSIONER or user.is_manager)


# ---- How a person stands to a transfer, an escalation or a family support request -----------
# The model names who takes each step; these say which of those people ``user`` is. Whether the
# step may be taken from the object's state is the app's rule (transfers/rules.py, escalations/rules.py).


def _team_ids(practitioner: Practitioner) -> set[UUID]:
    return set(practitioner.teams.values_list("pk", flat=True))


def transfer_role(user: User, *, from_hub: Hub, to_hub: Hub) -> str:
    """How ``user`` stands to a transfer between two hubs (CwDT 6.2 names who does each step)."""
    practitioner = practitioner_of(user)
    if practitioner is None:
        return TransferRole.NONE
    if user.role == Role.OPERATIONS_MANAGER and practitioner.organisation_id == from_hub.team.organisation_id:
        return TransferRole.OPERATIONS
    if user.role != Role.TEAM_MANAGER:
        return TransferRole.NONE
    teams = _team_ids(practitioner)
    if from_hub.team_id in teams:
        return TransferRole.OUTGOING
    if to_hub.team_id in teams:
        return TransferRole.INCOMING
    return TransferRole.NONE


def escalation_role(user: User, escalation: Escalation) -> str:
    """How ``user`` stands to an escalation (CwDT 6.3): an operations manager of the organisation it
    was sent to; a team manager of the hub it was sent to, of the hub holding the case, or of a team
    the person who raised it works in; the person who raised it; the social worker given the work."""
    practitioner = practitioner_of(user)
    if practitioner is None:
        return EscalationRole.NONE
    to_hub, from_hub = escalation.to_hub, escalation.from_hub
    operations = user.role == Role.OPERATIONS_MANAGER
    if operations and to_hub is not None and practitioner.organisation_id == to_hub.team.organisation_id:
        return EscalationRole.OPERATIONS
    if user.role == Role.TEAM_MANAGER:
        teams = _team_ids(practitioner)
        if to_hub is not None and to_hub.team_id in teams:
            return EscalationRole.RECEIVING
        if from_hub is not None and from_hub.team_id in teams:
            return EscalationRole.HOLDING
        if Practitioner.objects.filter(user_id=escalation.raised_by_id, teams__in=teams).exists():
            return EscalationRole.RAISERS_MANAGER
    if escalation.raised_by_id == user.pk:
        return EscalationRole.RAISER
    if practitioner.pk in (escalation.assessment_worker_id, escalation.final_assessment_worker_id):
        return EscalationRole.WORKER
    return EscalationRole.NONE


def can_decide_escalation(user: User, escalation: Escalation) -> bool:
    """The manager it was sent to (any Safeguarding & Support team manager, for the duty queue) or an
    operations manager of that organisation records its outcome (C8-OUTCOME; CwDT 6.3.1 to 6.3.3).
    Whether it is still waiting for one is the rule's to say."""
    return escalation_role(user, escalation) in (EscalationRole.RECEIVING, EscalationRole.OPERATIONS)


def request_role(user: User, support_request: FamilySupportRequest) -> str:
    """How ``user`` stands to a family support request (CwDT 6.4)."""
    practitioner = practitioner_of(user)
    if practitioner is None:
        return RequestRole.NONE
    to_hub, from_hub = support_request.to_hub, support_request.from_hub
    if user.role == Role.OPERATIONS_MANAGER and practitioner.organisation_id == to_hub.team.organisation_id:
        return RequestRole.OPERATIONS
    if user.role == Role.TEAM_MANAGER:
        teams = _team_ids(practitioner)
        if to_hub.team_id in teams:
            return RequestRole.CONSIDERING
        if from_hub.team_id in teams:
            return RequestRole.REFERRING
    if support_request.requested_by_id == user.pk:
        return RequestRole.REQUESTER
    if support_request.attached_worker_id == practitioner.pk:
        return RequestRole.WORKER
    return RequestRole.NONE


def family_support_requester(user: User, child: Child) -> escalation_rules.Requester:
    """The facts C9-REQUEST judges about ``user`` asking for family support for ``child``."""
    practitioner, holding_team_id = practitioner_of(user), child.holding_team_id
    code, in_holding_hub = None, False
    if holding_team_id is not None:
        code, works_there = _kept("holding hub", user, child, lambda: _holding_hub(practitioner, holding_team_id))
        in_holding_hub = practitioner is not None and works_there
    return escalation_rules.Requester(
        is_member=is_member(user, child),
        job_role=practitioner.job_role if practitioner is not None else None,
        in_holding_hub=in_holding_hub,
        holding_hub=HubCode(code) if code is not None else None,
    )


def _holding_hub(practitioner: Practitioner | None, holding_team_id: UUID) -> tuple[str | None, bool]:
    """The holding team's hub code (None: not a hub) and whether the practitioner works in the team."""
    works_for = practitioner.pk if practitioner is not None else None
    for hub_code, works_there in fetch(_HOLDING_HUB, [works_for, holding_team_id]):
        return hub_code, bool(works_there)
    return None, False


def may_request_family_support(user: User, child: Child) -> bool:
    """The child's social worker in Safeguarding & Support (a current member of the child's team, job
    role social worker, in the hub holding the case): C9-REQUEST decides, from ``family_support_requester``."""
    return not escalation_rules.requester_violations(family_support_requester(user, child))


def family_children(user: User) -> QuerySet[Child]:
    """Children whose family view ``user`` may open: their own children, or themselves."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.role == Role.PARENT_CARER:
        return Child.objects.filter(carer_links__carer__user=user, area_id=user.area_id or _NO_AREA)
    if user.role == Role.YOUNG_PERSON:
        return Child.objects.filter(user=user, area_id=user.area_id or _NO_AREA)
    return Child.objects.none()


def get_family_child_or_404(user: User, child_id: UUID | str) -> Child:
    child = family_children(user).filter(pk=child_id).first()
    if child is None:
        raise Http404("No child found")
    return child
