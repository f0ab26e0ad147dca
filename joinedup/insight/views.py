"""The area's figures: counts for commissioners and managers."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joinedup.access import policy
from joinedup.core.clock import today
from joinedup.core.http import AuthenticatedHttpRequest
from joinedup.insight import charts, forms, performance, selectors


@login_required
@require_GET
def area_figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not policy.can_see_area_figures(request.user):
        raise PermissionDenied
    return render(request, "insight/area_figures.html", {"figures": selectors.area_figures(request.user)})


def _month(key: str | None, today: date) -> performance.Month:
    """The month asked for (YYYY-MM, within the last year), else last month."""
    this = performance.Month.of(today)
    choices = {m.key: m for m in performance.months_before(this, 13)}
    return choices.get(key or "", this.before())


@login_required
@require_GET
def monthly_performance(request: AuthenticatedHttpRequest) -> HttpResponse:
    """C13: the month's figures for managers and commissioners; aggregates only, no child named."""
    if not policy.can_see_area_figures(request.user) or request.user.area_id is None:
        raise PermissionDenied
    day = today()
    month = _month(request.GET.get("month"), day)
    figures = performance.monthly_performance(request.user.area_id, month, day)
    measured = [t for t in figures.timeliness if t.rate is not None]
    context = {
        "figures": figures,
        "month_form": forms.MonthForm(
            initial={"month": month.key},
            months=[(m.key, m.label) for m in performance.months_before(performance.Month.of(day), 13)[::-1]],
        ),
        "timeliness_chart": charts.bar_chart(
            f"Done on time in {month.label}", [(t.what, t.rate or 0.0) for t in measured], percent=True
        ),
        "trend_charts": [
            charts.bar_chart(
                f"{what} on time, by month",
                [(m.label, rate) for m, *rates in figures.trend if (rate := rates[i]) is not None],
                percent=True,
            )
            for i, what in enumerate(["Child in need reviews", "Visits"])
        ],
        "caseload_chart": charts.bar_chart("Children held, by hub", [(h.name, h.children) for h in figures.hubs]),
    }
    return render(request, "insight/monthly_performance.html", context)
