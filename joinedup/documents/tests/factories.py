"""Factories for shared letters and updates: synthetic data only."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from joinedup.documents.choices import DocumentKind, FileType
from joinedup.documents.models import SharedDocument, Told
from joinedup.documents.storage import document_storage, new_stored_name
from joinedup.teams.models import TeamMembership

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
TEXT = b"Seen in clinic today. Seizures are better controlled.\n"


def docx() -> bytes:
    """A minimal Word document: a ZIP holding the parts a DOCX has."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def zip_of_anything() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("payload.bin", "x")
    return out.getvalue()


def make_document(
    child: Any, *, by: Any, told: tuple[Any, ...] | list[Any] = (), text: str = "", **fields: Any
) -> SharedDocument:
    """A shared letter (a PDF, stored) unless ``kind`` is WRITTEN_UPDATE; ``told``: the users told."""
    now = timezone.now()
    kind = fields.pop("kind", DocumentKind.HOSPITAL_LETTER)
    values: dict[str, Any] = {"title": "Letter from the epilepsy clinic", "text": text}
    if kind == DocumentKind.WRITTEN_UPDATE:
        values["text"] = text or "Started a new medicine this week."
    else:
        stored = new_stored_name(FileType.PDF)
        document_storage().save(stored, ContentFile(PDF))
        values |= {
            "stored_name": stored,
            "original_name": "clinic-letter.pdf",
            "content_type": FileType.PDF,
            "size": len(PDF),
        }
    document = SharedDocument.objects.create(child=child, kind=kind, shared_by=by, shared_at=now, **(values | fields))
    Told.objects.bulk_create([Told(document=document, user=u, told_at=now) for u in told])
    return document


def document_route_kwargs(route: str, child: Any) -> dict[str, Any]:
    """The document id a documents route needs besides the child's: one letter per child, reused, told
    to the child's current team and its parents and carers with an account."""
    if route in ("documents:document-list", "documents:document-share"):
        return {}
    document = SharedDocument.objects.filter(child=child).first()
    if document is None:
        member = TeamMembership.objects.current().filter(child=child).select_related("practitioner__user").first()
        by = member.practitioner.user if member is not None else None
        family = [link.carer.user for link in child.carer_links.select_related("carer__user") if link.carer.user]
        team = [m.practitioner.user for m in TeamMembership.objects.current().filter(child=child)]
        document = make_document(child, by=by or family[0], told=[u for u in team + family if u != by])
    return {"document_id": document.pk}
