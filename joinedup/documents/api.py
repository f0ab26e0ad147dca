"""API endpoints for letters and updates shared with a child's team (B5): list them with their told
logs, read one, and share a written update. Files are uploaded and downloaded through the pages."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from joinedup.access import policy
from joinedup.access.reads import open_child
from joinedup.accounts.models import User
from joinedup.api.auth import user_of
from joinedup.api.schemas import Error, PersonOut, ValidationErrors, person_out
from joinedup.core import clock
from joinedup.documents import selectors, services
from joinedup.documents.choices import DocumentKind
from joinedup.documents.models import SharedDocument

router = Router(tags=["documents"])

RESPONSES = {401: Error, 403: Error, 404: Error, 422: ValidationErrors}


class ToldOut(Schema):
    person: PersonOut
    told_at: datetime
    opened_at: datetime | None = Field(description="When they first opened it; null if they have not yet")


class DocumentOut(Schema):
    id: UUID
    child_id: UUID
    kind: str = Field(description="HOSPITAL_LETTER, CLINIC_LETTER, SCHOOL_REPORT, WRITTEN_UPDATE or OTHER")
    title: str
    text: str = Field(description="A written update's text, or a note about the letter")
    has_file: bool = Field(description="A letter or report with a file: download it from the page")
    file_name: str = Field(description="The file's name as it was uploaded; empty for a written update")
    content_type: str = Field(description="The file's type, checked from what it holds; empty for an update")
    size: int | None = Field(description="The file's size in bytes")
    shared_by: PersonOut
    shared_at: datetime
    told: list[ToldOut] = Field(description="Who was told, when, and when they first opened it")


class UpdateIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=20000)
    practitioner_ids: list[UUID] = Field(default_factory=list, description="Current members of the child's team")
    carer_ids: list[UUID] = Field(default_factory=list, description="The child's parents and carers with accounts")


def document_out(d: SharedDocument) -> DocumentOut:
    return DocumentOut(
        id=d.pk,
        child_id=d.child_id,
        kind=d.kind,
        title=d.title,
        text=d.text,
        has_file=d.has_file,
        file_name=d.original_name,
        content_type=d.content_type,
        size=d.size,
        shared_by=person_out(d.shared_by),
        shared_at=d.shared_at,
        told=[ToldOut(person=person_out(t.user), told_at=t.told_at, opened_at=t.opened_at) for t in d.told.all()],
    )


@router.get(
    "/children/{child_id}/documents/",
    response={200: list[DocumentOut], **RESPONSES},
    operation_id="listChildDocuments",
    summary="The letters and updates shared with the child's team, newest first, each with its told log",
    description="For the child's current team and the managers of the case; others who see the child get 403, "
    "and a practitioner who has left the team 404. The read is audited (G3).",
)
def list_documents(request: HttpRequest, child_id: UUID) -> list[DocumentOut]:
    child = open_child(
        user_of(request), child_id, what="Opened the letters and updates through the API", may=policy.can_read_documents
    )
    return [document_out(d) for d in selectors.documents_of(child)]


@router.get(
    "/children/{child_id}/documents/{document_id}/",
    response={200: DocumentOut, **RESPONSES},
    operation_id="getChildDocument",
    summary="One shared letter or update, with who was told and when they opened it",
    description="Reading a written update here counts as opening it in the told log. The read is audited (G3).",
)
def get_document(request: HttpRequest, child_id: UUID, document_id: UUID) -> DocumentOut:
    user = user_of(request)
    document = _document(user, child_id, document_id)
    what = "Opened a letter's details through the API" if document.has_file else "Read a written update through the API"
    services.open_document(document=document, by=user, now=clock.now(), what=what)
    return document_out(_document(user, child_id, document_id))


def _document(user: User, child_id: UUID, document_id: UUID) -> SharedDocument:
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_read_documents(user, child):
        raise PermissionDenied
    document = selectors.document_of(child, document_id)
    if document is None:
        raise Http404("No document found")
    return document


@router.post(
    "/children/{child_id}/documents/",
    response={201: DocumentOut, **RESPONSES},
    operation_id="shareWrittenUpdate",
    summary="Share a written update with people in the child's team and family (B5-SHARE-CONTENT, B5-SHARE-TOLD)",
    description="For members of the child's team and managers of the case; others who can see the child get 403. "
    "Each person chosen is told in their inbox and appears in the told log.",
)
def share_update(request: HttpRequest, child_id: UUID, payload: UpdateIn) -> Status[DocumentOut]:
    user = user_of(request)
    child = policy.get_child_or_404(user, child_id)
    if not policy.can_share_documents(user, child):
        raise PermissionDenied
    practitioners = list(selectors.team_practitioners(child).filter(pk__in=payload.practitioner_ids))
    carers = list(selectors.family_carers(child).filter(pk__in=payload.carer_ids))
    unknown = len(set(payload.practitioner_ids)) - len(practitioners) + len(set(payload.carer_ids)) - len(carers)
    document = services.share_document(
        child=child,
        details=services.ShareDetails(kind=DocumentKind.WRITTEN_UPDATE, title=payload.title, text=payload.text),
        file=None,
        practitioners=practitioners,
        carers=carers,
        unknown_people=unknown,
        by=user,
        now=clock.now(),
    )
    return Status(201, document_out(_document(user, child_id, document.pk)))
