"""The page states of the disagreements and shared knowledge pages, for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from joinedup.disagreements.choices import DisagreementStatus
from joinedup.disagreements.models import Disagreement
from joinedup.disagreements.tests.factories import disagreement_for


def _child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/{suffix}"


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _logged(world: Any) -> Disagreement:
    from django.utils import timezone

    from joinedup.disagreements.rules import PartyInput
    from joinedup.disagreements.selectors import CHILD_KEY, practitioner_key
    from joinedup.disagreements.services import log_disagreement

    return log_disagreement(
        child=world.child,
        issue="Whether to start hydrotherapy",
        parties=[
            PartyInput(1, practitioner_key(world.team_member.pk), "Start hydrotherapy now"),
            PartyInput(2, CHILD_KEY, "Not to go swimming"),
        ],
        by=world.key_worker.user,
        now=timezone.now(),
    )


def _one(suffix: str = "", status: DisagreementStatus | None = None, resolved: bool = False) -> Callable[[Any], str]:
    def path(world: Any) -> str:
        from django.utils import timezone

        d = _logged(world)
        if status is not None:
            Disagreement.objects.filter(pk=d.pk).update(status=status)
        if resolved:
            Disagreement.objects.filter(pk=d.pk).update(
                status=DisagreementStatus.RESOLVED,
                resolution="Agreed to try one session",
                resolved_by=world.key_worker.user,
                resolved_at=timezone.now(),
            )
        return f"/children/{world.child.pk}/disagreements/{d.pk}/{suffix}"

    return path


def _list_with_two(world: Any) -> str:
    _one(resolved=True)(world)
    _logged(world)
    return _child("disagreements/")(world)


def _open_list(world: Any) -> str:
    disagreement_for(world.child, raised_by=world.key_worker.user)
    return "/disagreements/"


def _knowledge(world: Any) -> str:
    from django.utils import timezone

    from joinedup.disagreements.services import share_knowledge

    share_knowledge(
        child=world.child,
        category="SUPPORT_ORGANISATIONS",
        title="A charity for families of children with complex health needs",
        text="They run a helpline and family weekends.",
        link="https://example.org/families",
        tell_team=True,
        by=world.key_worker.user,
        now=timezone.now(),
    )
    return _child("knowledge/")(world)


DISAGREEMENT_VISITS: list[dict[str, Any]] = [
    {
        "id": "disagreements-empty",
        "who": "key_worker",
        "path": _child("disagreements/"),
        "expect": lambda w: "No disagreement has been logged",
    },
    {"id": "disagreements", "who": "key_worker", "path": _list_with_two, "expect": lambda w: "Disagreements (2)"},
    {
        "id": "disagreement-log",
        "who": "key_worker",
        "path": _child("disagreements/new/"),
        "expect": lambda w: "Party 1: who",
    },
    {
        "id": "disagreement-log-error",
        "who": "key_worker",
        "path": _child("disagreements/new/"),
        "act": _press("Log the disagreement"),
        "error_summary": True,
        "expect": lambda w: "Enter what the disagreement is about",
    },
    {"id": "disagreement-open", "who": "key_worker", "path": _one(), "expect": lambda w: "Escalate the disagreement"},
    {
        "id": "disagreement-resolved",
        "who": "key_worker",
        "path": _one(resolved=True),
        "expect": lambda w: "Resolved by",
    },
    {"id": "disagreement-escalate", "who": "key_worker", "path": _one("escalate/"), "expect": lambda w: "told at once"},
    {
        "id": "disagreement-escalate-error",
        "who": "key_worker",
        "path": _one("escalate/"),
        "act": _press("Escalate"),
        "error_summary": True,
        "expect": lambda w: "Enter why the disagreement could not be resolved at this level",
    },
    {
        "id": "disagreement-escalate-top",
        "who": "manager",
        "path": _one("escalate/", status=DisagreementStatus.OPERATIONS),
        "act": _press("Escalate"),
        "error_summary": True,
        "expect": lambda w: "the top of the ladder",
    },
    {
        "id": "disagreement-resolve",
        "who": "key_worker",
        "path": _one("resolve/"),
        "expect": lambda w: "How was the disagreement resolved",
    },
    {
        "id": "disagreement-resolve-error",
        "who": "key_worker",
        "path": _one("resolve/"),
        "act": _press("Record the resolution"),
        "error_summary": True,
        "expect": lambda w: "Enter how the disagreement was resolved",
    },
    {
        "id": "disagreement-resolve-refused",
        "who": "key_worker",
        "path": _one("resolve/", status=DisagreementStatus.TEAM_MANAGERS),
        "act": _press("Record the resolution"),
        "error_summary": True,
        "expect": lambda w: "only a team manager of the hub holding the case",
    },
    {
        "id": "open-disagreements-empty",
        "who": "manager",
        "path": lambda w: "/disagreements/",
        "expect": lambda w: "No disagreement is open",
    },
    {"id": "open-disagreements", "who": "manager", "path": _open_list, "expect": lambda w: "Open disagreements (1)"},
    {
        "id": "knowledge-empty",
        "who": "key_worker",
        "path": _child("knowledge/"),
        "expect": lambda w: "Nothing has been shared yet",
    },
    {"id": "knowledge", "who": "team_member", "path": _knowledge, "expect": lambda w: "A charity for families"},
    {
        "id": "knowledge-share",
        "who": "key_worker",
        "path": _child("knowledge/new/"),
        "expect": lambda w: "Tell the rest of the child's team",
    },
    {
        "id": "knowledge-share-error",
        "who": "key_worker",
        "path": _child("knowledge/new/"),
        "act": _press("Share"),
        "error_summary": True,
        "expect": lambda w: "Choose what kind of knowledge this is",
    },
]
