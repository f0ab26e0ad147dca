"""Reads for escalations and family support requests: the queues, who takes part, and whom to tell."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Case, IntegerField, Q, QuerySet, When

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.escalations.choices import WAITING_STATUSES, EscalationRole, EscalationStatus, RequestRole
from joinedup.escalations.models import Escalation, FamilySupportRequest
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child

# ---- Hubs and the people in them --------------------------------------------------------------


def holding_hub(child: Child) -> Hub | None:
    """The hub holding the child's case, if a hub holds it."""
    if child.holding_team_id is None:
        return None
    return Hub.objects.filter(team_id=child.holding_team_id).select_related("team").first()


def _hub_for(child: Child, code: HubCode, near: Hub | None) -> Hub | None:
    """The area's hub of this kind: the one in the same organisation as ``near`` first."""
    hubs = Hub.objects.filter(code=code, team__organisation__area_id=child.area_id).select_related("team")
    if near is not None:
        hubs = hubs.annotate(
            elsewhere=Case(
                When(team__organisation_id=near.team.organisation_id, then=0), default=1, output_field=IntegerField()
            )
        ).order_by("elsewhere", "team__name", "id")
    else:
        hubs = hubs.order_by("team__name", "id")
    return hubs.first()


def duty_hub(child: Child, holding: Hub | None) -> Hub | None:
    """The Safeguarding & Support hub whose team managers keep the duty queue for this child."""
    if holding is not None and holding.code == HubCode.SAFEGUARDING_SUPPORT:
        return holding
    return _hub_for(child, HubCode.SAFEGUARDING_SUPPORT, holding)


def strengthening_families_hub(child: Child, holding: Hub | None) -> Hub | None:
    return _hub_for(child, HubCode.STRENGTHENING_FAMILIES, holding)


def _manager_scope(user: User) -> tuple[Practitioner, UUID, set[UUID]] | None:
    """A manager's profile, area and the teams they manage (none for an operations manager), or None."""
    practitioner = policy.practitioner_of(user)
    if practitioner is None or not user.is_manager or user.area_id is None:
        return None
    return practitioner, user.area_id, set(practitioner.teams.values_list("pk", flat=True))


# ---- C8: escalations --------------------------------------------------------------------------


def escalation_for(user: User, escalation_id: UUID) -> Escalation | None:
    """An escalation the user takes part in (open or decided), or None: its page is then a 404."""
    if user.area_id is None:
        return None
    escalation = (
        Escalation.objects.filter(pk=escalation_id, child__area_id=user.area_id)
        .select_related(
            "child",
            "to_hub__team",
            "from_hub__team",
            "raised_by__practitioner",
            "decided_by__practitioner",
            "assessment_worker",
        )
        .first()
    )
    if escalation is None or policy.escalation_role(user, escalation) == EscalationRole.NONE:
        return None
    return escalation


@dataclass(frozen=True)
class EscalationQueues:
    """What waits for a manager: sent to them, in the duty queue, about their hubs' children elsewhere,
    and disagreements with the operations manager (for their final decision, if they are one)."""

    to_decide: list[Escalation]
    duty_queue: list[Escalation]
    elsewhere: list[Escalation]
    disagreements: list[Escalation]
    keeps_duty_queue: bool

    @property
    def children(self) -> list[Child]:
        return [e.child for e in self.to_decide + self.duty_queue + self.elsewhere + self.disagreements]


def escalation_queues(user: User) -> EscalationQueues:
    """Escalations waiting for a decision (or a final decision) that the manager takes part in, oldest first."""
    scope = _manager_scope(user)
    if scope is None:
        return EscalationQueues([], [], [], [], keeps_duty_queue=False)
    practitioner, area_id, teams = scope
    waiting = Escalation.objects.filter(
        status__in=(*WAITING_STATUSES, EscalationStatus.DISAGREED), child__area_id=area_id
    )
    if user.role == Role.OPERATIONS_MANAGER:
        waiting = waiting.filter(to_hub__team__organisation_id=practitioner.organisation_id)
        keeps_duty_queue = True
    else:
        waiting = waiting.filter(Q(to_hub__team__in=teams) | Q(from_hub__team__in=teams))
        keeps_duty_queue = Hub.objects.filter(team__in=teams, code=HubCode.SAFEGUARDING_SUPPORT).exists()
    rows = list(
        waiting.select_related("child", "to_hub__team", "from_hub__team", "raised_by__practitioner").order_by(
            "raised_at", "id"
        )
    )
    everyone = user.role == Role.OPERATIONS_MANAGER
    disagreements = sorted(
        (e for e in rows if e.status == EscalationStatus.DISAGREED), key=lambda e: (e.disagreed_at, e.raised_at)
    )
    rows = [e for e in rows if e.status != EscalationStatus.DISAGREED]
    mine = [e for e in rows if everyone or (e.to_hub is not None and e.to_hub.team_id in teams)]
    mine_ids = {e.pk for e in mine}
    return EscalationQueues(
        to_decide=[e for e in mine if e.status == EscalationStatus.WITH_MANAGER],
        duty_queue=[e for e in mine if e.status == EscalationStatus.IN_DUTY_QUEUE],
        elsewhere=[e for e in rows if e.pk not in mine_ids],
        disagreements=disagreements,
        keeps_duty_queue=keeps_duty_queue,
    )


def social_workers_for(escalation: Escalation) -> QuerySet[Practitioner]:
    """Active social workers in the hubs of the organisation deciding (CwDT 6.3.2, 7.2)."""
    if escalation.to_hub is None:
        return Practitioner.objects.none()
    return (
        Practitioner.objects.filter(
            is_active=True,
            job_role=JobRole.SOCIAL_WORKER,
            organisation_id=escalation.to_hub.team.organisation_id,
            teams__hub__isnull=False,
        )
        .distinct()
        .order_by("full_name", "id")
    )


# ---- C9: family support requests --------------------------------------------------------------


def request_for(user: User, request_id: UUID) -> FamilySupportRequest | None:
    """A request the user takes part in (open or closed), or None: its page is then a 404."""
    if user.area_id is None:
        return None
    support_request = (
        FamilySupportRequest.objects.filter(pk=request_id, child__area_id=user.area_id)
        .select_related(
            "child",
            "to_hub__team",
            "from_hub__team",
            "requested_by__practitioner",
            "considered_by__practitioner",
            "escalated_by__practitioner",
            "attached_worker",
        )
        .first()
    )
    if support_request is None or policy.request_role(user, support_request) == RequestRole.NONE:
        return None
    return support_request


def request_queue(user: User) -> list[FamilySupportRequest]:
    """Open requests the manager takes part in, oldest first: into or out of their hubs; all of
    their organisation's, for an operations manager. One query, however many there are."""
    scope = _manager_scope(user)
    if scope is None:
        return []
    practitioner, area_id, teams = scope
    requests = FamilySupportRequest.objects.open().filter(child__area_id=area_id)
    if user.role == Role.OPERATIONS_MANAGER:
        requests = requests.filter(to_hub__team__organisation_id=practitioner.organisation_id)
    else:
        requests = requests.filter(Q(to_hub__team__in=teams) | Q(from_hub__team__in=teams))
    return list(
        requests.select_related("child", "from_hub__team", "to_hub__team", "requested_by__practitioner").order_by(
            "requested_at", "id"
        )
    )


def family_support_workers(hub: Hub) -> QuerySet[Practitioner]:
    """Active family support workers of a Strengthening Families hub (CwDT 4.1)."""
    return Practitioner.objects.filter(
        is_active=True, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=hub.team_id
    ).order_by("full_name", "id")
