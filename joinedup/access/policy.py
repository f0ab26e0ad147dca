"""Who may see or do what (G1). Nothing else in joinedup decides this.

A practitioner sees a child while they are a current member of the child's interagency
team. A team manager also sees the children held by their teams; an operations or service
manager, those held by any team of their organisation. Commissioners see aggregates only
(unless they are in a child's team); administrators see configuration, never case content.
Families see only their own family view (``family_children``).
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from joinedup.access.models import BreakGlassGrant
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.models import Hub
from joinedup.core.clock import now
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.teams.models import TeamMembership
from joinedup.transfers.models import Transfer

# A user with no area sees no child: compare against a value no area has.
_NO_AREA = "00000000-0000-0000-0000-000000000000"


def practitioner_of(user: User) -> Practitioner | None:
    """The user's practitioner profile, if they are one (managers are practitioners too)."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.practitioner
    except Practitioner.DoesNotExist:
        return None


def _managed_scope(user: User, practitioner: Practitioner) -> Q | None:
    if user.role == Role.TEAM_MANAGER:
        return Q(holding_team__in=practitioner.teams.values("pk"))
    if user.role == Role.OPERATIONS_MANAGER:
        return Q(holding_team__organisation_id=practitioner.organisation_id)
    return None


def _deciding_scope(practitioner: Practitioner) -> Q:
    """Children a team manager must read to make a decision the model gives their hub: a transfer
    into it (CwDT 6.2.1), a concern in its duty queue (6.3.2), a family support request (6.4.2)."""
    teams = practitioner.teams.values("pk")
    incoming = Transfer.objects.open().filter(to_hub__team__in=teams).values("child_id")
    escalated = Escalation.objects.waiting().filter(to_hub__team__in=teams).values("child_id")
    requested = FamilySupportRequest.objects.open().filter(to_hub__team__in=teams).values("child_id")
    return Q(pk__in=incoming) | Q(pk__in=escalated) | Q(pk__in=requested)


def visible_children(user: User) -> QuerySet[Child]:
    """Every child whose record ``user`` may open as a practitioner or manager."""
    practitioner = practitioner_of(user)
    if practitioner is None or user.is_family or user.role == Role.ADMINISTRATOR:
        return Child.objects.none()
    in_team = Q(pk__in=TeamMembership.objects.current().filter(practitioner=practitioner).values("child_id"))
    emergency = Q(pk__in=BreakGlassGrant.objects.active(now()).filter(user=user).values("child_id"))
    scope = in_team | emergency
    if (managed := _managed_scope(user, practitioner)) is not None:
        scope |= managed
    if user.role == Role.TEAM_MANAGER:
        scope |= _deciding_scope(practitioner)
    return Child.objects.filter(scope, area_id=user.area_id or _NO_AREA)


def get_child_or_404(user: User, child_id: UUID | str) -> Child:
    """Load a child through access: an invisible child is a 404, so existence never leaks."""
    child = visible_children(user).filter(pk=child_id).select_related("holding_team").first()
    if child is None:
        raise Http404("No child found")
    return child


def is_member(user: User, child: Child) -> bool:
    practitioner = practitioner_of(user)
    return practitioner is not None and (
        TeamMembership.objects.current().filter(child=child, practitioner=practitioner).exists()
    )


def manages(user: User, child: Child) -> bool:
    """Is ``user`` a manager of the team (or service) that holds the child's case?"""
    practitioner = practitioner_of(user)
    if practitioner is None or child.holding_team_id is None or child.area_id != user.area_id:
        return False
    scope = _managed_scope(user, practitioner)
    return scope is not None and Child.objects.filter(scope, pk=child.pk).exists()


def can_break_glass(user: User) -> bool:
    """Practitioners (not commissioners, administrators or families) may ask for emergency access."""
    return user.is_authenticated and user.is_staff_role and practitioner_of(user) is not None


def emergency_grant(user: User, child: Child) -> BreakGlassGrant | None:
    """The user's active emergency access to this child, if that is how they see it."""
    return BreakGlassGrant.objects.active(now()).filter(user=user, child=child).order_by("-expires_at").first()


def can_edit_child(user: User, child: Child) -> bool:
    """Members of the child's team and managers of the holding team keep the record current."""
    return is_member(user, child) or manages(user, child)


def can_change_team(user: User, child: Child) -> bool:
    """Adding and ending team members: the interagency team and its managers (B1)."""
    return can_edit_child(user, child)


def can_assign_key_worker(user: User, child: Child) -> bool:
    """The key worker is assigned with a manager (B2, NG213 1.15.3)."""
    return manages(user, child)


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


def can_see_area_figures(user: User) -> bool:
    """Commissioners and managers see counts for the area; counts name no child (DESIGN.md)."""
    return user.is_authenticated and user.is_active and (user.role == Role.COMMISSIONER or user.is_manager)


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
