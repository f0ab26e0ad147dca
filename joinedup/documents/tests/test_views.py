"""B5 letters and updates pages: share, list, read, download; errors keep input; who may open what."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.documents.models import SharedDocument, Told
from joinedup.documents.tests.factories import EXE, PDF, PNG, make_document
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.teams.models import TeamMembership
from joinedup.teams.services import end_team_member
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _page(response):
    return html.unescape(response.content.decode())


def _form(world, **changes):
    return {
        "kind": "HOSPITAL_LETTER",
        "title": "Letter from the epilepsy clinic",
        "text": "Please read before Monday's meeting",
        "practitioners": [str(world.team_member.pk)],
        "carers": [str(world.parent.carer.pk)],
        **changes,
    }


def _url(name, world, document=None):
    args = [world.child.pk] + ([document.pk] if document else [])
    return reverse(f"documents:{name}", args=args)


def test_sharing_a_letter_tells_people_and_shows_the_told_log(client, world):
    client.force_login(world.key_worker.user)
    upload = SimpleUploadedFile("clinic-letter.pdf", PDF, content_type="application/pdf")

    response = client.post(_url("document-share", world), _form(world, file=upload))

    document = SharedDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("document-detail", world, document)
    page = _page(client.get(response["Location"]))
    assert "Shared. Everyone you chose has been told." in page
    assert "Who was told" in page
    assert world.team_member.full_name in page
    assert world.parent.carer.full_name in page
    assert "Not opened yet" in page
    assert "Download clinic-letter.pdf" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", EXE, "The selected file must be a PDF, Word document (DOCX), JPG, PNG or text file"),
        ("scan.pdf", PNG, "The selected file must be a PDF, Word document (DOCX), JPG, PNG or text file"),
        ("..\uff0f..\uff0fpasswd.pdf", PDF, "The file name must not contain slashes"),  # fullwidth slashes reach us
        ("clinic:letter.pdf", PDF, "The file name must not contain slashes"),
        ("..clinic.pdf", PDF, "The file name must not contain slashes"),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_a_refused_upload_says_why_and_keeps_everything_else(client, world, name, content, message):
    client.force_login(world.key_worker.user)
    upload = SimpleUploadedFile(name, content)

    response = client.post(_url("document-share", world), _form(world, file=upload))

    page = _page(response)
    assert response.status_code == 200
    assert page.count(message) == 2  # in the error summary, and at the file field
    assert 'value="Letter from the epilepsy clinic"' in page
    assert "Please read before Monday's meeting" in page
    assert f'value="{world.team_member.pk}" checked' in page
    assert f'value="{world.parent.carer.pk}" checked' in page
    assert 'value="HOSPITAL_LETTER" checked' in page
    assert SharedDocument.objects.count() == 0


def test_too_large_a_file_is_refused(client, world, settings):
    settings.JOINEDUP_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world.key_worker.user)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))

    page = _page(client.post(_url("document-share", world), _form(world, file=upload)))

    assert "The selected file must be smaller than 1MB" in page
    assert SharedDocument.objects.count() == 0


def test_django_drops_the_folders_a_browser_sends_so_only_the_name_is_kept(client, world):
    """Django's upload parser keeps only the last part of a path; whatever is left is checked by the rules."""
    client.force_login(world.key_worker.user)
    upload = SimpleUploadedFile("../../letters/clinic-letter.pdf", PDF)

    client.post(_url("document-share", world), _form(world, file=upload))

    assert SharedDocument.objects.get().original_name == "clinic-letter.pdf"


def test_nothing_chosen_shows_every_error_at_once(client, world):
    client.force_login(world.key_worker.user)

    page = _page(client.post(_url("document-share", world), _form(world, title="", practitioners=[], carers=[])))

    for message in ("Enter a title", "Select a file", "Select at least one person to tell"):
        assert message in page
    assert "Please read before Monday's meeting" in page


def test_a_written_update_is_read_on_its_page_which_counts_as_opening_it(client, world):
    client.force_login(world.key_worker.user)
    client.post(
        _url("document-share", world),
        _form(world, kind="WRITTEN_UPDATE", title="After the clinic", text="New medicine from Monday"),
    )
    document = SharedDocument.objects.get()
    client.force_login(world.team_member.user)

    page = _page(client.get(_url("document-detail", world, document)))

    assert "New medicine from Monday" in page
    assert Told.objects.get(document=document, user=world.team_member.user).opened_at is not None
    assert client.get(_url("document-file", world, document)).status_code == 404  # an update has no file


def test_the_file_is_a_download_of_the_checked_type_and_marks_it_opened(client, world):
    document = make_document(world.child, by=world.key_worker.user, told=[world.team_member.user])
    client.force_login(world.team_member.user)

    response = client.get(_url("document-file", world, document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="clinic-letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert Told.objects.get(document=document).opened_at is not None
    event = AuditEvent.objects.filter(child=world.child, action="VIEWED").latest("at")
    assert (event.subject_id, event.what) == (str(document.pk), "Opened a shared letter or report")


def test_a_practitioner_who_has_left_the_team_can_no_longer_open_its_letters(client, world):
    """No persona: a nurse told about a letter, who then leaves the child's team."""
    nurse = PractitionerFactory(organisation=world.team_member.organisation)
    membership = TeamMembershipFactory(child=world.child, practitioner=nurse, added_by=world.manager.user)
    document = make_document(world.child, by=world.key_worker.user, told=[nurse.user])
    client.force_login(nurse.user)
    urls = [
        _url("document-list", world),
        _url("document-detail", world, document),
        _url("document-file", world, document),
    ]
    responses = [client.get(u) for u in urls]
    assert [r.status_code for r in responses] == [200, 200, 200]
    b"".join(responses[-1].streaming_content)  # read the streamed file to the end, which closes it

    today = timezone.localdate()
    end_team_member(
        membership=TeamMembership.objects.get(pk=membership.pk),
        end_date=today,
        reason="Moved to another trust",
        by=world.manager.user,
        now=timezone.now(),
        today=today,
    )
    before = AuditEvent.objects.filter(child=world.child).count()

    assert [client.get(u).status_code for u in [*urls, _url("document-share", world)]] == [404] * 4
    assert AuditEvent.objects.filter(child=world.child).count() == before  # a refusal reads nothing


def test_a_document_of_another_child_is_404(client, world):
    TeamMembershipFactory(child=world.other_child, practitioner=world.key_worker, added_by=world.manager.user)
    other = make_document(world.other_child, by=world.key_worker.user)
    client.force_login(world.key_worker.user)
    wrong = reverse("documents:document-detail", args=[world.child.pk, other.pk])
    assert client.get(wrong).status_code == 404


def test_a_parent_sees_only_what_they_were_told_in_the_family_view(client, world):
    told = make_document(world.child, by=world.key_worker.user, told=[world.parent], title="Told to the family")
    untold = make_document(world.child, by=world.key_worker.user, title="Only for the team")
    client.force_login(world.parent)

    page = _page(client.get(reverse("portal:child", args=[world.child.pk])))

    assert "Told to the family" in page
    assert "Only for the team" not in page
    family = "documents:family-document"
    assert client.get(reverse(family, args=[world.child.pk, told.pk])).status_code == 200
    assert client.get(reverse(family, args=[world.child.pk, untold.pk])).status_code == 404
    response = client.get(reverse("documents:family-document-file", args=[world.child.pk, told.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert Told.objects.get(document=told).opened_at is not None
    client.force_login(world.young_person)  # the young person was not told
    assert client.get(reverse(family, args=[world.child.pk, told.pk])).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_query_count_does_not_grow_with_documents_or_people_told(client, world):
    client.force_login(world.key_worker.user)
    url = _url("document-list", world)
    make_document(world.child, by=world.key_worker.user, told=[world.team_member.user, world.parent])
    few = _queries(client, url)
    for _ in range(5):
        extra = [TeamMembershipFactory(child=world.child, added_by=world.manager.user).practitioner.user]
        make_document(world.child, by=world.team_member.user, told=[world.team_member.user, world.parent, *extra])
    assert _queries(client, url) == few
