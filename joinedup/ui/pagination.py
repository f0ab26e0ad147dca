"""Pages of a long list as GOV.UK's pagination component draws them: first, last, the current page
and its neighbours, with ellipses between (https://design-system.service.gov.uk/components/pagination/)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page
from django.http import QueryDict


def page_numbers(current: int, last: int) -> list[int | None]:
    """The page numbers to show, None where an ellipsis goes: 1 … 4 5 6 … 25."""
    shown = sorted({1, last, *(n for n in (current - 1, current, current + 1) if 1 <= n <= last)})
    numbers: list[int | None] = []
    for n in shown:
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def _href(query: QueryDict, number: int) -> str:
    params = query.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()


def pagination_params(page: Page[Any], query: QueryDict, *, label: str) -> dict[str, Any]:
    """Parameters for ``govukPagination``; other query parameters (a filter, say) are kept."""
    last = page.paginator.num_pages
    params: dict[str, Any] = {
        "landmarkLabel": label,
        "items": [
            {"ellipsis": True} if n is None else {"number": n, "href": _href(query, n), "current": n == page.number}
            for n in page_numbers(page.number, last)
        ],
    }
    if page.has_previous():
        params["previous"] = {"href": _href(query, page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": _href(query, page.next_page_number())}
    return params
