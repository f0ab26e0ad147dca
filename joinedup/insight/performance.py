"""Monthly performance figures for the Children with Disabilities Team (CwDT 9.2, 9.3; C13).

Aggregates only: nothing here returns a child. Reviews, visits, assessments and milestones are
measured through the duty engine: a duty done on or before its due date was on time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import Count, F, Q
from django.utils import timezone

from joinedup.allocation.selectors import worker_loads
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.duties.selectors import counts_by_hub
from joinedup.escalations.choices import EscalationKind
from joinedup.escalations.models import Escalation
from joinedup.insight.charts import percent
from joinedup.transfers.choices import TransferStatus
from joinedup.transfers.models import Transfer
from joinedup.transfers.rules import REVIEW_EVERY

MEASURED = (
    DutyKind.CIN_REVIEW,
    DutyKind.VISIT,
    DutyKind.CARERS_ASSESSMENT_REVIEW,
    DutyKind.EHC_ANNUAL_REVIEW,
    DutyKind.EHC_DECISION_TO_ASSESS,
    DutyKind.EHC_FINAL_PLAN,
    DutyKind.PFA_PLAN,
    DutyKind.ADULT_SOCIAL_CARE_REFERRAL,
    DutyKind.POST_18_PLAN,
)
TREND_MONTHS = 6


@dataclass(frozen=True)
class Month:
    first: date
    last: date

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1]))

    def before(self) -> Month:
        return Month.of(self.first - timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{self.first:%B %Y}"

    @property
    def key(self) -> str:
        return f"{self.first:%Y-%m}"

    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    def ends_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Timeliness:
    what: str
    done: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return percent(self.on_time, self.done)


@dataclass(frozen=True)
class HubFigures:
    name: str
    children: int
    overdue: int
    workers: list[tuple[str, int, int]]  # name, caseload, capacity


@dataclass(frozen=True)
class TransferFigures:
    waiting: int
    not_reviewed: int
    completed: int


@dataclass(frozen=True)
class EscalationFigures:
    raised: list[tuple[str, int]]
    waiting: int


@dataclass(frozen=True)
class Performance:
    month: Month
    timeliness: list[Timeliness]
    trend: list[tuple[Month, float | None, float | None]]  # month, % reviews on time, % visits on time
    hubs: list[HubFigures]
    transfers: TransferFigures
    escalations: EscalationFigures


def months_before(month: Month, n: int) -> list[Month]:
    """``month`` and the n - 1 months before it, oldest first."""
    months = [month]
    for _ in range(n - 1):
        months.append(months[-1].before())
    return months[::-1]


def _done_in(area_id: UUID, first: date, last: date) -> dict[tuple[str, date], tuple[int, int]]:
    """Done duties by kind and month, with how many were on time: one query."""
    rows = (
        Duty.objects.filter(
            child__area_id=area_id, status=DutyStatus.DONE, completed_on__gte=first, completed_on__lte=last
        )
        .values("kind", "completed_on__year", "completed_on__month")
        .annotate(done=Count("id"), on_time=Count("id", filter=Q(completed_on__lte=F("due_on"))))
    )
    return {
        (r["kind"], date(r["completed_on__year"], r["completed_on__month"], 1)): (r["done"], r["on_time"]) for r in rows
    }


def monthly_performance(area_id: UUID, month: Month, today: date) -> Performance:
    months = months_before(month, TREND_MONTHS)
    done = _done_in(area_id, months[0].first, month.last)
    timeliness = [Timeliness(str(kind.label), *done.get((kind, month.first), (0, 0))) for kind in MEASURED]
    trend = [
        (
            m,
            percent(*_pair(done.get((DutyKind.CIN_REVIEW, m.first)))),
            percent(*_pair(done.get((DutyKind.VISIT, m.first)))),
        )
        for m in months
    ]
    return Performance(
        month=month,
        timeliness=timeliness,
        trend=trend,
        hubs=_hubs(area_id, today),
        transfers=_transfers(area_id, month, today),
        escalations=_escalations(area_id, month),
    )


def _pair(counts: tuple[int, int] | None) -> tuple[int, int]:
    done, on_time = counts or (0, 0)
    return on_time, done


def _hubs(area_id: UUID, today: date) -> list[HubFigures]:
    return [
        HubFigures(
            name=c.hub.team.name,
            children=c.children,
            overdue=c.overdue,
            workers=[(w.practitioner.full_name, w.load, w.capacity) for w in worker_loads(c.hub)],
        )
        for c in counts_by_hub(area_id, today)
    ]


def _transfers(area_id: UUID, month: Month, today: date) -> TransferFigures:
    transfers = Transfer.objects.filter(child__area_id=area_id)
    stale = timezone.make_aware(datetime.combine(today, time.min)) - REVIEW_EVERY
    return TransferFigures(
        waiting=transfers.open().count(),
        not_reviewed=transfers.open().filter(last_reviewed_at__lt=stale).count(),
        completed=transfers.filter(
            status=TransferStatus.COMPLETED, closed_at__gte=month.starts_at(), closed_at__lt=month.ends_at()
        ).count(),
    )


def _escalations(area_id: UUID, month: Month) -> EscalationFigures:
    escalations = Escalation.objects.filter(child__area_id=area_id)
    raised = dict(
        escalations.filter(raised_at__gte=month.starts_at(), raised_at__lt=month.ends_at())
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    return EscalationFigures(
        raised=[(str(label), raised.get(code, 0)) for code, label in EscalationKind.choices],
        waiting=escalations.waiting().count(),
    )
