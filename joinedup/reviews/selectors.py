"""Reads for a child's visits and reviews, newest first."""

from __future__ import annotations

from django.db.models import QuerySet

from joinedup.people.models import Child
from joinedup.reviews.models import CinReview, Visit


def visits_of(child: Child) -> QuerySet[Visit]:
    return Visit.objects.filter(child=child).select_related("recorded_by").order_by("-visited_on", "-recorded_at")


def reviews_of(child: Child) -> QuerySet[CinReview]:
    return (
        CinReview.objects.filter(child=child)
        .select_related("recorded_by", "to_hub__team", "transfer")
        .order_by("-held_on", "-recorded_at")
    )
