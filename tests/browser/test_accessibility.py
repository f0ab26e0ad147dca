"""Every page joinedup has, in each state worth seeing (empty, with results, with errors), passes axe-core.

WCAG 2.2 AA and axe's best practices, under the production CSP, with the app's stylesheet loaded.
Each page is its own test id; each test builds its own world and signs in through the real page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from joinedup.core.clock import now
from joinedup.notifications.services import notify
from joinedup.teams.models import TeamMembership

pytestmark = pytest.mark.browser


def _submit(button: str) -> Callable[[Any, Any], None]:
    """Press the form's button with nothing filled in, so the error summary shows."""

    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _clear_search_then_submit(page: Any, world: Any) -> None:
    page.get_by_label("Name, date of birth or NHS number").fill("")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(lambda url: "q=" in url)


def _suggest_a_hub(page: Any, world: Any) -> None:
    page.get_by_label("High (tier 3 to 4)").check()
    page.get_by_label("A section 47 enquiry is open").check()
    page.get_by_role("button", name="Suggest a hub", exact=True).click()
    page.wait_for_load_state()


def _transfer_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.transfers.services import propose_transfer

    transfer = propose_transfer(
        child=world.child,
        to_hub=world.other_hub.hub,
        reason="Risk has reduced",
        by=world.manager.user,
        now=timezone.now(),
    )
    return f"/transfers/{transfer.pk}/"


def _close_path(world: Any) -> str:
    from joinedup.closure.services import load_default_reasons

    load_default_reasons()  # the live database is emptied between tests, taking the migration's reasons with it
    return f"/children/{world.child.pk}/close/"


def _retention_with_a_record(world: Any) -> str:
    import datetime as dt

    from django.utils import timezone

    from joinedup.closure.services import close_case, load_default_reasons
    from joinedup.people.tests.factories import ChildFactory

    reasons = {r.code: r for r in load_default_reasons()}
    adult = ChildFactory(area=world.area, holding_team=world.hub, date_of_birth=dt.date(1995, 1, 1))
    close_case(
        child=adult,
        reason=reasons["TURNED_18"],
        closed_on=timezone.localdate(),
        note="Moved to adult services",
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return "/closure/retention/"


def _consultations_with_one(world: Any) -> str:
    from django.utils import timezone

    from joinedup.consultations.services import record_consultation

    record_consultation(
        child=world.child,
        advised_team="OTHER",
        advised_team_name="Virtual school",
        advised_contact="Sam Lee, head of the virtual school",
        given_on=timezone.localdate(),
        question="How do we support school transport?",
        advice="Apply through the SEND transport team.",
        by=world.key_worker.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return f"/children/{world.child.pk}/consultations/"


def _escalation_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.escalations.services import raise_escalation

    escalation = raise_escalation(
        child=world.child,
        kind="SAFEGUARDING_CONCERN",
        what_has_changed="Bruising seen at school",
        is_time_limited=None,
        by=world.key_worker.user,
        now=timezone.now(),
    )
    return f"/escalations/{escalation.pk}/"


def _escalation_list_path(world: Any) -> str:
    _escalation_path(world)
    return "/escalations/"


def _family_support_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.escalations.services import request_family_support

    support_request = request_family_support(
        child=world.child,
        agreed_by_manager=True,
        what_family_needs="Support with the bedtime routine",
        proposed_work="Six sessions of parenting support",
        by=world.key_worker.user,
        now=timezone.now(),
    )
    return f"/family-support/{support_request.pk}/"


def _family_support_queue_path(world: Any) -> str:
    _family_support_path(world)
    return "/family-support/"


def _referral_path(world: Any) -> str:
    from datetime import date

    from django.utils import timezone

    from joinedup.referrals.services import record_referral

    referral = record_referral(
        source="MASH",
        received_on=timezone.localdate(),
        given_name="Rowan",
        family_name="Referred",
        date_of_birth=date(2017, 4, 2),
        nhs_number="",
        needs=["SENSORY_IMPAIRMENT"],
        reason="Profound hearing loss",
        severe=True,
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    return f"/referrals/{referral.pk}/"


def _referral_list_path(world: Any) -> str:
    _referral_path(world)
    return "/referrals/"


def _criterion_path(world: Any) -> str:
    from django.utils import timezone

    from joinedup.referrals.models import ThresholdCriterion
    from joinedup.referrals.services import load_default_criteria

    load_default_criteria(area=world.area, by=None, now=timezone.now())
    criterion = ThresholdCriterion.objects.get(area=world.area, code="SENSORY")
    return f"/referrals/criteria/{criterion.pk}/"


def _untick_needs_then_save(page: Any, world: Any) -> None:
    page.get_by_label("Sensory impairment").uncheck()
    page.get_by_role("button", name="Save the criterion", exact=True).click()
    page.wait_for_load_state()


def _end_member_path(world: Any) -> str:
    membership = TeamMembership.objects.get(child=world.child, practitioner=world.team_member, end_date__isnull=True)
    return f"/children/{world.child.pk}/team/{membership.pk}/end/"


def _inbox_with_a_message(world: Any) -> str:
    notify(
        recipients=[world.key_worker.user],
        subject=f"Emergency access to record {world.child.local_id}",
        body="Someone used emergency access to this record. Their reason: admitted overnight",
        link=f"/children/{world.child.pk}/",
        child=world.child,
        now=now(),
    )
    return "/inbox/"


@dataclass(frozen=True)
class Visit:
    """Sign in as `who` (a key of World.personas(); None stays signed out), open `path`, then `act`."""

    id: str
    who: str | None
    path: Callable[[Any], str]
    act: Callable[[Any, Any], None] | None = None
    status: int = 200
    expect: Callable[[Any], str] = field(default=lambda world: "")  # text the page must show
    error_summary: bool = False


def child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/{suffix}"


VISITS = [
    Visit("sign-in", None, lambda w: "/accounts/sign-in/", expect=lambda w: "Sign in to joinedup"),
    Visit(
        "sign-in-error",
        None,
        lambda w: "/accounts/sign-in/",
        act=_submit("Sign in"),
        error_summary=True,
        expect=lambda w: "Enter your username",
    ),
    Visit("my-children", "manager", lambda w: "/children/", expect=lambda w: "My children"),
    Visit("my-children-with-children", "key_worker", lambda w: "/children/", expect=lambda w: w.child.full_name),
    Visit("find-a-child", "manager", lambda w: "/children/search/", expect=lambda w: "Find a child"),
    Visit(
        "find-a-child-results",
        "manager",
        lambda w: f"/children/search/?q={w.child.family_name}",
        expect=lambda w: w.child.full_name,
    ),
    Visit(
        "find-a-child-none-found",
        "manager",
        lambda w: "/children/search/?q=Nobody-by-this-name",
        expect=lambda w: "No children found",
    ),
    Visit(
        "find-a-child-error",
        "manager",
        lambda w: "/children/search/",
        act=_clear_search_then_submit,
        error_summary=True,
        expect=lambda w: "Enter a name, date of birth or NHS number",
    ),
    Visit("child-page", "manager", child(), expect=lambda w: "All about me"),
    Visit("details-edit", "manager", child("details/"), expect=lambda w: "Disabilities and needs"),
    Visit("all-about-me-edit", "manager", child("all-about-me/"), expect=lambda w: "Who wrote this"),
    Visit("communication-edit", "manager", child("communication/"), expect=lambda w: "Communication aids I use"),
    Visit("add-team-member", "manager", child("team/add/"), expect=lambda w: "Role in the child's team"),
    Visit(
        "add-team-member-error",
        "manager",
        child("team/add/"),
        act=_submit("Add to the team"),
        error_summary=True,
        expect=lambda w: "Select a practitioner",
    ),
    Visit("end-team-member", "manager", _end_member_path, expect=lambda w: w.team_member.full_name),
    Visit(
        "end-team-member-error",
        "manager",
        _end_member_path,
        act=_submit("End their place in the team"),
        error_summary=True,
        expect=lambda w: "Enter why they are leaving the team",
    ),
    Visit("assign-key-worker", "manager", child("key-worker/"), expect=lambda w: "Key workers so far"),
    Visit(
        "assign-key-worker-error",
        "manager",
        child("key-worker/"),
        act=_submit("Assign key worker"),
        error_summary=True,
        expect=lambda w: "Select the key worker",
    ),
    Visit("unmet-needs", "manager", lambda w: "/unmet-needs/", expect=lambda w: "Unmet needs"),
    Visit("without-key-worker", "manager", lambda w: "/without-key-worker/", expect=lambda w: "without a key worker"),
    Visit("audit", "manager", lambda w: f"/audit/children/{w.child.pk}/", expect=lambda w: "Who has seen this record"),
    Visit("sign-out", "manager", lambda w: "/accounts/sign-out/", expect=lambda w: "Sign out of joinedup"),
    Visit("family-home", "parent", lambda w: "/family/", expect=lambda w: w.child.known_as),
    Visit(
        "family-child",
        "parent",
        lambda w: f"/family/children/{w.child.pk}/",
        expect=lambda w: "Your key worker",
    ),
    Visit("administrator-home", "administrator", lambda w: "/", expect=lambda w: "Who has seen a record"),
    Visit(
        "audit-lookup-not-found",
        "administrator",
        lambda w: "/audit/?local_id=NOSUCHID",
        error_summary=True,
        expect=lambda w: "There is no record with that local ID",
    ),
    Visit("emergency-access", "same_org_outsider", lambda w: "/access/emergency/", expect=lambda w: "Emergency access"),
    Visit(
        "emergency-access-error",
        "same_org_outsider",
        lambda w: "/access/emergency/",
        act=_submit("Get emergency access"),
        error_summary=True,
        expect=lambda w: "Enter the child's NHS number",
    ),
    Visit(
        "allocation-suggestion",
        "manager",
        child("allocation/"),
        act=_suggest_a_hub,
        expect=lambda w: "Suggested: Safeguarding & Support",
    ),
    Visit(
        "allocation-error",
        "manager",
        child("allocation/"),
        act=_submit("Suggest a hub"),
        error_summary=True,
        expect=lambda w: "Select the level of risk",
    ),
    Visit("transfer-list", "manager", lambda w: "/transfers/", expect=lambda w: "Transfer list"),
    Visit("transfer-propose", "manager", child("transfer/"), expect=lambda w: "Add to the transfer list"),
    Visit("transfer-detail", "manager", _transfer_path, expect=lambda w: "Record a step"),
    Visit(
        "transfer-detail-error",
        "manager",
        _transfer_path,
        act=_submit("Record"),
        error_summary=True,
        expect=lambda w: "Select what has happened",
    ),
    Visit("inbox-empty", "key_worker", lambda w: "/inbox/", expect=lambda w: "You have no messages"),
    Visit("inbox-with-a-message", "key_worker", _inbox_with_a_message, expect=lambda w: "Mark all as read"),
    Visit("case-close", "manager", _close_path, expect=lambda w: "What closing the case ends"),
    Visit(
        "case-close-error",
        "manager",
        _close_path,
        act=_submit("Close the case"),
        error_summary=True,
        expect=lambda w: "Select why the case is closing",
    ),
    Visit(
        "retention-report-empty",
        "administrator",
        lambda w: "/closure/retention/",
        expect=lambda w: "No closed record in your area is past its retention date",
    ),
    Visit("retention-report", "administrator", _retention_with_a_record, expect=lambda w: "1 record to review"),
    Visit(
        "consultations-empty",
        "key_worker",
        child("consultations/"),
        expect=lambda w: "No consultations have been recorded",
    ),
    Visit("consultations", "key_worker", _consultations_with_one, expect=lambda w: "Advice to Virtual school"),
    Visit("consultation-add", "key_worker", child("consultations/new/"), expect=lambda w: "Record a consultation"),
    Visit(
        "consultation-add-error",
        "key_worker",
        child("consultations/new/"),
        act=_submit("Record the consultation"),
        error_summary=True,
        expect=lambda w: "Select the team you advised",
    ),
    Visit("escalation-raise", "key_worker", child("escalations/new/"), expect=lambda w: "Send to the manager"),
    Visit(
        "escalation-raise-error",
        "key_worker",
        child("escalations/new/"),
        act=_submit("Send to the manager"),
        error_summary=True,
        expect=lambda w: "Select whether this is a change in need or a safeguarding concern",
    ),
    Visit(
        "escalation-list-empty",
        "manager",
        lambda w: "/escalations/",
        expect=lambda w: "Nothing is waiting for your decision",
    ),
    Visit("escalation-list", "manager", _escalation_list_path, expect=lambda w: "Safeguarding & Support duty queue"),
    Visit("escalation-detail", "manager", _escalation_path, expect=lambda w: "Decide what happens next"),
    Visit(
        "escalation-detail-error",
        "manager",
        _escalation_path,
        act=_submit("Record the decision"),
        error_summary=True,
        expect=lambda w: "Select what happens next",
    ),
    Visit("escalation-detail-raiser", "key_worker", _escalation_path, expect=lambda w: "Bruising seen at school"),
    Visit("family-support-request", "key_worker", child("family-support/new/"), expect=lambda w: "Send the request"),
    Visit(
        "family-support-request-error",
        "key_worker",
        child("family-support/new/"),
        act=_submit("Send the request"),
        error_summary=True,
        expect=lambda w: "Enter exactly what support the family needs",
    ),
    Visit(
        "family-support-queue-empty",
        "manager",
        lambda w: "/family-support/",
        expect=lambda w: "No requests are waiting",
    ),
    Visit("family-support-queue", "manager", _family_support_queue_path, expect=lambda w: "1 open request"),
    Visit("family-support-detail", "manager", _family_support_path, expect=lambda w: "Consider the request"),
    Visit(
        "family-support-detail-error",
        "manager",
        _family_support_path,
        act=_submit("Record"),
        error_summary=True,
        expect=lambda w: "Select what has been decided",
    ),
    Visit("referral-list-empty", "manager", lambda w: "/referrals/", expect=lambda w: "There are no referrals"),
    Visit("referral-list", "manager", _referral_list_path, expect=lambda w: "Rowan Referred"),
    Visit("referral-new", "manager", lambda w: "/referrals/new/", expect=lambda w: "Record a referral"),
    Visit(
        "referral-new-error",
        "manager",
        lambda w: "/referrals/new/",
        act=_submit("Record the referral"),
        error_summary=True,
        expect=lambda w: "Select who referred the child",
    ),
    Visit("referral-detail", "manager", _referral_path, expect=lambda w: "Met: sensory impairment"),
    Visit(
        "referral-detail-error",
        "manager",
        _referral_path,
        act=_submit("Record the decision"),
        error_summary=True,
        expect=lambda w: "Select whether the referral is accepted",
    ),
    Visit(
        "referral-criteria",
        "administrator",
        lambda w: "/referrals/criteria/",
        expect=lambda w: "Severe or profound learning or physical disability",
    ),
    Visit("referral-criterion-edit", "administrator", _criterion_path, expect=lambda w: "Change a referral criterion"),
    Visit(
        "referral-criterion-edit-error",
        "administrator",
        _criterion_path,
        act=_untick_needs_then_save,
        error_summary=True,
        expect=lambda w: "Select at least one need",
    ),
    Visit("area-figures", "commissioner", lambda w: "/figures/", expect=lambda w: "Figures for the area"),
    Visit(
        "forbidden-403",
        "key_worker",
        lambda w: f"/audit/children/{w.child.pk}/",
        status=403,
        expect=lambda w: "You cannot do this",
    ),
    Visit("not-found-404", "manager", lambda w: "/no-such-page/", status=404, expect=lambda w: "Page not found"),
    Visit(
        "not-found-404-signed-out",
        None,
        lambda w: "/no-such-page/",
        status=404,
        expect=lambda w: "Page not found",
    ),
]


@pytest.mark.parametrize("visit", VISITS, ids=[v.id for v in VISITS])
def test_page_has_no_axe_violations(
    visit: Visit, live_world: Any, live_server: Any, page: Any, signed_in: Callable[..., Any], axe_clean: Any
) -> None:
    if visit.who is not None:
        signed_in(page, live_world.personas()[visit.who])
    response = page.goto(live_server.url + visit.path(live_world))
    assert response is not None
    assert response.status == visit.status, f"{visit.id}: {response.status} from {page.url}"
    if visit.act is not None:
        visit.act(page, live_world)
    if text := visit.expect(live_world):
        assert page.get_by_text(text).first.is_visible(), f"{visit.id}: {text!r} not shown on {page.url}"
    if visit.error_summary:
        assert page.locator(".govuk-error-summary").is_visible(), f"{visit.id}: no error summary on {page.url}"
        assert page.title().startswith("Error: "), f"{visit.id}: title {page.title()!r} does not start 'Error: '"
    axe_clean(visit.id)
