"""Read what the duty rules need to know about many children at once: a fixed number of queries
however many children there are (the sweep runs over a whole area)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
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


def facts_for(children: Iterable[Child]) -> dict[UUID, DutyFacts]:
    """The duty facts of each child, keyed by the child's id."""
    children = list(children)
    ids = [c.pk for c in children]
    hubs = {h.team_id: h for h in Hub.objects.filter(team_id__in={c.holding_team_id for c in children})}
    held_since = _held_since(ids)
    workers = _case_workers(ids)
    agreed = _agreements(ids)
    last_done = _last_done(ids)
    carers = _carers_assessments(ids)
    ehc_plans = dict(
        Plan.objects.current().filter(child_id__in=ids, kind=PlanKind.EHC).values_list("child_id", "start_date")
    )
    key_workers = {
        child_id: (practitioner_id, since)
        for child_id, practitioner_id, since in KeyWorkerAssignment.objects.current()
        .filter(child_id__in=ids)
        .values_list("child_id", "practitioner_id", "start_date")
    }
    levels = _key_working_levels(ids)
    sen_officers = dict(
        TeamMembership.objects.current()
        .filter(child_id__in=ids, practitioner__job_role=JobRole.SEN_OFFICER)
        .order_by("start_date")
        .values_list("child_id", "practitioner_id")
    )
    facts = {}
    for child in children:
        hub = hubs.get(child.holding_team_id) if child.holding_team_id else None
        cadence = None
        if hub is not None:
            cadence = Cadence(
                hub=HubCode(hub.code),
                held_since=held_since.get((child.pk, hub.pk)) or timezone.localdate(child.created_at),
                cin_review_days=hub.cin_review_days,
                visit_days=hub.visit_days,
                agreed_review_days=agreed.get((child.pk, CadenceKind.CIN_REVIEW)),
                agreed_visit_days=agreed.get((child.pk, CadenceKind.VISIT)),
            )
        facts[child.pk] = DutyFacts(
            date_of_birth=child.date_of_birth,
            cadence=cadence,
            last_done=last_done.get(child.pk, {}),
            ehc_plan_since=ehc_plans.get(child.pk),
            carers_assessment=carers.get(child.pk),
            case_worker=workers.get(child.pk),
            key_worker=key_workers[child.pk][0] if child.pk in key_workers else None,
            key_worker_since=key_workers[child.pk][1] if child.pk in key_workers else None,
            key_working=levels.get(child.pk),
            sen_officer=sen_officers.get(child.pk),
        )
    return facts


def _held_since(ids: list[UUID]) -> dict[tuple[UUID, UUID], date]:
    """The day each hub took each child's case: the latest transfer into it completed (every move
    between hubs goes through the transfer list), else its earliest current allocation there."""
    rows = (
        Allocation.objects.current()
        .filter(child_id__in=ids)
        .exclude(relationship=WorkerRelationship.ATTACHED)
        .values("child_id", "hub_id")
        .annotate(since=Min("start_date"))
    )
    since = {(r["child_id"], r["hub_id"]): r["since"] for r in rows}
    moves = (
        Transfer.objects.filter(child_id__in=ids, status=TransferStatus.COMPLETED)
        .values("child_id", "to_hub_id")
        .annotate(at=Max("closed_at"))
    )
    for m in moves:
        since[(m["child_id"], m["to_hub_id"])] = timezone.localdate(m["at"])
    return since


def _case_workers(ids: list[UUID]) -> dict[UUID, UUID]:
    """The allocated worker, or else the assigned family support worker, of each child."""
    workers: dict[UUID, UUID] = {}
    rows = (
        Allocation.objects.counting_to_caseload()
        .filter(child_id__in=ids)
        .order_by("relationship")  # ALLOCATED sorts before ASSIGNED
        .values_list("child_id", "practitioner_id")
    )
    for child_id, practitioner_id in rows:
        workers.setdefault(child_id, practitioner_id)
    return workers


def _agreements(ids: list[UUID]) -> dict[tuple[UUID, str], int]:
    """The newest cadence agreement of each kind for each child."""
    newest: dict[tuple[UUID, str], int] = {}
    for child_id, kind, days in (
        CadenceAgreement.objects.filter(child_id__in=ids)
        .order_by("agreed_at", "id")
        .values_list("child_id", "kind", "interval_days")
    ):
        newest[(child_id, kind)] = days
    return newest


def _last_done(ids: list[UUID]) -> dict[UUID, dict[DutyKind, date]]:
    done: dict[UUID, dict[DutyKind, date]] = defaultdict(dict)
    rows = (
        Duty.objects.filter(child_id__in=ids, status=DutyStatus.DONE)
        .values("child_id", "kind")
        .annotate(last=Max("completed_on"))
    )
    for r in rows:
        done[r["child_id"]][DutyKind(r["kind"])] = r["last"]
    return done


def _carers_assessments(ids: list[UUID]) -> dict[UUID, tuple[date, int]]:
    """C10-CARERS-REVIEW: for each of a child's parents and carers, their newest carers assessment or
    review of it and the months agreed then; of those, the one whose review falls first. Only carers
    still linked to the child count. Two queries however many children."""
    latest: dict[tuple[UUID, UUID], tuple[date, int]] = {}
    linked = CarerLink.objects.filter(child_id=OuterRef("child_id"), carer_id=OuterRef("carer_id"))
    assessments = (
        CarersAssessment.objects.filter(Exists(linked), child_id__in=ids)
        .order_by("assessed_on", "recorded_at")
        .values_list("child_id", "carer_id", "assessed_on", "review_months")
    )
    for child_id, carer_id, on, months in assessments:
        latest[(child_id, carer_id)] = (on, months)
    reviews = (
        CarersAssessmentReview.objects.filter(assessment__child_id__in=ids)
        .order_by("reviewed_on", "recorded_at")
        .values_list("assessment__child_id", "assessment__carer_id", "reviewed_on", "review_months")
    )
    for child_id, carer_id, on, months in reviews:
        if (child_id, carer_id) in latest and on >= latest[(child_id, carer_id)][0]:
            latest[(child_id, carer_id)] = (on, months)
    first: dict[UUID, tuple[date, int]] = {}
    for (child_id, _), (on, months) in latest.items():
        if child_id not in first or add_months(on, months) < add_months(*first[child_id]):
            first[child_id] = (on, months)
    return first


def _key_working_levels(ids: list[UUID]) -> dict[UUID, tuple[str, int]]:
    """B4-CONTACT: the newest level of key working support set for each child, as its label and the
    days between contacts. One query however many children."""
    newest: dict[UUID, tuple[str, int]] = {}
    for child_id, level, days in (
        KeyWorkingSupport.objects.filter(child_id__in=ids)
        .order_by("set_at", "id")
        .values_list("child_id", "level", "contact_days")
    ):
        newest[child_id] = (SupportLevel(level).label, days)
    return newest
