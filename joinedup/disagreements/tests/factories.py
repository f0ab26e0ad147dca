"""Synthetic disagreements for tests and the access matrix."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from joinedup.disagreements.choices import StepKind
from joinedup.disagreements.models import Disagreement, DisagreementStep
from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.models import Child

ONE_DISAGREEMENT_ROUTES = {
    "disagreements:disagreement-detail",
    "disagreements:disagreement-escalate",
    "disagreements:disagreement-resolve",
}


def disagreement_for(child: Child, **fields: Any) -> Disagreement:
    """A logged disagreement about ``child`` (no parties: the access matrix needs only its id)."""
    by = fields.pop("raised_by", None) or UserFactory(area=child.area)
    at = fields.pop("raised_at", None) or timezone.now()
    d = Disagreement.objects.create(
        child=child, issue="Whether to change the short breaks", raised_by=by, raised_at=at, **fields
    )
    DisagreementStep.objects.create(disagreement=d, kind=StepKind.LOGGED, note=d.issue, by=by, at=at)
    return d


def disagreement_route_kwargs(route: str, child: Child) -> dict[str, Any]:
    """The ids a disagreements route needs besides the child's: one disagreement, made once per child."""
    if route not in ONE_DISAGREEMENT_ROUTES:
        return {}
    d = Disagreement.objects.filter(child=child).first() or disagreement_for(child)
    return {"disagreement_id": d.pk}
