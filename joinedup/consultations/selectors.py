"""Reads of consultations for the child's page."""

from __future__ import annotations

from django.db.models import QuerySet

from joinedup.consultations.models import Consultation
from joinedup.people.models import Child


def consultations_for(child: Child) -> QuerySet[Consultation]:
    """The child's consultations, newest advice first."""
    return (
        Consultation.objects.filter(child=child)
        .select_related("adviser__practitioner__organisation")
        .order_by("-given_on", "-recorded_at", "-id")
    )
