"""Where shared letters are kept: a folder of their own outside the web root, with no URL.

Files are named by joinedup (a random UUID and the kind's extension), never by the user's computer,
and are served only by the documents views, through the access policy.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage

from joinedup.documents import rules
from joinedup.documents.choices import FileType

_SUFFIX = {
    FileType.PDF: ".pdf",
    FileType.DOCX: ".docx",
    FileType.JPEG: ".jpg",
    FileType.PNG: ".png",
    FileType.TEXT: ".txt",
}


class DocumentStorage(FileSystemStorage):
    """``JOINEDUP_DOCUMENTS_ROOT``; ``url`` is refused: nothing here is reachable by a URL."""

    def __init__(self) -> None:
        super().__init__(
            location=Path(settings.JOINEDUP_DOCUMENTS_ROOT),
            file_permissions_mode=0o600,
            directory_permissions_mode=0o700,
        )

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Shared letters have no URL: serve them through the documents views")


def document_storage() -> DocumentStorage:
    """The storage, read from settings each time (tests point it at a folder of their own)."""
    return DocumentStorage()


def new_stored_name(file_type: str) -> str:
    return f"{uuid4().hex}{_SUFFIX[FileType(file_type)]}"


def inspect(content: File, *, name: str) -> rules.Upload:  # type: ignore[type-arg]  # stubs' generic default
    """What the rules check of an uploaded file: its name, size, first bytes, and the names of the
    parts inside a ZIP container (a DOCX is one), read from the ZIP's directory; nothing is unpacked."""
    content.seek(0)
    head = content.read(rules.SNIFF_BYTES)
    zip_names: frozenset[str] = frozenset()
    if head.startswith(b"PK\x03\x04"):
        content.seek(0)
        try:
            with zipfile.ZipFile(content) as archive:
                zip_names = frozenset(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            zip_names = frozenset()
    content.seek(0)
    return rules.Upload(name=name, size=content.size or 0, head=head, zip_names=zip_names)
