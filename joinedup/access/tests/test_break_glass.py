"""G1 break-glass: emergency access needs a reason, is time-limited and read-only, is audited,
and alerts the people who hold the case."""

import html
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from joinedup.access import policy, services
from joinedup.access.models import BreakGlassGrant
from joinedup.audit.choices import AuditAction
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.notifications.models import Notification
from joinedup.notifications.services import deliver_pending

pytestmark = pytest.mark.django_db
URL = reverse("access:break-glass")


def test_r_g1_break_glass_opens_the_record_read_only_and_tells_the_case_holders(client, world):
    outsider = world.same_org_outsider.user
    assert not policy.visible_children(outsider).filter(pk=world.child.pk).exists()
    client.force_login(outsider)
    response = client.post(URL, {"nhs_number": world.child.nhs_number, "reason": "Arrived at A&E, need care plan"})
    assert response["Location"] == reverse("people:child-detail", args=[world.child.pk])
    page = html.unescape(client.get(response["Location"]).content.decode())
    assert "You are reading this record with emergency access" in page
    assert "Change All about me" not in page  # read-only
    assert client.get(reverse("people:all-about-me-edit", args=[world.child.pk])).status_code == 403
    event = AuditEvent.objects.get(child=world.child, action=AuditAction.BREAK_GLASS)
    assert (event.user, event.why) == (outsider, "Arrived at A&E, need care plan")
    # The alert is in the outbox, one message for each person who holds the case ...
    alerts = Notification.objects.filter(child=world.child)
    assert {a.recipient for a in alerts} == {world.manager.user, world.key_worker.user}
    assert len(alerts) == 2
    for alert in alerts:
        assert world.child.local_id in alert.subject
        assert "Arrived at A&E, need care plan" in alert.body
        assert alert.link == reverse("people:child-detail", args=[world.child.pk])
        assert alert.read_at is None
    # ... and the worker e-mails each of them once.
    assert mail.outbox == []
    assert deliver_pending(now=datetime.now(UTC)).sent == 2
    assert sorted(m.to for m in mail.outbox) == sorted([[world.manager.email], [world.key_worker.email]])
    for message in mail.outbox:
        assert world.child.local_id in message.subject
        assert "Arrived at A&E, need care plan" in message.body


def test_r_g1_break_glass_alert_shows_in_the_case_holders_inbox(client, world):
    services.break_glass(
        user=world.same_org_outsider.user,
        nhs_number=world.child.nhs_number,
        reason="Emergency admission overnight",
        now=datetime.now(UTC),
    )
    client.force_login(world.key_worker.user)
    page = html.unescape(client.get(reverse("notifications:notification-list")).content.decode())
    assert f"Emergency access to record {world.child.local_id}" in page
    assert "Inbox (1)" in page
    client.force_login(world.team_member.user)  # in the team, but does not hold the case
    page = html.unescape(client.get(reverse("notifications:notification-list")).content.decode())
    assert "Emergency access to record" not in page


def test_r_g1_break_glass_without_a_reason_grants_nothing(client, world):
    client.force_login(world.same_org_outsider.user)
    response = client.post(URL, {"nhs_number": world.child.nhs_number, "reason": "need it"})
    assert "Enter why you need emergency access, in at least 10 characters" in html.unescape(response.content.decode())
    assert not BreakGlassGrant.objects.exists()
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS).exists()


def test_r_g1_break_glass_reaches_only_children_in_the_user_area(world):
    with pytest.raises(RuleViolations) as exc:
        services.break_glass(
            user=world.other_area_practitioner.user,
            nhs_number=world.child.nhs_number,
            reason="Emergency admission overnight",
            now=datetime.now(UTC),
        )
    assert exc.value.violations[0].field == "nhs_number"


def test_r_g1_emergency_access_ends_after_its_time(world):
    outsider = world.same_org_outsider.user
    grant = services.break_glass(
        user=outsider,
        nhs_number=world.child.nhs_number,
        reason="Emergency admission overnight",
        now=datetime.now(UTC) - timedelta(hours=25),
    )
    assert grant.expires_at < datetime.now(UTC)
    assert not policy.visible_children(outsider).filter(pk=world.child.pk).exists()


@pytest.mark.parametrize("persona", ["commissioner", "administrator", "parent", "young_person"])
def test_r_g1_only_practitioners_can_break_glass(client, world, persona):
    client.force_login(world.personas()[persona])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"nhs_number": world.child.nhs_number, "reason": "x" * 20}).status_code == 403
    assert not BreakGlassGrant.objects.exists()
