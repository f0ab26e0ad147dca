"""The page states of the handover pages (B6), for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _handover(world: Any, **fields: Any) -> Any:
    from joinedup.handovers.tests.factories import make_handover

    return make_handover(world.child, old=world.key_worker, new=world.team_member, **fields)


def _children(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/handovers/{suffix}"


def _one(suffix: str = "", **fields: Any) -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/handovers/{_handover(world, **fields).pk}/{suffix}"


def _read_one(suffix: str = "") -> Callable[[Any], str]:
    def path(world: Any) -> str:
        from django.utils import timezone

        handover = _handover(world, status="READ", read_by=world.team_member.user, read_at=timezone.now())
        return f"/children/{world.child.pk}/handovers/{handover.pk}/{suffix}"

    return path


def _with_handovers(world: Any) -> str:
    _handover(world, status="CANCELLED", cancel_reason="Staying after all")
    return _children()(world)


def _start_key_worker(world: Any) -> str:
    return f"/children/{world.child.pk}/handovers/new/?from={world.key_worker.pk}"


HANDOVER_VISITS: list[dict[str, Any]] = [
    {"id": "handovers-empty", "who": "key_worker", "path": _children(), "expect": lambda w: "No handovers yet"},
    {"id": "handovers", "who": "manager", "path": _with_handovers, "expect": lambda w: "Cancelled"},
    {
        "id": "handover-choose",
        "who": "manager",
        "path": _children("new/"),
        "expect": lambda w: "Whose work is being handed over",
    },
    {
        "id": "handover-start-key-worker",
        "who": "manager",
        "path": _start_key_worker,
        "expect": lambda w: "Suggested key workers",
    },
    {
        "id": "handover-start-error",
        "who": "manager",
        "path": _start_key_worker,
        "act": _press("Start the handover"),
        "error_summary": True,
        "expect": lambda w: "Enter why this person is right for the child",
    },
    {"id": "handover", "who": "manager", "path": _one(), "expect": lambda w: "Handover summary"},
    {
        "id": "handover-read",
        "who": "team_member",
        "path": _one("read/"),
        "expect": lambda w: "I have read the handover summary",
    },
    {
        "id": "handover-read-error",
        "who": "team_member",
        "path": _one("read/"),
        "act": _press("Confirm"),
        "error_summary": True,
        "expect": lambda w: "Confirm you have read the handover summary",
    },
    {
        "id": "handover-complete",
        "who": "key_worker",
        "path": _read_one("complete/"),
        "expect": lambda w: "Complete the handover",
    },
    {
        "id": "handover-complete-error",
        "who": "key_worker",
        "path": _one("complete/"),
        "act": _press("Complete the handover and tell everyone"),
        "error_summary": True,
        "expect": lambda w: "must confirm they have read the handover summary first",
    },
    {
        "id": "handover-cancel",
        "who": "manager",
        "path": _one("cancel/"),
        "expect": lambda w: "Are you sure you want to cancel this handover?",
    },
    {
        "id": "handover-cancel-error",
        "who": "manager",
        "path": _one("cancel/"),
        "act": _press("Yes, cancel the handover"),
        "error_summary": True,
        "expect": lambda w: "Enter why the handover is cancelled",
    },
]
