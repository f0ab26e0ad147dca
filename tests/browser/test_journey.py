"""B1 and B2 walked end to end in Chromium, with axe on every page on the way.

A team manager signs in, finds the child, adds a practitioner to the interagency team (B1) and
makes them the key worker (B2). G5: two people editing All about me at once lose nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from joinedup.core.clock import today
from joinedup.people.models import AllAboutMe

pytestmark = pytest.mark.browser


def practitioner_label(p: Any) -> str:
    """How the add-member select and the key worker radios name a practitioner."""
    return f"{p.full_name}, {p.get_job_role_display()}, {p.organisation.name}"


def test_r_b1_b2_sign_in_find_a_child_add_a_team_member_and_assign_a_key_worker(
    live_world: Any,
    live_server: Any,
    page: Any,
    signed_in: Callable[..., Any],
    axe_clean: Callable[..., None],
    stylesheet_responses: list[Any],
) -> None:
    w = live_world
    child, newcomer = w.child, w.same_org_outsider

    signed_in(page, w.manager.user, check=axe_clean)  # axe runs on the sign-in page before signing in
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    axe_clean("My children")

    # Find a child, by family name.
    page.get_by_role("link", name="Find a child", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    axe_clean("Find a child")
    page.get_by_label("Name, date of birth or NHS number").fill(child.family_name)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"\d+ (child|children) found"))).to_be_visible()
    axe_clean("Find a child: results")

    # The child's page: All about me comes first.
    page.get_by_role("link", name=child.full_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(child.full_name)
    expect(page.locator("main h2").first).to_have_text("All about me")
    axe_clean("child page")

    # B1: add a team member, with the start date the form fills in.
    page.get_by_role("link", name="Add a team member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add someone to {child.known_as}'s team")
    axe_clean("add a team member")
    page.get_by_label("Practitioner", exact=True).select_option(label=practitioner_label(newcomer))
    page.get_by_label("Role in the child's team").fill("Family support worker")
    start = today()
    expect(page.locator("input[name='start_date-day']")).to_have_value(str(start.day))
    expect(page.locator("input[name='start_date-month']")).to_have_value(str(start.month))
    expect(page.locator("input[name='start_date-year']")).to_have_value(str(start.year))
    page.get_by_role("button", name="Add to the team").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(f"{newcomer.full_name} added to the team")
    new_row = page.locator("main table tbody tr").filter(has_text=newcomer.full_name)
    expect(new_row).to_have_count(1)
    expect(new_row).to_contain_text("Family support worker")
    axe_clean("child page after adding a member")

    # B2: make the newcomer the key worker, with a reason.
    page.get_by_role("link", name=re.compile(r"^(Change the key worker|Assign a key worker)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign a key worker")
    axe_clean("assign a key worker")
    page.get_by_role("radio", name=practitioner_label(newcomer)).check()
    page.get_by_label("Why this person").fill("Already knows the family well and works with the school.")
    page.get_by_role("button", name="Assign key worker").click()

    expect(banner).to_contain_text(f"{newcomer.full_name} is now the key worker")
    new_row = page.locator("main table tbody tr").filter(has_text=newcomer.full_name)
    expect(new_row.locator(".govuk-tag", has_text="Key worker")).to_be_visible()
    old_row = page.locator("main table tbody tr").filter(has_text=w.key_worker.full_name)
    expect(old_row.locator(".govuk-tag", has_text="Key worker")).to_have_count(0)
    axe_clean("child page after assigning the key worker")

    # STACK.md gotcha 4: the stylesheet really was served (a 404 would have passed axe with false results).
    assert any(r.status == 200 for r in stylesheet_responses), [(r.url, r.status) for r in stylesheet_responses]
    assert all(r.status < 400 for r in stylesheet_responses), [(r.url, r.status) for r in stylesheet_responses]


def test_r_g5_a_second_save_of_all_about_me_shows_the_conflict_and_keeps_both_texts(
    live_world: Any,
    live_server: Any,
    page: Any,
    new_context: Callable[..., Any],
    signed_in: Callable[..., Any],
    axe_clean: Callable[..., None],
) -> None:
    w = live_world
    edit_url = f"{live_server.url}/children/{w.child.pk}/all-about-me/"
    first, second = page, new_context().new_page()
    signed_in(first, w.key_worker.user)
    signed_in(second, w.manager.user)
    first.goto(edit_url)
    second.goto(edit_url)  # both start from the same saved version

    first_text = "I like trains and the swings at the park. (Written by the key worker.)"
    first.get_by_label("About me", exact=True).fill(first_text)
    first.get_by_role("button", name="Save All about me").click()
    expect(first.locator(".govuk-notification-banner--success")).to_contain_text("All about me saved")

    second_text = "I love music and singing with my sister. (Written by the manager.)"
    second.get_by_label("About me", exact=True).fill(second_text)
    second.get_by_role("button", name="Save All about me").click()

    summary = second.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Someone else saved All about me")
    assert second.title().startswith("Error: ")
    expect(second.get_by_label("About me", exact=True)).to_have_value(second_text)
    expect(second.get_by_text(first_text)).to_be_visible()  # "The version saved now"
    axe_clean("All about me: edit conflict", on=second)

    assert AllAboutMe.objects.get(child=w.child).about_me == first_text
