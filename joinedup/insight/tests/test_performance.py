"""C13 monthly performance: on time through the duty engine, caseloads, transfers, escalations."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.models import Duty
from joinedup.insight import charts, performance
from joinedup.insight.performance import Month

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


def _done(child, kind, due, done):
    return Duty.objects.create(
        child=child,
        kind=kind,
        due_on=due,
        starts_on=min(due, done),
        rule="test",
        basis="test",
        status=DutyStatus.DONE,
        completed_on=done,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_r_c13_a_duty_done_on_or_before_its_due_date_is_on_time(world):
    _done(world.child, DutyKind.VISIT, date(2026, 11, 10), date(2026, 11, 10))  # on the day: on time
    _done(world.child, DutyKind.VISIT, date(2026, 11, 10), date(2026, 11, 11))  # a day late
    _done(world.child, DutyKind.CIN_REVIEW, date(2026, 11, 20), date(2026, 11, 2))
    _done(world.child, DutyKind.CIN_REVIEW, date(2026, 10, 20), date(2026, 10, 30))  # October: late
    figures = performance.monthly_performance(world.area.pk, Month.of(date(2026, 11, 1)), TODAY)
    by_what = {t.what: t for t in figures.timeliness}
    assert (by_what["Visit to the child"].done, by_what["Visit to the child"].on_time) == (2, 1)
    assert by_what["Visit to the child"].rate == 50.0
    assert by_what["Child in need plan review"].rate == 100.0
    assert by_what["Carers assessment review"].rate is None  # nothing to measure is not 0%
    trend = {m.key: (reviews, visits) for m, reviews, visits in figures.trend}
    assert list(trend)[-1] == "2026-11"
    assert len(trend) == performance.TREND_MONTHS
    assert trend["2026-10"] == (0.0, None)
    assert trend["2026-11"] == (100.0, 50.0)


def test_r_c13_figures_count_only_the_users_area(world):
    other_area_child = world.other_area_practitioner.memberships.first().child
    _done(other_area_child, DutyKind.VISIT, date(2026, 11, 10), date(2026, 11, 30))
    figures = performance.monthly_performance(world.area.pk, Month.of(date(2026, 11, 1)), TODAY)
    assert all(t.done == 0 for t in figures.timeliness)


def test_r_c13_caseloads_and_overdue_by_hub(world):
    Duty.objects.create(
        child=world.child,
        kind=DutyKind.VISIT,
        due_on=TODAY - timedelta(days=3),
        starts_on=TODAY - timedelta(days=3),
        rule="C5-VISIT",
        basis="test",
        created_at=timezone.now(),
    )
    figures = performance.monthly_performance(world.area.pk, Month.of(date(2026, 11, 1)), TODAY)
    hubs = {h.name: h for h in figures.hubs}
    assert hubs[world.hub.name].children >= 1
    assert hubs[world.hub.name].overdue == 1
    assert hubs[world.other_hub.name].overdue == 0


def test_r_c13_bar_chart_scales_bars_and_describes_itself():
    chart = charts.bar_chart("On time", [("Reviews", 50.0), ("Visits", 100.0)], percent=True)
    assert chart.bars[1].width == 2 * chart.bars[0].width
    assert chart.description == "On time: Reviews 50%; Visits 100%"
    counts = charts.bar_chart("Held", [("S&S", 10), ("SF", 40)])
    assert counts.bars[1].width > counts.bars[0].width
    assert counts.bars[1].shown == "40"


def test_r_c13_months_run_to_the_end_of_february_in_a_leap_year():
    month = Month.of(date(2028, 2, 10))
    assert (month.first, month.last) == (date(2028, 2, 1), date(2028, 2, 29))
    assert [m.key for m in performance.months_before(Month.of(date(2027, 1, 5)), 3)] == [
        "2026-11",
        "2026-12",
        "2027-01",
    ]


def test_r_c13_the_page_is_for_managers_and_commissioners_and_has_a_table_for_each_chart(client, world):
    _done(world.child, DutyKind.VISIT, date(2026, 11, 10), date(2026, 11, 10))
    url = reverse("insight:monthly-performance") + "?month=2026-11"
    client.force_login(world.key_worker.user)
    assert client.get(url).status_code == 403
    client.force_login(world.commissioner)
    body = html.unescape(client.get(url).content.decode())
    assert "Monthly performance: November 2026" in body
    assert body.count("<svg") == body.count("<desc")
    assert "Reviews, visits, assessments and milestones done in November 2026" in body
    assert world.child.family_name not in body


def test_r_c13_an_unknown_month_shows_last_month(client, world):
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("insight:monthly-performance") + "?month=1999-01").content.decode())
    last = Month.of(timezone.localdate()).before()
    assert f"Monthly performance: {last.label}" in body
