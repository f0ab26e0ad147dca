"""B5 sharing letters and updates: the told log, the inbox messages, the audit rows, the stored file."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.documents import services
from joinedup.documents.models import SharedDocument, Told
from joinedup.documents.storage import document_storage
from joinedup.documents.tests.factories import EXE, PDF, PNG
from joinedup.notifications.models import Notification
from joinedup.organisations.tests.factories import PractitionerFactory

pytestmark = pytest.mark.django_db


def _letter(name="clinic-letter.pdf", content=PDF):
    return ContentFile(content, name=name)


def _files():
    storage = document_storage()
    return set(storage.listdir("")[1]) if storage.exists("") else set()


def _share(world, *, file=None, file_name="", kind="HOSPITAL_LETTER", text="", **kw):
    args = {
        "child": world.child,
        "details": services.ShareDetails(kind=kind, title="Letter from the epilepsy clinic", text=text),
        "file": file,
        "file_name": file_name,
        "practitioners": [world.team_member],
        "carers": [world.parent.carer],
        "by": world.key_worker.user,
        "now": timezone.now(),
    }
    return services.share_document(**(args | kw))


def test_sharing_a_letter_stores_it_under_a_name_of_our_own_and_keeps_the_told_log(world):
    document = _share(world, file=_letter(), file_name="clinic-letter.pdf")

    assert document.original_name == "clinic-letter.pdf"
    assert document.stored_name.endswith(".pdf")
    assert "clinic" not in document.stored_name
    assert (document.content_type, document.size) == ("application/pdf", len(PDF))
    with document_storage().open(document.stored_name, "rb") as f:
        assert f.read() == PDF
    told = Told.objects.filter(document=document)
    assert sorted(told.values_list("user", flat=True)) == sorted([world.team_member.user.pk, world.parent.pk])
    assert all(t.told_at == document.shared_at and t.opened_at is None for t in told)


def test_sharing_tells_each_person_in_their_inbox_and_is_audited(world):
    document = _share(world, file=_letter(), file_name="clinic-letter.pdf")

    messages = Notification.objects.filter(subject="A letter has been shared with you")
    assert sorted(messages.values_list("recipient", flat=True)) == sorted([world.team_member.user.pk, world.parent.pk])
    staff = messages.get(recipient=world.team_member.user)
    assert staff.link == f"/children/{world.child.pk}/documents/{document.pk}/"
    assert world.child.given_name not in staff.body  # e-mailed: a local ID, not a name
    family = messages.get(recipient=world.parent)
    assert family.link == f"/family/children/{world.child.pk}/documents/{document.pk}/"
    event = AuditEvent.objects.get(subject_id=str(document.pk), action="CREATED")
    assert (event.what, event.changes["told"], event.user) == ("Shared a letter or report", 2, world.key_worker.user)


def test_a_written_update_has_no_file(world):
    document = _share(world, kind="WRITTEN_UPDATE", text="Started a new medicine this week.")
    assert (document.has_file, document.stored_name, document.text) == (False, "", "Started a new medicine this week.")
    assert Notification.objects.filter(subject="An update has been shared with you").count() == 2


def test_r_b5_share_told_only_the_team_and_family_and_at_least_one(world):
    outsider = PractitionerFactory(organisation=world.key_worker.organisation)
    for chosen in ([outsider], []):
        with pytest.raises(RuleViolations) as refused:
            _share(world, file=_letter(), file_name="a.pdf", practitioners=chosen, carers=[])
        assert [v.rule for v in refused.value.violations] == ["B5-SHARE-TOLD"]
    with pytest.raises(RuleViolations):  # someone who has left the team is no longer told
        _share(world, file=_letter(), file_name="a.pdf", practitioners=[world.ended_member], carers=[])
    assert SharedDocument.objects.count() == Told.objects.count() == Notification.objects.count() == 0


def test_the_person_sharing_is_not_told_their_own_letter(world):
    with pytest.raises(RuleViolations):
        _share(world, file=_letter(), file_name="a.pdf", practitioners=[world.key_worker], carers=[])


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        ("setup.exe", EXE, "B5-UPLOAD-TYPE"),
        ("scan.pdf", PNG, "B5-UPLOAD-TYPE"),
        ("..clinic.pdf", PDF, "B5-UPLOAD-NAME"),
        ("clinic.pdf", b"", "B5-UPLOAD-SIZE"),
    ],
)
def test_a_refused_upload_stores_nothing(world, name, content, rule):
    files_before = _files()
    with pytest.raises(RuleViolations) as refused:
        _share(world, file=_letter(name, content), file_name=name)
    assert [v.rule for v in refused.value.violations] == [rule]
    assert SharedDocument.objects.count() == Notification.objects.count() == 0
    assert _files() == files_before


def test_r_b5_upload_size_is_the_setting(world, settings):
    settings.JOINEDUP_DOCUMENT_MAX_BYTES = len(PDF) - 1
    with pytest.raises(RuleViolations) as refused:
        _share(world, file=_letter(), file_name="clinic.pdf")
    assert (
        refused.value.violations[0].message == f"The selected file must be smaller than {(len(PDF) - 1) / 1048576:g}MB"
    )


def test_opening_is_audited_each_time_and_the_first_open_is_kept(world):
    document = _share(world, file=_letter(), file_name="clinic-letter.pdf")
    first = timezone.now()
    services.open_document(document=document, by=world.team_member.user, now=first, what="Opened")
    services.open_document(document=document, by=world.team_member.user, now=timezone.now(), what="Opened")
    services.open_document(document=document, by=world.manager.user, now=timezone.now(), what="Opened")

    assert Told.objects.get(document=document, user=world.team_member.user).opened_at == first
    assert Told.objects.get(document=document, user=world.parent).opened_at is None
    assert not Told.objects.filter(document=document, user=world.manager.user).exists()  # not told: no row made
    assert AuditEvent.objects.filter(subject_id=str(document.pk), action="VIEWED").count() == 3
