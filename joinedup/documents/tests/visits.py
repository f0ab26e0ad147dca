"""The page states of the letters and updates pages (B5), for the axe visits in
tests/browser/test_accessibility.py (each a dict of ``Visit`` fields)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _child(suffix: str = "") -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/documents/{suffix}"


def _press(button: str) -> Callable[[Any, Any], None]:
    def act(page: Any, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return act


def _letter(world: Any, **fields: Any) -> Any:
    from joinedup.documents.tests.factories import make_document

    return make_document(world.child, by=world.key_worker.user, told=[world.team_member.user, world.parent], **fields)


def _with_documents(world: Any) -> str:
    _letter(world)
    _letter(world, kind="WRITTEN_UPDATE", title="After the clinic", text="New medicine from Monday")
    return _child()(world)


def _one(**fields: Any) -> Callable[[Any], str]:
    return lambda world: f"/children/{world.child.pk}/documents/{_letter(world, **fields).pk}/"


def _family(world: Any) -> str:
    return f"/family/children/{world.child.pk}/documents/{_letter(world).pk}/"


def _upload_a_program(page: Any, world: Any) -> None:
    page.get_by_label("Hospital letter").check()
    page.get_by_label("Title").fill("Letter from the epilepsy clinic")
    page.get_by_label("Upload the letter or report (not needed for a written update)").set_input_files(
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 a program"}]
    )
    _press("Share and tell them")(page, world)


DOCUMENT_VISITS: list[dict[str, Any]] = [
    {"id": "documents-empty", "who": "key_worker", "path": _child(), "expect": lambda w: "Nothing has been shared yet"},
    {"id": "documents", "who": "team_member", "path": _with_documents, "expect": lambda w: "After the clinic"},
    {
        "id": "document-share",
        "who": "key_worker",
        "path": _child("new/"),
        "expect": lambda w: "Share a letter or update",
    },
    {
        "id": "document-share-error",
        "who": "key_worker",
        "path": _child("new/"),
        "act": _press("Share and tell them"),
        "error_summary": True,
        "expect": lambda w: "Select what you are sharing",
    },
    {
        "id": "document-share-wrong-type",
        "who": "key_worker",
        "path": _child("new/"),
        "act": _upload_a_program,
        "error_summary": True,
        "expect": lambda w: "Select at least one person to tell",
    },
    {"id": "document-letter", "who": "team_member", "path": _one(), "expect": lambda w: "Download clinic-letter.pdf"},
    {
        "id": "document-update",
        "who": "manager",
        "path": _one(kind="WRITTEN_UPDATE", text="New medicine from Monday"),
        "expect": lambda w: "New medicine from Monday",
    },
    {"id": "family-document", "who": "parent", "path": _family, "expect": lambda w: "Shared with you"},
]
