"""The delivery model walked end to end in Chromium (C1, C3, C4, C7), with axe on every page.

A Safeguarding & Support team manager records a referral from the safeguarding hub and accepts
it; allocates a social worker; adds the child to the transfer list for a step down to
Strengthening Families; the incoming manager agrees; the steps of CwDT 6.2 are recorded; the
incoming manager completes the transfer and the case moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from joinedup.accounts.choices import Role
from joinedup.core.clock import today
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.people.models import Child
from joinedup.plans.tests.factories import smart_cin_plan

pytestmark = pytest.mark.browser


def _date(page: Any, legend: str, day: Any) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _step(page: Any, label: str, *, on: Any = None) -> None:
    page.get_by_label(label, exact=True).check()
    if on is not None:
        _date(page, "Date (for a timescale, telling the family, or introductions)", on)
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text(f"Recorded: {label}")).to_be_visible()


def test_r_c1_c3_c7_referral_allocation_transfer_list_and_transfer_completed(
    live_world: Any,
    live_server: Any,
    page: Any,
    browser: Any,
    signed_in: Callable[..., Any],
    axe_clean: Callable[..., None],
) -> None:
    w = live_world
    day = today()
    sf_manager = PractitionerFactory(
        organisation=w.other_hub.organisation,
        job_role=JobRole.TEAM_MANAGER,
        user__role=Role.TEAM_MANAGER,
        user__area=w.area,
        teams=[w.other_hub],
    ).user

    # C1: a referral from the multi-agency safeguarding hub, decided against the criteria.
    signed_in(page, w.manager.user)
    page.get_by_role("link", name="Referrals", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals")
    axe_clean("referrals")
    page.get_by_role("link", name="Record a referral").click()
    page.get_by_label("Multi-agency safeguarding hub (MASH)").check()
    _date(page, "Date the referral was received", day)
    page.get_by_label("Child's first name").fill("Rowan")
    page.get_by_label("Child's last name").fill("Journeyman")
    _date(page, "Child's date of birth", day.replace(year=day.year - 9))
    page.get_by_label("Learning disability", exact=True).check()
    page.get_by_role("group", name="Is the disability severe or profound?").get_by_label("Yes").check()
    page.get_by_label("Why the child is referred").fill("Profound learning disability; parents exhausted")
    axe_clean("record a referral")
    page.get_by_role("button", name="Record the referral", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral for Rowan Journeyman")
    expect(page.get_by_text("Met: learning disability")).to_be_visible()
    axe_clean("decide a referral")
    page.get_by_label("Accept: the Safeguarding & Support hub does a single assessment").check()
    page.get_by_role("button", name="Record the decision", exact=True).click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()
    page.get_by_role("link", name="Open Rowan Journeyman's record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rowan Journeyman")
    child = Child.objects.get(family_name="Journeyman")
    assert child.holding_team_id == w.hub.pk  # Safeguarding & Support does the single assessment

    # C3, C4: the allocation screen suggests the hub, says why, and shows the worker's load.
    page.get_by_role("link", name="Allocate a worker").click()
    page.get_by_label("High (tier 3 to 4)").check()
    page.get_by_label("A single assessment (initial or updated) is needed").check()
    page.get_by_role("button", name="Suggest a hub", exact=True).click()
    expect(page.get_by_role("heading", name="Suggested: Safeguarding & Support")).to_be_visible()
    expect(page.get_by_text("C3-SINGLE-ASSESSMENT")).to_be_visible()
    axe_clean("allocation screen")
    page.get_by_label(f"{w.same_org_outsider.full_name}, Social worker", exact=True).check()
    page.get_by_role("button", name="Allocate", exact=True).click()
    expect(page.get_by_text(f"{w.same_org_outsider.full_name} now works on the case")).to_be_visible()

    # C7: onto the transfer list for a step down to Strengthening Families.
    smart_cin_plan(child)  # the plan the single assessment produced, SMART (checked at 6.2.5)
    page.get_by_role("link", name="Add to the transfer list").click()
    page.get_by_label(w.other_hub.name, exact=True).check()
    page.get_by_label("Why the child should move hub").fill("Risk has reduced; the plan is stable")
    axe_clean("add to the transfer list")
    page.get_by_role("button", name=re.compile("transfer list")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transfer of Rowan Journeyman")
    transfer_url = page.url
    page.get_by_role("link", name="Transfer list", exact=True).click()
    expect(page.get_by_role("link", name=re.compile("Rowan Journeyman"))).to_be_visible()
    axe_clean("transfer list")

    # The incoming manager agrees, in their own browser.
    incoming = browser.new_page()
    signed_in(incoming, sf_manager)
    incoming.goto(transfer_url)
    _step(incoming, "Incoming manager agreed")

    # The outgoing manager prepares the move (6.2.2 to 6.2.5).
    page.goto(transfer_url)
    _step(page, "Timescale set", on=day)
    _step(page, "Family told", on=day)
    _step(page, "Case recording confirmed up to date")
    _step(page, "Child in need plan confirmed SMART")
    axe_clean("transfer ready")

    # 6.2.6, 6.2.7: after introductions, the incoming manager completes; the case moves.
    incoming.goto(transfer_url)
    _step(incoming, "Transfer completed", on=day)
    expect(incoming.get_by_text("Transferred")).to_be_visible()
    axe_clean("transfer completed", on=incoming)
    child.refresh_from_db()
    assert child.holding_team_id == w.other_hub.pk
    assert not child.allocations.filter(end_date__isnull=True).exists()  # old worker relationships ended
