"""Letters and updates shared with the team (B5): what may be uploaded, and what a share needs.
Pure: no queries, no writes, no clock, no files opened (the caller reads the file's first bytes).

A file is accepted only when what it holds (its first bytes, its "magic number") and the end of its
name agree on one of the kinds in ``FileType``: a program renamed ``letter.pdf`` is refused, and
so is a photo renamed ``.pdf``. The signatures are checked here, not by a library.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from joinedup.core.rules import Violation
from joinedup.documents.choices import DocumentKind, FileType

SNIFF_BYTES = 8192  # how much of the start of a file the type check reads
ALLOWED = "a PDF, Word document (DOCX), JPG, PNG or text file"
_EXTENSIONS = {
    ".pdf": FileType.PDF,
    ".docx": FileType.DOCX,
    ".jpg": FileType.JPEG,
    ".jpeg": FileType.JPEG,
    ".png": FileType.PNG,
    ".txt": FileType.TEXT,
}
_SLASHES = ("/", "\\", "\u2215", "\u2044", "\u29f8", "\uff0f", "\uff3c")  # and the ones that look like them
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Upload:
    """What the rules need to know about an uploaded file: the name it came with, its size in bytes,
    its first ``SNIFF_BYTES`` bytes and, for a ZIP container (DOCX), the names of the parts inside."""

    name: str
    size: int
    head: bytes
    zip_names: frozenset[str] = frozenset()


def name_violations(name: str) -> list[Violation]:
    """B5-UPLOAD-NAME: a file name is a name, not a path. Refused: path separators (and characters
    that look like them), "..", a drive or stream colon, NUL and other control characters."""
    folded = unicodedata.normalize("NFKC", name)
    if (
        not name.strip()
        or any(s in name or s in folded for s in _SLASHES)
        or ".." in folded
        or ":" in folded
        or any(unicodedata.category(c) == "Cc" for c in name)
        or len(name) > 255
    ):
        message = (
            "The file name must not contain slashes, two dots together, colons or hidden characters: "
            "rename the file and select it again"
        )
        return [Violation("B5-UPLOAD-NAME", "file", message)]
    return []


def extension_type(name: str) -> FileType | None:
    """The kind of file the end of its name says it is."""
    dot = name.rfind(".")
    return _EXTENSIONS.get(name[dot:].lower()) if dot > 0 else None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    cuts = range(4) if len(head) >= SNIFF_BYTES else range(1)  # a sample may end part way through a character
    for cut in cuts:
        try:
            text = head[: len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return all(c in _TEXT_CONTROLS or unicodedata.category(c) != "Cc" for c in text)
    return False


def content_type(head: bytes, zip_names: Collection[str] = ()) -> FileType | None:
    """The kind of file its first bytes show it is, or None."""
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith(b"PK\x03\x04"):
        word = "word/document.xml" in zip_names and "[Content_Types].xml" in zip_names
        return FileType.DOCX if word else None
    if head and _is_text(head):
        return FileType.TEXT
    return None


def type_violations(upload: Upload) -> list[Violation]:
    """B5-UPLOAD-TYPE: the file is a PDF, DOCX, JPG, PNG or text file, by what it holds AND by the end
    of its name, and the two agree."""
    by_name = extension_type(upload.name)
    by_content = content_type(upload.head, upload.zip_names)
    if by_name is None or by_content != by_name:
        return [Violation("B5-UPLOAD-TYPE", "file", f"The selected file must be {ALLOWED}")]
    return []


def megabytes(size: int) -> str:
    """10485760 -> "10MB", as GOV.UK writes it."""
    return f"{size / (1024 * 1024):g}MB"


def size_violations(*, size: int, max_bytes: int) -> list[Violation]:
    """B5-UPLOAD-SIZE: a file is not empty and not larger than the limit (10MB unless set otherwise)."""
    if size <= 0:
        return [Violation("B5-UPLOAD-SIZE", "file", "The selected file is empty")]
    if size > max_bytes:
        return [Violation("B5-UPLOAD-SIZE", "file", f"The selected file must be smaller than {megabytes(max_bytes)}")]
    return []


def upload_violations(upload: Upload, *, max_bytes: int) -> list[Violation]:
    """Every check on an uploaded file, one message for the file field: the name first, as the
    type check reads the name too."""
    for check in (
        name_violations(upload.name),
        size_violations(size=upload.size, max_bytes=max_bytes),
        type_violations(upload),
    ):
        if check:
            return check
    return []


def content_violations(*, kind: str, title: str, text: str, has_file: bool) -> list[Violation]:
    """B5-SHARE-CONTENT: a share has a title; a written update has its text and no file; a letter or
    report has its file."""
    violations = []
    if not title.strip():
        violations.append(Violation("B5-SHARE-CONTENT", "title", "Enter a title"))
    if kind == DocumentKind.WRITTEN_UPDATE:
        if not text.strip():
            violations.append(Violation("B5-SHARE-CONTENT", "text", "Enter the update"))
        if has_file:
            message = "Remove the file, or choose what kind of letter or report it is"
            violations.append(Violation("B5-SHARE-CONTENT", "kind", message))
    elif not has_file:
        violations.append(Violation("B5-SHARE-CONTENT", "file", "Select a file"))
    return violations


def told_violations(*, told: int, outside_team_or_family: int) -> list[Violation]:
    """B5-SHARE-TOLD: at least one person is told, and only people in the child's team or family."""
    if outside_team_or_family:
        return [Violation("B5-SHARE-TOLD", "practitioners", "Choose people from the child's team and family only")]
    if told < 1:
        return [Violation("B5-SHARE-TOLD", "practitioners", "Select at least one person to tell")]
    return []


def display_name(name: str) -> str:
    """The name a file is shown and offered under: normalised, spaces tidied, at most 255 characters
    (keeping the end of the name, which says what kind of file it is)."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if len(cleaned) <= 255:
        return cleaned
    dot = cleaned.rfind(".")
    ext = cleaned[dot:] if dot > 0 and len(cleaned) - dot <= 10 else ""
    return cleaned[: 255 - len(ext)] + ext
