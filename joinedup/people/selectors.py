"""Reads of children's records for pages: always starting from what access lets the user see."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from joinedup.access import policy
from joinedup.accounts.models import User
from joinedup.contingency.selectors import has_open_flag
from joinedup.people.models import CarerLink, Child
from joinedup.people.rules import normalise_nhs_number

SEARCH_LIMIT = 50


def _parse_date(text: str) -> date | None:
    m = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})", text) or None
    try:
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def search_children(user: User, query: str) -> QuerySet[Child]:
    """Children the user may see, found by name, date of birth (31/12/2015) or NHS number."""
    query = query.strip()
    children = policy.visible_children(user)
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) == 10:
        children = children.filter(nhs_number=digits)
    elif (born := _parse_date(query)) is not None:
        children = children.filter(date_of_birth=born)
    else:
        for word in query.split():
            children = children.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(preferred_name__icontains=word)
            )
    return children.select_related("holding_team").order_by("family_name", "given_name", "id")[:SEARCH_LIMIT]


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
