"""Key working walked end to end in Chromium (B5, B6), with axe on every page.

The key worker schedules a team around the child meeting and shares a hospital letter with the
nurse, who opens it; a photo renamed .pdf is refused. The team manager then hands the key
worker's work over to a colleague, who reads the handover summary before the manager completes
it; the meeting and the plan action move, and the old key worker holds nothing open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from joinedup.core.clock import now, today
from joinedup.documents.models import SharedDocument, Told
from joinedup.duties.services import bring_up_to_date
from joinedup.handovers.models import Handover
from joinedup.handovers.selectors import open_items_of
from joinedup.meetings.models import Meeting
from joinedup.notifications.models import Notification
from joinedup.plans.models import Action
from joinedup.plans.tests.factories import ActionFactory
from joinedup.teams.models import KeyWorkerAssignment

pytestmark = pytest.mark.browser

PDF = (  # a minimal valid PDF: a catalogue, an empty page tree, a trailer
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
HOLDS = re.compile(r"(\d+) open actions, (\d+) planned meetings and (\d+) open duties")
MOVES = re.compile(r"(\d+) open plan actions\s+(\d+) planned meetings \(organiser\)\s+(\d+) open duties")


def _date(page: Any, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _h1(page: Any, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def _open_child(page: Any, live_server: Any, child: Any) -> None:
    page.goto(live_server.url + child.get_absolute_url())
    _h1(page, child.full_name)


def _counts(text: str, pattern: re.Pattern[str] = HOLDS) -> tuple[int, int, int]:
    """The open actions, meetings and duties a page says someone holds, or says will move."""
    found = pattern.search(text)
    assert found is not None, f"no counts in {text!r}"
    return int(found.group(1)), int(found.group(2)), int(found.group(3))


def test_r_b5_b6_schedule_a_meeting_share_a_letter_and_hand_over(
    live_world: Any,
    live_server: Any,
    page: Any,
    browser: Any,
    tmp_path: Path,
    signed_in: Callable[..., Any],
    axe_clean: Callable[..., None],
) -> None:
    w = live_world
    child, key_worker, nurse, newcomer = w.child, w.key_worker, w.team_member, w.same_org_outsider
    parent_carer = w.parent.carer
    ActionFactory(
        outcome__plan__child=child,
        outcome__plan__created_by=w.manager.user,
        what="Book a short break at the respite centre",
        responsible_other="",
        responsible_practitioner=key_worker,
        target_date=today() + dt.timedelta(days=30),
    )
    bring_up_to_date(children=[child], today=today(), now=now())  # the nightly duty sweep has run

    # B5: the key worker schedules a team around the child meeting from the child's page.
    signed_in(page, key_worker.user)
    _h1(page, "My children")
    page.get_by_role("link", name=child.full_name, exact=True).click()
    _h1(page, child.full_name)
    axe_clean("child page (key worker)")
    page.get_by_role("link", name="Meetings", exact=True).click()
    _h1(page, "Meetings")
    axe_clean("meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    _h1(page, "Schedule a meeting")
    axe_clean("schedule a meeting")
    page.get_by_label("What the meeting is for").fill("Team around the child meeting")
    _date(page, "Date of the meeting", today() + dt.timedelta(days=14))
    page.get_by_label("Start time").fill("10:30")
    page.get_by_label("Place (optional if there is a video link)").fill("Riverside Children's Centre, room 2")
    page.get_by_label("Agenda", exact=True).fill("1. How sleep is going\n2. Respite\n3. School transport")
    page.get_by_label(f"{nurse.full_name}, {nurse.organisation.name}", exact=True).check()
    page.get_by_role("group", name="Parents and carers to invite").get_by_label(parent_carer.full_name).check()
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("Meeting scheduled. Everyone invited has been told.")).to_be_visible()
    _h1(page, "Team around the child meeting")
    invited = page.get_by_role("table", name="Invited")
    expect(invited).to_contain_text(f"{nurse.full_name}, {nurse.organisation.name}")
    expect(invited).to_contain_text(f"{parent_carer.full_name} (parent or carer)")
    axe_clean("meeting scheduled")
    meeting = Meeting.objects.get(child=child)
    assert meeting.organiser_id == key_worker.pk
    for invitee in (nurse.user, w.parent):
        assert Notification.objects.filter(recipient=invitee, child=child, link__contains=str(meeting.pk)).exists()

    # B5: the key worker shares a hospital letter with the nurse.
    page.get_by_role("link", name=f"Back to meetings for {child.full_name}").click()
    upcoming = page.get_by_role("table", name="Upcoming meetings")
    expect(upcoming.get_by_role("link", name="Team around the child meeting")).to_be_visible()
    page.get_by_role("link", name=f"Back to {child.full_name}").click()
    _h1(page, child.full_name)
    page.get_by_role("link", name="Letters and updates", exact=True).click()
    _h1(page, "Letters and updates")
    axe_clean("letters and updates")
    page.get_by_role("link", name="Share a letter or update").click()
    _h1(page, "Share a letter or update")
    axe_clean("share a letter")
    photo = tmp_path / "clinic-letter.pdf"
    photo.write_bytes(PNG)  # a photo renamed .pdf: refused, and the title typed is kept
    upload = page.get_by_label("Upload the letter or report (not needed for a written update)")
    page.get_by_label("Hospital letter", exact=True).check()
    page.get_by_label("Title", exact=True).fill("Letter from the epilepsy clinic")
    upload.set_input_files(photo)
    page.get_by_label(f"{nurse.full_name}, {nurse.organisation.name}", exact=True).check()
    page.get_by_role("button", name="Share and tell them").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend's script ran
    expect(summary).to_contain_text("The selected file must be a PDF")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.get_by_label("Title", exact=True)).to_have_value("Letter from the epilepsy clinic")
    axe_clean("share a letter: wrong file type")
    assert not SharedDocument.objects.filter(child=child).exists()
    letter = tmp_path / "epilepsy-clinic.pdf"
    letter.write_bytes(PDF)
    page.get_by_label("Hospital letter", exact=True).check()
    upload.set_input_files(letter)
    page.get_by_label(f"{nurse.full_name}, {nurse.organisation.name}", exact=True).check()
    page.get_by_role("button", name="Share and tell them").click()
    expect(page.get_by_text("Shared. Everyone you chose has been told.")).to_be_visible()
    _h1(page, "Letter from the epilepsy clinic")
    told = page.get_by_role("table", name="Who was told").locator("tbody tr").filter(has_text=nurse.full_name)
    expect(told).to_have_count(1)
    expect(told).to_contain_text("Not opened yet")
    axe_clean("letter shared")
    document = SharedDocument.objects.get(child=child)
    assert Notification.objects.filter(recipient=nurse.user, child=child, link__contains=str(document.pk)).exists()

    # The nurse signs in, opens the letter and downloads it; the told log shows when.
    nurse_page = browser.new_page()
    signed_in(nurse_page, nurse.user)
    _open_child(nurse_page, live_server, child)
    axe_clean("child page (nurse)", on=nurse_page)
    nurse_page.get_by_role("link", name="Letters and updates", exact=True).click()
    nurse_page.get_by_role("link", name="Letter from the epilepsy clinic").click()
    _h1(nurse_page, "Letter from the epilepsy clinic")
    with nurse_page.expect_download() as download:
        nurse_page.get_by_role("link", name="Download epilepsy-clinic.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    nurse_page.reload()
    nurse_told = (
        nurse_page.get_by_role("table", name="Who was told").locator("tbody tr").filter(has_text=nurse.full_name)
    )
    expect(nurse_told).not_to_contain_text("Not opened yet")
    axe_clean("letter opened (nurse)", on=nurse_page)
    assert Told.objects.get(document=document, user=nurse.user).opened_at is not None
    nurse_page.close()

    # B6: the manager hands the key worker's work over to a colleague.
    manager_page = browser.new_page()
    signed_in(manager_page, w.manager.user)
    _open_child(manager_page, live_server, child)
    axe_clean("child page (manager)", on=manager_page)
    manager_page.get_by_role("link", name="Handovers", exact=True).click()
    _h1(manager_page, "Handovers")
    axe_clean("handovers", on=manager_page)
    manager_page.get_by_role("link", name="Start a handover").click()
    _h1(manager_page, "Whose work is being handed over")
    axe_clean("whose work", on=manager_page)
    holder = manager_page.locator("main li").filter(has_text=key_worker.full_name)
    held = _counts(holder.inner_text())
    assert held[:2] == (1, 1)  # the plan action and the meeting; the duties are the sweep's
    manager_page.get_by_role("link", name=key_worker.full_name, exact=True).click()
    _h1(manager_page, f"Hand over from {key_worker.full_name}")
    expect(manager_page.get_by_role("heading", name="Suggested key workers")).to_be_visible()
    expect(manager_page.get_by_role("heading", name=newcomer.full_name, exact=True)).to_be_visible()
    axe_clean("hand over from the key worker", on=manager_page)
    newcomer_label = f"{newcomer.full_name}, {newcomer.get_job_role_display()}, {newcomer.organisation.name}"
    manager_page.get_by_role("radio", name=newcomer_label).check()
    manager_page.get_by_label("Why this person is right for the child").fill(
        "Knows the family from the children's centre, and has the learning disability training "
        f"{child.known_as} needs; the family asked for someone local."
    )
    manager_page.get_by_role("button", name="Start the handover").click()
    expect(manager_page.get_by_text("Handover started.")).to_be_visible()
    _h1(manager_page, f"Handover from {key_worker.full_name} to {newcomer.full_name}")
    axe_clean("handover started", on=manager_page)
    handover = Handover.objects.get(child=child)

    # The new person reads the handover summary and says so.
    newcomer_page = browser.new_page()
    signed_in(newcomer_page, newcomer.user)
    _open_child(newcomer_page, live_server, child)
    newcomer_page.get_by_role("link", name="Handovers", exact=True).click()
    newcomer_page.get_by_role("link", name=f"{key_worker.full_name} to {newcomer.full_name}").click()
    _h1(newcomer_page, f"Handover from {key_worker.full_name}")
    axe_clean("handover (new person)", on=newcomer_page)
    newcomer_page.get_by_role("link", name="Confirm you have read the handover summary").click()
    _h1(newcomer_page, "Read the handover summary")
    expect(newcomer_page.get_by_text("Team around the child meeting")).to_be_visible()
    expect(newcomer_page.get_by_text("Book a short break at the respite centre")).to_be_visible()
    axe_clean("read the handover summary", on=newcomer_page)
    newcomer_page.get_by_label("I have read the handover summary").check()
    newcomer_page.get_by_role("button", name="Confirm", exact=True).click()
    expect(newcomer_page.get_by_text("Thank you. The handover can now be completed.")).to_be_visible()
    newcomer_page.close()

    # The manager completes it: what moves is listed first, then the counts after.
    manager_page.get_by_role("link", name="Back to the handovers").click()
    manager_page.get_by_role("link", name=f"{key_worker.full_name} to {newcomer.full_name}").click()
    read = manager_page.locator(".govuk-summary-list__row").filter(
        has=manager_page.locator(".govuk-summary-list__key", has_text=re.compile(r"^\s*Summary read\s*$"))
    )
    expect(read).not_to_contain_text("Not yet")
    manager_page.get_by_role("link", name="Complete the handover").click()
    _h1(manager_page, "Complete the handover")
    axe_clean("complete the handover", on=manager_page)
    moves = manager_page.locator("main ul.govuk-list--bullet").first
    expect(moves).to_contain_text("the key worker role")
    expect(moves).to_contain_text("1 open plan actions")
    expect(moves).to_contain_text("1 planned meetings (organiser)")
    before = _counts(moves.inner_text(), MOVES)
    assert before == held  # what the page says will move is what the key worker was shown to hold
    manager_page.get_by_role("button", name="Complete the handover and tell everyone").click()
    expect(manager_page.get_by_text("Handover completed.")).to_be_visible()
    done = manager_page.locator(".govuk-inset-text").filter(has_text="Completed")
    expect(done).to_contain_text(
        f"Moved {before[0]} actions, {before[1]} meetings and {before[2]} duties. "
        f"{key_worker.full_name} now holds 0 open items for the child."
    )
    axe_clean("handover completed", on=manager_page)

    handover.refresh_from_db()
    assert handover.status == "COMPLETED"
    counts = handover.counts
    old_before, new_after = counts["old_before"], counts["new_after"]
    for item in ("actions", "meetings", "duties"):
        assert new_after[item] - counts["new_before"][item] == old_before[item]
        assert counts["old_after"][item] == 0
    meeting.refresh_from_db()
    assert meeting.organiser_id == newcomer.pk
    assert Action.objects.get(what="Book a short break at the respite centre").responsible_practitioner_id == (
        newcomer.pk
    )
    assert KeyWorkerAssignment.objects.current().get(child=child).practitioner_id == newcomer.pk
    left = open_items_of(child, key_worker)
    assert (left.actions, left.meetings, left.duties, left.is_key_worker) == (0, 0, 0, False)
