"""Reads of children's records for pages: always starting from what access lets the user see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from joinedup.contingency.selectors import has_open_flag
from joinedup.people.models import CarerLink, Child


def for_page(children: QuerySet[Child]) -> QuerySet[Child]:
    """Children with everything the child's page shows, in a fixed number of queries: pass it as
    ``open_child(..., shape=for_page)`` so the child is read once, through access.
    ``has_open_cover_flag``: whether the page must read the child's contingency flag (B7)."""
    return (
        children.annotate(has_open_cover_flag=has_open_flag())
        .select_related(
            "holding_team",
            "all_about_me",
            "communication_profile",
            "all_about_me__updated_by",
            "communication_profile__updated_by",
        )
        .prefetch_related(
            "needs",
            Prefetch(
                "carer_links",
                queryset=CarerLink.objects.select_related("carer").order_by("-is_main_contact", "carer__full_name"),
            ),
        )
    )
