"""Records for assessment tests, made directly (synthetic data only): the services are tested on their own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from joinedup.accounts.choices import Role
from joinedup.assessments.choices import (
    CarersOutcome,
    PackageKind,
    PackageStatus,
    RequestKind,
    TransitionsAfter,
)
from joinedup.assessments.models import (
    CarersAssessment,
    CarersAssessmentOutcome,
    Package,
    PanelRequest,
    SingleAssessment,
    TransitionsAssessment,
)
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory
from joinedup.people.models import CarerLink, Child
from joinedup.people.tests.factories import CarerFactory, CarerLinkFactory

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ON = date(2026, 1, 5)


def _worker(child: Child) -> Any:
    return PractitionerFactory(
        organisation=OrganisationFactory(area=child.area), job_role=JobRole.SOCIAL_WORKER, user__role=Role.PRACTITIONER
    )


def single_assessment(child: Child, *, completed: bool = True, started_on: date = ON) -> SingleAssessment:
    worker = _worker(child)
    return SingleAssessment.objects.create(
        child=child,
        social_worker=worker,
        started_on=started_on,
        started_by=worker.user,
        started_at=AT,
        completed_on=started_on if completed else None,
        outcome="Needs short breaks" if completed else "",
        completed_by=worker.user if completed else None,
        completed_at=AT if completed else None,
    )


def carers_assessment(child: Child, *, assessed_on: date = ON, months: int = 6) -> CarersAssessment:
    link = CarerLink.objects.filter(child=child).select_related("carer").first()
    carer = link.carer if link else CarerLinkFactory(child=child, carer=CarerFactory(area=child.area)).carer
    worker = _worker(child)
    made = CarersAssessment.objects.create(
        child=child,
        carer=carer,
        assessor=worker,
        assessed_on=assessed_on,
        notes="Signposted to the carers' centre",
        review_months=months,
        recorded_by=worker.user,
        recorded_at=AT,
    )
    CarersAssessmentOutcome.objects.create(assessment=made, outcome=CarersOutcome.SIGNPOSTING)
    return made


def transitions_assessment(child: Child) -> TransitionsAssessment:
    worker = _worker(child)
    return TransitionsAssessment.objects.create(
        child=child,
        worker=worker,
        after=TransitionsAfter.ENHANCED_REVIEW,
        assessed_on=ON,
        transitional_needs="Travel training; a college place",
        recorded_by=worker.user,
        recorded_at=AT,
    )


def package(
    child: Child, *, amount: Decimal | None = Decimal("5000"), overnight: bool = False, waiting: bool = False
) -> Package:
    """A package in place at ``amount`` (None: still waiting for the panel), with its first request."""
    assessment = single_assessment(child)
    user = assessment.started_by
    made = Package.objects.create(
        child=child,
        kind=PackageKind.DIRECT_PAYMENTS,
        provides="A personal assistant 6 hours a week",
        overnight_respite=overnight,
        single_assessment=assessment,
        identified_on=ON,
        identified_by=user,
        identified_at=AT,
        status=PackageStatus.IN_PLACE if amount else PackageStatus.WAITING,
        amount=amount,
        amount_set_on=ON if amount else None,
    )
    PanelRequest.objects.create(
        child=child,
        package=made,
        kind=RequestKind.NEW_PACKAGE,
        asked=made.provides,
        amount=amount or Decimal("5000"),
        overnight_respite=overnight,
        single_assessment=assessment,
        requested_on=ON,
        requested_by=user,
        requested_at=AT,
        status="APPROVED" if amount and not waiting else "WAITING",
    )
    return made


def assessment_route_kwargs(route: str, child: Child) -> dict[str, Any]:
    """The ids an assessments route needs besides the child's: made once for that child, then reused."""
    if route == "assessments:single-complete":
        found = SingleAssessment.objects.filter(child=child, completed_on__isnull=True).first()
        return {"assessment_id": (found or single_assessment(child, completed=False)).pk}
    if route == "assessments:carers-review":
        return {"assessment_id": (CarersAssessment.objects.filter(child=child).first() or carers_assessment(child)).pk}
    if route == "assessments:transitions-referral":
        found_t = TransitionsAssessment.objects.filter(child=child, referral_made_on__isnull=True).first()
        return {"assessment_id": (found_t or transitions_assessment(child)).pk}
    if route == "assessments:package-change":
        found_p = Package.objects.filter(child=child, status=PackageStatus.IN_PLACE).first()
        return {"package_id": (found_p or package(child)).pk}
    if route == "assessments:panel-decide":
        found_r = PanelRequest.objects.filter(child=child, status="WAITING").first()
        return {"request_id": (found_r or package(child, amount=None).requests.get()).pk}
    return {}
