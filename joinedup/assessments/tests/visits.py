"""The page states of the assessments pages and the Resource Panel, for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from joinedup.assessments.tests import factories


def _child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/assessments/{suffix}"


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _clear_year_then_press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_label("Year", exact=True).fill("")
        _press(button)(page, world)

    return act


def _ask_for_a_package(page: Any, world: Any) -> None:
    """A whole package asked for before any single assessment: refused by C10-PACKAGE-AFTER-SA."""
    page.get_by_label("Short breaks", exact=True).check()
    page.get_by_label("What the package would provide", exact=True).fill("Saturday club twice a month")
    page.get_by_label("Amount a year", exact=True).fill("2400")
    page.get_by_role("group", name="Does it include overnight respite?").get_by_label("No", exact=True).check()
    _press("Send to the Resource Panel")(page, world)


def _allocate(world: Any) -> None:
    from django.utils import timezone

    from joinedup.allocation.models import Allocation, Hub

    Allocation.objects.create(
        child=world.child,
        hub=Hub.objects.get(team=world.hub),
        practitioner=world.key_worker,
        relationship="ALLOCATED",
        start_date=date(2025, 9, 1),
        fired_rules=[],
        decided_by=world.manager.user,
        decided_at=timezone.now(),
    )


def _everything(world: Any) -> str:
    """A child with every kind of record: the full Assessments page."""
    from django.utils import timezone

    from joinedup.assessments.models import CarersAssessmentReview, PanelDecision
    from joinedup.duties.services import sweep

    factories.single_assessment(world.child)
    factories.single_assessment(world.child, completed=False, started_on=date(2026, 2, 2))
    carers = factories.carers_assessment(world.child)
    CarersAssessmentReview.objects.create(
        assessment=carers,
        reviewer=carers.assessor,
        reviewed_on=date(2026, 2, 5),
        notes="Respite is working",
        review_months=12,
        recorded_by=carers.recorded_by,
        recorded_at=timezone.now(),
    )
    factories.transitions_assessment(world.child)
    factories.package(world.child)
    factories.package(world.child, amount=None, overnight=True)
    declined = factories.package(world.child, amount=None).requests.get()
    PanelDecision.objects.create(
        request=declined,
        outcome="DECLINED",
        decided_on=timezone.localdate(),
        reason="Met by the holiday scheme",
        decided_by=world.manager.user,
        decided_at=timezone.now(),
    )
    declined.status = "DECLINED"
    declined.save(update_fields=["status"])
    declined.package.status = "DECLINED"
    declined.package.save(update_fields=["status"])
    sweep(today=timezone.localdate(), now=timezone.now())
    return _child()(world)


def _without_a_social_worker(world: Any) -> str:
    from django.utils import timezone

    from joinedup.teams.models import TeamMembership

    ended = TeamMembership.objects.filter(child=world.child, practitioner=world.key_worker)
    ended.update(end_date=timezone.localdate())
    return _child("single/new/")(world)


def _single_complete(world: Any) -> str:
    return _child(f"single/{factories.single_assessment(world.child, completed=False).pk}/complete/")(world)


def _carers_review(world: Any) -> str:
    return _child(f"carers/{factories.carers_assessment(world.child).pk}/review/")(world)


def _transitions_add(world: Any) -> str:
    _allocate(world)
    return _child("transitions/new/")(world)


def _referral(world: Any) -> str:
    return _child(f"transitions/{factories.transitions_assessment(world.child).pk}/referral/")(world)


def _package_change(world: Any) -> str:
    return _child(f"packages/{factories.package(world.child, amount=Decimal('5000')).pk}/change/")(world)


def _panel_decide(world: Any) -> str:
    request = factories.package(world.child, amount=None, overnight=True).requests.get()
    return _child(f"panel/{request.pk}/decide/")(world)


def _resource_panel(world: Any) -> str:
    _everything(world)
    return "/resource-panel/"


ASSESSMENT_VISITS: list[dict[str, Any]] = [
    {"id": "assessments-empty", "who": "key_worker", "path": _child(), "expect": lambda w: "No carers assessment"},
    {"id": "assessments", "who": "manager", "path": _everything, "expect": lambda w: "Record the decision"},
    {"id": "single-start", "who": "key_worker", "path": _child("single/new/"), "expect": lambda w: "Date started"},
    {
        "id": "single-start-error",
        "who": "key_worker",
        "path": _child("single/new/"),
        "act": _clear_year_then_press("Start the assessment"),
        "error_summary": True,
        "expect": lambda w: "Date started must include a year",
    },
    {
        "id": "single-start-no-social-worker",
        "who": "manager",
        "path": _without_a_social_worker,
        "expect": lambda w: "Nobody in",
    },
    {"id": "single-complete", "who": "key_worker", "path": _single_complete, "expect": lambda w: "Started"},
    {
        "id": "single-complete-error",
        "who": "key_worker",
        "path": _single_complete,
        "act": _press("Complete the assessment"),
        "error_summary": True,
        "expect": lambda w: "Enter what the assessment found",
    },
    {"id": "carers-add", "who": "key_worker", "path": _child("carers/new/"), "expect": lambda w: "Outcomes"},
    {
        "id": "carers-add-error",
        "who": "key_worker",
        "path": _child("carers/new/"),
        "act": _press("Record the carers assessment"),
        "error_summary": True,
        "expect": lambda w: "Select the parent or carer",
    },
    {"id": "carers-review", "who": "key_worker", "path": _carers_review, "expect": lambda w: "What has changed"},
    {
        "id": "carers-review-error",
        "who": "key_worker",
        "path": _carers_review,
        "act": _press("Record the review"),
        "error_summary": True,
        "expect": lambda w: "Enter what has changed",
    },
    {"id": "transitions-add", "who": "key_worker", "path": _transitions_add, "expect": lambda w: "Transitional needs"},
    {
        "id": "transitions-add-error",
        "who": "key_worker",
        "path": _transitions_add,
        "act": _press("Record the transitions assessment"),
        "error_summary": True,
        "expect": lambda w: "Select whether it followed an enhanced review",
    },
    {
        "id": "transitions-add-no-allocated-worker",
        "who": "key_worker",
        "path": _child("transitions/new/"),
        "expect": lambda w: "has no allocated or assigned worker",
    },
    {"id": "transitions-referral", "who": "key_worker", "path": _referral, "expect": lambda w: "by the 16th birthday"},
    {
        "id": "transitions-referral-error",
        "who": "key_worker",
        "path": _referral,
        "act": _clear_year_then_press("Record the referral"),
        "error_summary": True,
        "expect": lambda w: "must include a year",
    },
    {"id": "package-add", "who": "key_worker", "path": _child("packages/new/"), "expect": lambda w: "Amount a year"},
    {
        "id": "package-add-error",
        "who": "key_worker",
        "path": _child("packages/new/"),
        "act": _press("Send to the Resource Panel"),
        "error_summary": True,
        "expect": lambda w: "Select direct payments or short breaks",
    },
    {
        "id": "package-add-before-single-assessment",
        "who": "key_worker",
        "path": _child("packages/new/"),
        "act": _ask_for_a_package,
        "error_summary": True,
        "expect": lambda w: "start the child's single assessment first",
    },
    {"id": "package-change", "who": "key_worker", "path": _package_change, "expect": lambda w: "A small increase"},
    {
        "id": "package-change-error",
        "who": "key_worker",
        "path": _package_change,
        "act": _press("Send to the Resource Panel"),
        "error_summary": True,
        "expect": lambda w: "Enter the new amount a year",
    },
    {"id": "panel-decide", "who": "manager", "path": _panel_decide, "expect": lambda w: "What is asked"},
    {
        "id": "panel-decide-error",
        "who": "manager",
        "path": _panel_decide,
        "act": _press("Record the decision"),
        "error_summary": True,
        "expect": lambda w: "Select what the panel decided",
    },
    {
        "id": "resource-panel-empty",
        "who": "manager",
        "path": lambda w: "/resource-panel/",
        "expect": lambda w: "No requests are waiting",
    },
    {
        "id": "resource-panel",
        "who": "manager",
        "path": _resource_panel,
        "expect": lambda w: "Decided in the last 4 weeks",
    },
    {
        "id": "resource-panel-forbidden",
        "who": "key_worker",
        "path": lambda w: "/resource-panel/",
        "status": 403,
        "expect": lambda w: "You cannot do this",
    },
]
