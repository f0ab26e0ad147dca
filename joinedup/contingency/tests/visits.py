"""The page states of the contingency plan pages (B7), for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _with_cover(world: Any) -> None:
    from joinedup.contingency.tests.factories import name_cover

    name_cover(world)


def _covered(world: Any) -> None:
    from joinedup.contingency.tests.factories import mark_away

    _with_cover(world)
    mark_away(world)


def _cover_list(world: Any) -> str:
    _with_cover(world)
    return "/cover/"


def _cover_list_away(world: Any) -> str:
    _covered(world)
    return "/cover/"


def _children_covered(world: Any) -> str:
    _covered(world)
    return "/cover/children/"


def _child_page(world: Any) -> str:
    _covered(world)
    return f"/children/{world.child.pk}/"


def _active(world: Any) -> str:
    _covered(world)
    return f"/cover/{world.key_worker.pk}/active/"


def _kw(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/cover/{world.key_worker.pk}/{suffix}"


def _fill_inactive(page: Any, world: Any) -> None:
    page.get_by_label("Long absence: sick leave").check()
    _press("Continue")(page, world)


CONTINGENCY_VISITS: list[dict[str, Any]] = [
    {"id": "cover-list-breach", "who": "manager", "path": lambda w: "/cover/", "expect": lambda w: "No cover named"},
    {"id": "cover-list", "who": "manager", "path": _cover_list, "expect": lambda w: "Change cover"},
    {"id": "cover-list-away", "who": "manager", "path": _cover_list_away, "expect": lambda w: "Away now"},
    {"id": "cover-set", "who": "manager", "path": _kw(), "expect": lambda w: "Who covers"},
    {
        "id": "cover-set-error",
        "who": "manager",
        "path": _kw(),
        "act": _press("Save the cover"),
        "error_summary": True,
        "expect": lambda w: "Select who covers",
    },
    {"id": "mark-inactive", "who": "manager", "path": _kw("inactive/"), "expect": lambda w: "inactive"},
    {
        "id": "mark-inactive-error",
        "who": "manager",
        "path": _kw("inactive/"),
        "act": _press("Continue"),
        "error_summary": True,
        "expect": lambda w: "Select why they are away",
    },
    {
        "id": "mark-inactive-check",
        "who": "manager",
        "path": _kw("inactive/"),
        "act": _fill_inactive,
        "expect": lambda w: "Check before you mark",
    },
    {
        "id": "children-covered-empty",
        "who": "manager",
        "path": lambda w: "/cover/children/",
        "expect": lambda w: "No child in your teams is being covered",
    },
    {
        "id": "children-covered",
        "who": "manager",
        "path": _children_covered,
        "expect": lambda w: "1 child being covered",
    },
    {"id": "child-covered-banner", "who": "manager", "path": _child_page, "expect": lambda w: "Key worker away"},
    {"id": "mark-active", "who": "manager", "path": _active, "expect": lambda w: "stay with their cover"},
]
