"""The page states of the moving area pages (B8), for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _move_home(world: Any) -> str:
    return f"/children/{world.child.pk}/move/"


def _planned(suffix: str = "") -> Callable[[Any], str]:
    def path(world: Any) -> str:
        from joinedup.moves.tests.factories import ChildMoveFactory, named_contact

        move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user)
        named_contact(move)
        named_contact(move, kind="EQUIPMENT", name="Wheelchair Services", email="wheels@nhs.example")
        return f"/children/{world.child.pk}/move/{move.pk}/{suffix}"

    return path


def _sent(suffix: str = "") -> Callable[[Any], str]:
    def path(world: Any) -> str:
        from joinedup.moves.tests.factories import sent_move

        move = sent_move(world.child, planned_by=world.key_worker.user)
        return f"/children/{world.child.pk}/move/{move.pk}/{suffix}"

    return path


def _in_joinedup_contact(world: Any) -> str:
    from joinedup.moves.tests.factories import ChildMoveFactory

    area = world.other_area_practitioner.organisation.area
    move = ChildMoveFactory(child=world.child, planned_by=world.key_worker.user, to_area=area, to_area_name="")
    return f"/children/{world.child.pk}/move/{move.pk}/contacts/"


def _received(world: Any) -> str:
    from django.utils import timezone

    from joinedup.moves.models import MoveContact
    from joinedup.moves.tests.factories import sent_move

    newcomer = world.other_area_practitioner
    move = sent_move(world.child, planned_by=world.key_worker.user, to_area=newcomer.organisation.area, to_area_name="")
    MoveContact.objects.create(
        move=move,
        kind="NEW_AREA",
        practitioner=newcomer,
        added_by=world.key_worker.user,
        added_at=timezone.now(),
        told_at=timezone.now(),
    )
    return f"/moves/{move.pk}/pack/"


def _family_copy(world: Any) -> str:
    from joinedup.moves.tests.factories import sent_move

    move = sent_move(world.child, planned_by=world.key_worker.user)
    return f"/family/children/{world.child.pk}/move/{move.pk}/pack/"


MOVE_VISITS: list[dict[str, Any]] = [
    {"id": "move-plan", "who": "key_worker", "path": _move_home, "expect": lambda w: "Record the move"},
    {
        "id": "move-plan-error",
        "who": "key_worker",
        "path": _move_home,
        "act": _press("Record the move"),
        "error_summary": True,
        "expect": lambda w: "Enter when the family expects to move",
    },
    {"id": "move-none", "who": "team_member", "path": _move_home, "expect": lambda w: "No move is planned"},
    {
        "id": "move",
        "who": "key_worker",
        "path": lambda w: _planned()(w).rsplit("/", 2)[0] + "/",
        "expect": lambda w: "Practitioners in the new area",
    },
    {
        "id": "move-contact",
        "who": "key_worker",
        "path": _planned("contacts/"),
        "expect": lambda w: "Add someone to tell about the move",
    },
    {
        "id": "move-contact-error",
        "who": "key_worker",
        "path": _planned("contacts/"),
        "act": _press("Add"),
        "error_summary": True,
        "expect": lambda w: "Select who this is",
    },
    {
        "id": "move-send",
        "who": "key_worker",
        "path": _planned("send/"),
        "expect": lambda w: "Send the information pack and tell everyone",
    },
    {"id": "move-pack-preview", "who": "team_member", "path": _planned("pack/"), "expect": lambda w: "Not sent yet"},
    {"id": "move-pack", "who": "key_worker", "path": _sent("pack/"), "expect": lambda w: "Current plans"},
    {"id": "move-complete", "who": "manager", "path": _sent("complete/"), "expect": lambda w: "Complete the move"},
    {
        "id": "move-complete-error",
        "who": "manager",
        "path": _sent("complete/"),
        "act": _press("Yes, complete the move"),
        "error_summary": True,
        "expect": lambda w: "Enter the reason",
    },
    {"id": "move-family-copy", "who": "parent", "path": _family_copy, "expect": lambda w: "The move"},
    {
        "id": "move-contact-in-joinedup",
        "who": "key_worker",
        "path": _in_joinedup_contact,
        "expect": lambda w: "Practitioner in the new area",
    },
    {"id": "move-received-pack", "who": "other_area", "path": _received, "expect": lambda w: "The move"},
]
