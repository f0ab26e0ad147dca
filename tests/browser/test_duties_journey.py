"""C5 walked end to end in Chromium: a worker's Monday morning, with axe on every page on the way.

The key worker opens Due this week, records an overdue visit, and sees the next visit's due date
move on the child's page; then records the child in need review (with the child's own views) and
sees that move too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from joinedup.core.clock import now, today
from joinedup.duties.choices import DutyKind
from joinedup.duties.models import Duty
from joinedup.duties.services import sweep
from joinedup.teams.models import KeyWorkerAssignment

pytestmark = pytest.mark.browser


def test_r_c5_record_a_visit_and_a_review_and_see_the_next_due_dates_move(
    live_world: Any, live_server: Any, page: Any, signed_in: Callable[..., Any], axe_clean: Callable[..., None]
) -> None:
    w = live_world
    day = today()
    # The key worker started today, so their first contact (B4-CONTACT) is weeks away: this walk is
    # about the visit and the review.
    KeyWorkerAssignment.objects.filter(child=w.child).update(start_date=day)
    sweep(today=day, now=now())
    overdue = day - timedelta(days=5)
    Duty.objects.open().filter(child=w.child, kind__in=[DutyKind.VISIT, DutyKind.CIN_REVIEW]).update(
        starts_on=overdue, due_on=overdue
    )

    signed_in(page, w.key_worker.user)
    page.get_by_role("link", name="Due this week", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Due this week")
    expect(page.get_by_role("table", name="Overdue")).to_contain_text(w.child.full_name)
    axe_clean("due this week")

    page.get_by_role("link", name=re.compile(rf"^Record a visit\W+for {w.child.full_name}$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a visit")
    axe_clean("record a visit")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("What happened").fill("Seen at home, and alone in their room: showed me their new chair")
    page.get_by_role("button", name="Record the visit", exact=True).click()

    next_visit = day + timedelta(days=42)
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    due = page.locator("#duties ~ table").first
    expect(due.get_by_role("row", name="Visit to the child")).to_contain_text(f"{next_visit:%-d %B %Y}")
    axe_clean("child page after the visit")

    page.get_by_role("link", name="Record the review", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a child in need review")
    page.get_by_label("Who took part").fill("Mum\nKey worker\nClass teacher")
    page.get_by_label("What the child or young person said").fill("Chose the 'swimming' card: wants to go more")
    page.get_by_label("What the family said").fill("Mum would like a weekend short break")
    page.get_by_label("What was decided").fill("Ask the Resource Panel for a weekend short break")
    page.get_by_role("group", name="Is the plan still SMART?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was a carers assessment offered?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did they want a carers assessment?").get_by_label("No").check()
    axe_clean("record a review")
    page.get_by_role("button", name="Record the review", exact=True).click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    next_review = day + timedelta(days=42)  # Safeguarding & Support: no less than 6 weekly
    expect(due.get_by_role("row", name="Child in need plan review")).to_contain_text(f"{next_review:%-d %B %Y}")
    expect(due.get_by_role("row", name="Child in need plan review")).not_to_contain_text("Overdue")
    axe_clean("child page after the review")

    page.get_by_role("link", name="Due this week", exact=True).click()
    expect(page.get_by_text("Nothing of yours is overdue or due in the next 7 days.")).to_be_visible()
