"""Every change to shared letters and updates (B5): share one and tell people; record who opened it.

Sharing checks the rules, stores the row, writes the told log, tells each person
(``notifications.notify``) and writes its audit event in one transaction; the file is written to the
documents storage last, so a share refused or failed before then leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse

from joinedup.accounts.models import User
from joinedup.audit import services as audit
from joinedup.audit.choices import AuditAction
from joinedup.core.rules import RuleViolations
from joinedup.documents import rules
from joinedup.documents.choices import DocumentKind
from joinedup.documents.models import SharedDocument, Told
from joinedup.documents.storage import document_storage, inspect, new_stored_name
from joinedup.notifications.services import notify
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.teams.models import TeamMembership


@dataclass(frozen=True)
class ShareDetails:
    kind: str
    title: str
    text: str


def _people_told(
    child: Child, practitioners: Sequence[Practitioner], carers: Sequence[Carer], by: User
) -> tuple[list[User], int]:
    """The users to tell (never the person sharing) and how many chosen are outside the team or family."""
    in_team = set(TeamMembership.objects.current().filter(child=child).values_list("practitioner_id", flat=True))
    linked = set(child.carer_links.filter(carer__user__isnull=False).values_list("carer_id", flat=True))
    outside = sum(p.pk not in in_team for p in practitioners) + sum(c.pk not in linked for c in carers)
    users = {p.user_id: p.user for p in practitioners} | {c.user_id: c.user for c in carers if c.user is not None}
    return [u for pk, u in users.items() if pk != by.pk], outside


@transaction.atomic
def share_document(
    *,
    child: Child,
    details: ShareDetails,
    file: File | None,  # type: ignore[type-arg]  # stubs' generic default
    file_name: str = "",
    practitioners: Sequence[Practitioner],
    carers: Sequence[Carer],
    unknown_people: int = 0,
    by: User,
    now: datetime,
) -> SharedDocument:
    """Share a letter or report (``file``, uploaded as ``file_name``) or a written update with the
    people chosen from the child's team and family, tell each of them, and keep the told log.
    ``unknown_people``: how many people asked for (by the API) are not in the team or family."""
    upload = inspect(file, name=file_name) if file is not None else None
    users, outside = _people_told(child, practitioners, carers, by)
    violations = [
        *rules.content_violations(
            kind=details.kind, title=details.title, text=details.text, has_file=upload is not None
        ),
        *(rules.upload_violations(upload, max_bytes=settings.JOINEDUP_DOCUMENT_MAX_BYTES) if upload else []),
        *rules.told_violations(told=len(users), outside_team_or_family=outside + unknown_people),
    ]
    if violations:
        raise RuleViolations(violations)
    file_type = rules.content_type(upload.head, upload.zip_names) if upload is not None else None
    document = SharedDocument.objects.create(
        child=child,
        kind=details.kind,
        title=details.title.strip(),
        text=details.text.strip(),
        stored_name=new_stored_name(file_type) if file_type else "",
        original_name=rules.display_name(upload.name) if upload else "",
        content_type=file_type or "",
        size=upload.size if upload else None,
        shared_by=by,
        shared_at=now,
    )
    Told.objects.bulk_create([Told(document=document, user=u, told_at=now) for u in users])
    what = "Shared a written update" if file_type is None else "Shared a letter or report"
    audit.record(
        action=AuditAction.CREATED,
        by=by,
        at=now,
        child=child,
        subject=document,
        what=what,
        changes={"told": len(users), "kind": details.kind},
    )
    _tell(document, users=users, now=now)
    if file is not None:
        saved = document_storage().save(document.stored_name, file)
        if saved != document.stored_name:  # a fresh UUID never collides; if it did, keep the row honest
            raise RuntimeError("The stored file name was taken")
    return document


def _tell(document: SharedDocument, *, users: list[User], now: datetime) -> None:
    child = document.child
    label = DocumentKind(document.kind).label.lower()
    staff = [u for u in users if not u.is_family]
    family = [u for u in users if u.is_family]
    subject = "An update has been shared with you" if not document.has_file else "A letter has been shared with you"
    body = f"A {label} about child {child.local_id} has been shared with you."
    link = reverse("documents:document-detail", args=[child.pk, document.pk])
    notify(recipients=staff, subject=subject, body=body, link=link, child=child, now=now)
    family_link = reverse("documents:family-document", args=[child.pk, document.pk])
    notify(recipients=family, subject=subject, body=f"A {label} has been shared with you.", link=family_link, now=now)


@transaction.atomic
def open_document(*, document: SharedDocument, by: User, now: datetime, what: str) -> None:
    """Record that ``by`` opened a shared letter or update (an audited read, G3) and, the first time,
    when they opened it in the told log."""
    audit.record(action=AuditAction.VIEWED, by=by, at=now, child=document.child, subject=document, what=what)
    Told.objects.filter(document=document, user=by, opened_at__isnull=True).update(opened_at=now)
