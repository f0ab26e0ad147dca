"""Read what the duty rules need to know about many children at once: a fixed number of queries
however many children there are (the sweep runs over a whole area)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone

from joinedup.allocation.choices import HubCode, WorkerRelationship
from joinedup.allocation.models import Allocation, Hub
from joinedup.assessments.models import CarersAssessment, CarersAssessmentReview
from joinedup.core.dates import add_months
from joinedup.duties.choices import CadenceKind, DutyKind, DutyStatus
from joinedup.duties.models import CadenceAgreement, Duty
from joinedup.duties.rules import Cadence, DutyFacts
from joinedup.organisations.choices import JobRole
from joinedup.people.models import CarerLink, Child
from joinedup.plans.choices import PlanKind
from joinedup.plans.models import Plan
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkingSupport, SupportLevel, TeamMembership
from joinedup.transfers.choices import TransferStatus
from joinedup.transfers.models import Transfer

# What the rules read of a child, in this order: a row of ``Child.objects.values_list(*CHILD_COLUMNS)``.
CHILD_COLUMNS = ("id", "date_of_birth", "holding_team_id", "created_at")
ChildRow = tuple[UUID, date, UUID | None, datetime]
HUBS_BY_ID = 50  # above this many holding teams, the facts read every hub


@dataclass(frozen=True)
class Scope:
    """Which children's rows a fact query reads: these ids, or every child whose id lies between the
    first and the last of them (``span``: two parameters instead of a long ``IN`` list, for the
    sweep, whose batches are runs of children in id order). Rows of a child outside the batch (one
    added meanwhile) may be read; they are ignored, because the facts are looked up by id."""

    ids: tuple[UUID, ...]
    span: bool = False

    @classmethod
    def of(cls, children: Sequence[ChildRow], *, span: bool = False) -> Scope:
        return cls(tuple(c[0] for c in children), span=span)

    def __call__(self, field: str) -> dict[str, Any]:
        if self.span:
            return {f"{field}__gte": self.ids[0], f"{field}__lte": self.ids[-1]}
        if len(self.ids) == 1:
            return {field: self.ids[0]}
        return {f"{field}__in": self.ids}


def child_row(child: Child) -> ChildRow:
    """The child as the rules read it: its values of ``CHILD_COLUMNS``."""
    return (child.pk, child.date_of_birth, child.holding_team_id, child.created_at)


def facts_for(children: Iterable[Child]) -> dict[UUID, DutyFacts]:
    """The duty facts of each child, keyed by the child's id."""
    rows = [child_row(c) for c in children]
    return facts_for_rows(rows, Scope.of(rows))


def facts_for_rows(children: Sequence[ChildRow], scope: Scope) -> dict[UUID, DutyFacts]:
    """The duty facts of each child (rows of ``CHILD_COLUMNS``) keyed by its id, reading the rows
    of the children ``scope`` names: a fixed number of queries, however many children."""
    if not children:
        return {}
    teams = {c[2] for c in children if c[2] is not None}
    # A sweep's batch of random ids spans most hubs of a large installation (hundreds): reading every
    # hub then is cheaper than sending their ids (23 ms a batch on N, issue 6). Hubs are few.
    holding = Hub.objects.filter(team_id__in=teams) if len(teams) <= HUBS_BY_ID else Hub.objects.all()
    hubs = {
        team_id: (hub_id, code, cin_review_days, visit_days)
        for team_id, hub_id, code, cin_review_days, visit_days in holding.values_list(
            "team_id", "id", "code", "cin_review_days", "visit_days"
        )
    }
    held_since = _held_since(scope)
    workers = _case_workers(scope)
    agreed = _agreements(scope)
    last_done = _last_done(scope)
    carers = _carers_assessments(scope)
    ehc_plans = {
        child_id.int: since
        for child_id, since in Plan.objects.current()
        .filter(kind=PlanKind.EHC, **scope("child_id"))
        .values_list("child_id", "start_date")
    }
    key_workers = {
        child_id.int: (practitioner_id, since)
        for child_id, practitioner_id, since in KeyWorkerAssignment.objects.current()
        .filter(**scope("child_id"))
        .values_list("child_id", "practitioner_id", "start_date")
    }
    levels = _key_working_levels(scope)
    sen_officers = {
        child_id.int: practitioner_id
        for child_id, practitioner_id in TeamMembership.objects.current()
        .filter(practitioner__job_role=JobRole.SEN_OFFICER, **scope("child_id"))
        .order_by("start_date", "id")  # the newest joined; "id" settles a tie the same way every time
        .values_list("child_id", "practitioner_id")
    }
    no_last_done: dict[DutyKind, date] = {}
    facts = {}
    # The maps are keyed by the UUID's ``int``: a UUID hashes in Python, an int does not, and a
    # sweep of a million children looks a child up in each map (issue 6).
    for child_id, date_of_birth, holding_team_id, created_at in children:
        child = child_id.int
        hub = hubs.get(holding_team_id) if holding_team_id else None
        cadence = None
        if hub is not None:
            hub_id, code, cin_review_days, visit_days = hub
            cadence = Cadence(
                hub=HubCode(code),
                held_since=held_since.get((child, hub_id.int)) or timezone.localdate(created_at),
                cin_review_days=cin_review_days,
                visit_days=visit_days,
                agreed_review_days=agreed.get((child, CadenceKind.CIN_REVIEW)),
                agreed_visit_days=agreed.get((child, CadenceKind.VISIT)),
            )
        key_worker = key_workers.get(child)
        facts[child_id] = DutyFacts(
            date_of_birth=date_of_birth,
            cadence=cadence,
            last_done=last_done.get(child, no_last_done),
            ehc_plan_since=ehc_plans.get(child),
            carers_assessment=carers.get(child),
            case_worker=workers.get(child),
            key_worker=key_worker[0] if key_worker else None,
            key_worker_since=key_worker[1] if key_worker else None,
            key_working=levels.get(child),
            sen_officer=sen_officers.get(child),
        )
    return facts


def _held_since(scope: Scope) -> dict[tuple[int, int], date]:
    """The day each hub took each child's case: the latest transfer into it completed (every move
    between hubs goes through the transfer list), else its earliest current allocation there."""
    rows = (
        Allocation.objects.current()
        .filter(**scope("child_id"))
        .exclude(relationship=WorkerRelationship.ATTACHED)
        .values("child_id", "hub_id")
        .annotate(since=Min("start_date"))
        .values_list("child_id", "hub_id", "since")
    )
    since = {(child_id.int, hub_id.int): on for child_id, hub_id, on in rows}
    moves = (
        Transfer.objects.filter(status=TransferStatus.COMPLETED, **scope("child_id"))
        .values("child_id", "to_hub_id")
        .annotate(at=Max("closed_at"))
        .values_list("child_id", "to_hub_id", "at")
    )
    for child_id, hub_id, at in moves:
        since[(child_id.int, hub_id.int)] = timezone.localdate(at)
    return since


def _case_workers(scope: Scope) -> dict[int, UUID]:
    """The allocated worker, or else the assigned family support worker, of each child."""
    workers: dict[int, UUID] = {}
    rows = (
        Allocation.objects.counting_to_caseload()
        .filter(**scope("child_id"))
        .order_by("relationship", "start_date", "id")  # ALLOCATED before ASSIGNED, then the longest-standing
        .values_list("child_id", "practitioner_id")
    )
    for child_id, practitioner_id in rows:
        workers.setdefault(child_id.int, practitioner_id)
    return workers


def _agreements(scope: Scope) -> dict[tuple[int, str], int]:
    """The newest cadence agreement of each kind for each child."""
    newest: dict[tuple[int, str], int] = {}
    for child_id, kind, days in (
        CadenceAgreement.objects.filter(**scope("child_id"))
        .order_by("agreed_at", "id")
        .values_list("child_id", "kind", "interval_days")
    ):
        newest[(child_id.int, kind)] = days
    return newest


def _last_done(scope: Scope) -> dict[int, dict[DutyKind, date]]:
    done: dict[int, dict[DutyKind, date]] = defaultdict(dict)
    kinds = {k.value: k for k in DutyKind}
    rows = (
        Duty.objects.filter(status=DutyStatus.DONE, **scope("child_id"))
        .values("child_id", "kind")
        .annotate(last=Max("completed_on"))
        .values_list("child_id", "kind", "last")
    )
    for child_id, kind, last in rows:
        done[child_id.int][kinds[kind]] = last
    return done


def _carers_assessments(scope: Scope) -> dict[int, tuple[date, int]]:
    """C10-CARERS-REVIEW: for each of a child's parents and carers, their newest carers assessment or
    review of it and the months agreed then; of those, the one whose review falls first. Only carers
    still linked to the child count. Two queries however many children."""
    latest: dict[tuple[int, int], tuple[date, int]] = {}
    linked = CarerLink.objects.filter(child_id=OuterRef("child_id"), carer_id=OuterRef("carer_id"))
    assessments = (
        CarersAssessment.objects.filter(Exists(linked), **scope("child_id"))
        .order_by("assessed_on", "recorded_at", "id")
        .values_list("child_id", "carer_id", "assessed_on", "review_months")
    )
    for child_id, carer_id, on, months in assessments:
        latest[(child_id.int, carer_id.int)] = (on, months)
    reviews = (
        CarersAssessmentReview.objects.filter(**scope("assessment__child_id"))
        .order_by("reviewed_on", "recorded_at", "id")
        .values_list("assessment__child_id", "assessment__carer_id", "reviewed_on", "review_months")
    )
    for child_id, carer_id, on, months in reviews:
        key = (child_id.int, carer_id.int)
        if key in latest and on >= latest[key][0]:
            latest[key] = (on, months)
    first: dict[int, tuple[date, int]] = {}
    for (child, _), (on, months) in latest.items():
        if child not in first or add_months(on, months) < add_months(*first[child]):
            first[child] = (on, months)
    return first


def _key_working_levels(scope: Scope) -> dict[int, tuple[str, int]]:
    """B4-CONTACT: the newest level of key working support set for each child, as its label and the
    days between contacts. One query however many children."""
    newest: dict[int, tuple[str, int]] = {}
    for child_id, level, days in (
        KeyWorkingSupport.objects.filter(**scope("child_id"))
        .order_by("set_at", "id")
        .values_list("child_id", "level", "contact_days")
    ):
        newest[child_id.int] = (SupportLevel(level).label, days)
    return newest
