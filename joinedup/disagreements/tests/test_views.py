"""B9 and B10 pages: logging, escalating and resolving through the forms, the managers' list (age and
order), shared knowledge newest first, and fixed query counts."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.disagreements.choices import DisagreementStatus, KnowledgeCategory
from joinedup.disagreements.models import Disagreement, SharedKnowledge
from joinedup.disagreements.selectors import CHILD_KEY, practitioner_key
from joinedup.disagreements.tests.factories import disagreement_for
from joinedup.notifications.models import Notification
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return html.unescape(response.content.decode())


def test_r_b9_log_through_the_form(client, world):
    client.force_login(world.team_member.user)
    url = reverse("disagreements:disagreement-log", args=[world.child.pk])
    response = client.post(
        url,
        {
            "issue": "Whether to start hydrotherapy",
            "party_1_who": practitioner_key(world.team_member.pk),
            "party_1_wants": "Start hydrotherapy now",
            "party_2_who": CHILD_KEY,
            "party_2_wants": "Not to go swimming",
        },
    )
    d = Disagreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == d.get_absolute_url()
    page = _body(client.get(d.get_absolute_url()))
    for text in ("Start hydrotherapy now", "Not to go swimming", "Open for"):
        assert text in page


def test_r_b9_log_refused_says_why_on_the_form(client, world):
    client.force_login(world.team_member.user)
    response = client.post(reverse("disagreements:disagreement-log", args=[world.child.pk]), {"issue": ""})
    page = _body(response)
    assert response.status_code == 200
    assert "Enter what the disagreement is about" in page
    assert "Name at least two parties" in page
    assert not Disagreement.objects.exists()


def test_r_b9_escalate_and_resolve_through_the_forms(client, world):
    d = disagreement_for(world.child, raised_by=world.key_worker.user)
    client.force_login(world.key_worker.user)
    escalate = reverse("disagreements:disagreement-escalate", args=[world.child.pk, d.pk])
    assert "Enter why the disagreement could not be resolved" in _body(client.post(escalate, {"note": ""}))
    assert client.post(escalate, {"note": "Could not agree"}).status_code == 302
    assert Notification.objects.filter(recipient=world.manager.user).count() == 1
    resolve = reverse("disagreements:disagreement-resolve", args=[world.child.pk, d.pk])
    page = _body(client.post(resolve, {"resolution": "Agreed"}))
    assert "only a team manager of the hub holding the case can record how it was resolved" in page
    client.force_login(world.manager.user)
    assert client.post(resolve, {"resolution": "Agreed"}).status_code == 302
    d.refresh_from_db()
    assert d.status == DisagreementStatus.RESOLVED
    assert "Resolved" in _body(client.get(reverse("disagreements:child-disagreements", args=[world.child.pk])))


def test_r_b9_a_disagreement_of_another_child_is_404_under_this_child(client, world):
    other = disagreement_for(world.other_child)
    client.force_login(world.key_worker.user)
    url = reverse("disagreements:disagreement-detail", args=[world.child.pk, other.pk])
    assert client.get(url).status_code == 404


def test_r_b9_age_managers_list_oldest_first_with_days_open(client, world):
    now = timezone.now()
    second = ChildFactory(area=world.area, holding_team=world.hub)
    disagreement_for(world.child, raised_at=now - timedelta(days=2))
    disagreement_for(second, raised_at=now - timedelta(days=9))
    disagreement_for(world.other_child, raised_at=now - timedelta(days=30))  # out of the manager's reach
    resolved = disagreement_for(world.child, raised_at=now - timedelta(days=40))
    Disagreement.objects.filter(pk=resolved.pk).update(
        status=DisagreementStatus.RESOLVED, resolution="Agreed", resolved_by=world.manager.user, resolved_at=now
    )
    client.force_login(world.manager.user)
    page = _body(client.get(reverse("disagreements:open-disagreements")))
    assert "Open disagreements (2)" in page
    assert page.index(second.full_name) < page.index(world.child.full_name)
    assert "9 days" in page
    assert "2 days" in page
    assert world.other_child.full_name not in page
    assert "40 days" not in page


def test_r_b9_managers_list_is_for_managers(client, world):
    client.force_login(world.key_worker.user)
    assert client.get(reverse("disagreements:open-disagreements")).status_code == 403


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_r_b9_query_counts_do_not_grow(client, world):
    client.force_login(world.manager.user)
    child_url = reverse("disagreements:child-disagreements", args=[world.child.pk])
    list_url = reverse("disagreements:open-disagreements")
    d = disagreement_for(world.child)
    detail_url = d.get_absolute_url()
    counts = (_count(client, child_url), _count(client, list_url), _count(client, detail_url))
    for _ in range(3):
        disagreement_for(world.child)
        disagreement_for(ChildFactory(area=world.area, holding_team=world.hub))
    assert (_count(client, child_url), _count(client, list_url), _count(client, detail_url)) == counts


def test_r_b10_share_through_the_form_and_read_newest_first(client, world):
    client.force_login(world.key_worker.user)
    url = reverse("disagreements:knowledge-share", args=[world.child.pk])
    for title in ("Older tip", "Newer tip"):
        response = client.post(
            url, {"category": KnowledgeCategory.NETWORKS, "title": title, "text": "Worth joining", "tell_team": "on"}
        )
        assert response.status_code == 302
    page = _body(client.get(reverse("disagreements:knowledge", args=[world.child.pk])))
    assert page.index("Newer tip") < page.index("Older tip")
    assert Notification.objects.filter(recipient=world.team_member.user).count() == 2


def test_r_b10_the_box_starts_ticked_and_unticked_tells_nobody(client, world):
    client.force_login(world.key_worker.user)
    url = reverse("disagreements:knowledge-share", args=[world.child.pk])
    assert 'name="tell_team" type="checkbox" value="on" checked' in client.get(url).content.decode()
    client.post(url, {"category": KnowledgeCategory.NETWORKS, "title": "Tip", "text": "Text"})
    assert SharedKnowledge.objects.count() == 1
    assert not Notification.objects.exists()


def test_r_b10_refused_says_why(client, world):
    client.force_login(world.key_worker.user)
    page = _body(client.post(reverse("disagreements:knowledge-share", args=[world.child.pk]), {"link": "ftp://x"}))
    for message in ("Choose what kind of knowledge this is", "Enter a title", "Enter a link that starts with https://"):
        assert message in page


def test_r_b10_a_member_who_has_left_cannot_read_or_post(client, world):
    client.force_login(world.ended_member.user)
    for name in ("disagreements:knowledge", "disagreements:knowledge-share"):
        assert client.get(reverse(name, args=[world.child.pk])).status_code == 404


def test_r_b10_query_count_does_not_grow(client, world):
    client.force_login(world.key_worker.user)
    url = reverse("disagreements:knowledge", args=[world.child.pk])
    SharedKnowledge.objects.create(
        child=world.child,
        category="NETWORKS",
        title="T",
        text="X",
        posted_by=world.key_worker.user,
        posted_at=timezone.now(),
    )
    before = _count(client, url)
    for who in (world.team_member, world.manager, world.key_worker):
        SharedKnowledge.objects.create(
            child=world.child, category="NETWORKS", title="T", text="X", posted_by=who.user, posted_at=timezone.now()
        )
    TeamMembershipFactory(child=world.child, added_by=world.manager.user)
    assert _count(client, url) == before
