"""C12 recording a consultation: the recorder is the adviser; audited; refused with nothing stored."""

from datetime import UTC, date, datetime

import pytest

from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.consultations import services
from joinedup.consultations.choices import AdvisedTeam
from joinedup.consultations.models import Consultation
from joinedup.core.rules import RuleViolations

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 23)


def _record(world, **changes):
    arguments = {
        "child": world.child,
        "advised_team": AdvisedTeam.AREA_TEAM,
        "advised_team_name": "North area safeguarding and support",
        "advised_contact": "Priya Shah, social worker",
        "given_on": TODAY,
        "question": "Is respite at home or overnight better for this family?",
        "advice": "Start with a home-based sitting service; review in 6 weeks.",
        "by": world.key_worker.user,
        "now": NOW,
        "today": TODAY,
    }
    return services.record_consultation(**(arguments | changes))


def test_r_c12_the_person_recording_is_the_adviser_and_it_is_audited(world):
    consultation = _record(world)
    assert consultation.adviser == world.key_worker.user
    assert consultation.recorded_at == NOW
    event = AuditEvent.objects.get(subject_id=str(consultation.pk))
    assert event.action == AuditAction.CREATED
    assert event.child_id == world.child.pk
    assert "North area safeguarding and support" in event.what


def test_r_c12_another_team_must_be_named_and_nothing_is_stored(world):
    with pytest.raises(RuleViolations) as exc:
        _record(world, advised_team=AdvisedTeam.OTHER, advised_team_name=" ")
    assert [v.field for v in exc.value.violations] == ["advised_team_name"]
    assert not Consultation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CREATED, child=world.child).exists()


def test_r_c12_advice_cannot_be_given_in_the_future(world):
    with pytest.raises(RuleViolations):
        _record(world, given_on=date(2026, 11, 24))
    assert not Consultation.objects.exists()
