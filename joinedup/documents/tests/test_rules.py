"""The rules for shared letters and updates (B5), each test named after its ID. No database."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from joinedup.documents import rules
from joinedup.documents.choices import FileType
from joinedup.documents.storage import inspect
from joinedup.documents.tests.factories import EXE, JPEG, PDF, PNG, TEXT, docx, zip_of_anything

MB = 1024 * 1024


def _upload(name: str, content: bytes) -> rules.Upload:
    """What the service passes the rules: the first bytes, and a ZIP's part names (read, not unpacked)."""
    return inspect(ContentFile(content), name=name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("clinic-letter.pdf", PDF),
        ("CLINIC LETTER.PDF", PDF),
        ("scan.png", PNG),
        ("photo.jpg", JPEG),
        ("photo.jpeg", JPEG),
        ("notes.txt", TEXT),
        ("notes.txt", "Café, naïve: Zoë\u2019s letter\n".encode()),
        ("report.docx", docx()),
    ],
)
def test_r_b5_upload_type_accepts_what_it_says_it_is(name, content):
    assert rules.type_violations(_upload(name, content)) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", EXE),  # not a kind we take at all
        ("letter.pdf", EXE),  # a program renamed .pdf
        ("letter.pdf", PNG),  # a photo renamed .pdf: content and name disagree
        ("scan.png", PDF),
        ("report.docx", zip_of_anything()),  # a ZIP that is not a Word document
        ("report.docx", PDF),
        ("notes.txt", b"\x00\x01binary"),
        ("letter", PDF),  # no extension
        ("letter.pdf.exe", PDF),
        ("letter.html", b"<html><script>alert(1)</script></html>"),
        ("empty.pdf", b""),
    ],
)
def test_r_b5_upload_type_refuses_other_kinds_and_disguised_files(name, content):
    [v] = rules.type_violations(_upload(name, content))
    assert (v.rule, v.field) == ("B5-UPLOAD-TYPE", "file")
    assert v.message == "The selected file must be a PDF, Word document (DOCX), JPG, PNG or text file"


def test_r_b5_upload_type_reads_the_content_not_the_name():
    assert rules.content_type(PNG) == FileType.PNG
    assert rules.content_type(EXE) is None
    assert rules.content_type("ä".encode()[:1]) is None  # a lone broken character is not text
    cut = (b"Long text " * 1000)[: rules.SNIFF_BYTES - 1] + "é".encode()[:1]
    assert rules.content_type(cut) == FileType.TEXT  # the sample was cut part way through a character


@pytest.mark.parametrize(
    ("size", "message"),
    [(0, "The selected file is empty"), (10 * MB + 1, "The selected file must be smaller than 10MB")],
)
def test_r_b5_upload_size_refuses_empty_and_too_large(size, message):
    assert rules.size_violations(size=size, max_bytes=10 * MB) == [rules.Violation("B5-UPLOAD-SIZE", "file", message)]


@pytest.mark.parametrize("size", [1, 10 * MB])
def test_r_b5_upload_size_accepts_up_to_the_limit(size):
    assert rules.size_violations(size=size, max_bytes=10 * MB) == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\boot.ini.pdf",
        "letters/clinic.pdf",
        "C:\\letters\\clinic.pdf",
        "clinic:stream.pdf",
        "..pdf",
        "clinic\x00.pdf",
        "clinic\n.pdf",
        "clinic\x1b[31m.pdf",
        "..\uff0f..\uff0fpasswd.pdf",  # fullwidth slashes, which NFKC turns into "/"
        "clinic\u2215letter.pdf",  # a division slash that looks like one
        "",
        "   ",
        "a" * 252 + ".pdf",
    ],
)
def test_r_b5_upload_name_refuses_paths_and_hidden_characters(name):
    [v] = rules.name_violations(name)
    assert (v.rule, v.field) == ("B5-UPLOAD-NAME", "file")
    assert "rename the file and select it again" in v.message


@pytest.mark.parametrize("name", ["clinic-letter.pdf", "Zoë's letter (March).pdf", "scan 2027.03.01.png"])
def test_r_b5_upload_name_accepts_ordinary_names(name):
    assert rules.name_violations(name) == []


def test_r_b5_upload_checks_the_name_before_the_type_and_gives_one_message():
    upload = rules.Upload(name="../letter.pdf", size=len(EXE), head=EXE)
    assert [v.rule for v in rules.upload_violations(upload, max_bytes=10 * MB)] == ["B5-UPLOAD-NAME"]
    big = rules.Upload(name="letter.pdf", size=11 * MB, head=EXE)
    assert [v.rule for v in rules.upload_violations(big, max_bytes=10 * MB)] == ["B5-UPLOAD-SIZE"]


def test_r_b5_share_content():
    def rules_of(**kw):
        return [(v.rule, v.field) for v in rules.content_violations(**kw)]

    assert rules_of(kind="HOSPITAL_LETTER", title="Clinic letter", text="", has_file=True) == []
    assert rules_of(kind="WRITTEN_UPDATE", title="Update", text="Better week", has_file=False) == []
    assert rules_of(kind="HOSPITAL_LETTER", title=" ", text="", has_file=False) == [
        ("B5-SHARE-CONTENT", "title"),
        ("B5-SHARE-CONTENT", "file"),
    ]
    assert rules_of(kind="WRITTEN_UPDATE", title="Update", text="  ", has_file=True) == [
        ("B5-SHARE-CONTENT", "text"),
        ("B5-SHARE-CONTENT", "kind"),
    ]


def test_r_b5_share_told():
    assert rules.told_violations(told=1, outside_team_or_family=0) == []
    [none] = rules.told_violations(told=0, outside_team_or_family=0)
    assert (none.rule, none.field, none.message) == (
        "B5-SHARE-TOLD",
        "practitioners",
        "Select at least one person to tell",
    )
    [outside] = rules.told_violations(told=2, outside_team_or_family=1)
    assert outside.message == "Choose people from the child's team and family only"


def test_display_name_is_tidied_and_keeps_its_extension():
    assert rules.display_name("  clinic   letter.pdf ") == "clinic letter.pdf"
    long = rules.display_name("a" * 300 + ".pdf")
    assert len(long) == 255
    assert long.endswith(".pdf")
