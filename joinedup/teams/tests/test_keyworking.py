"""B3 with the database: suggestions on the key worker page, preferences, and the reason for the choice."""

import html
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.allocation.models import CaseloadCapacity
from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.organisations.choices import JobRole, Skill
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory
from joinedup.teams import selectors, services
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkerPreference
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _names(child):
    return [s.practitioner.full_name for s in selectors.key_worker_suggestions(child, limit=100)]


def test_r_b3_suggestions_put_the_health_practitioner_first_for_mainly_health_needs(world):
    world.child.needs.filter(need="COMPLEX_HEALTH").update(is_main=True)
    [first, *rest] = selectors.key_worker_suggestions(world.child, limit=100)
    assert first.practitioner == world.team_member  # the community nurse in the team
    assert first.in_team
    assert [f.rule for f in first.suggestion.fired][:1] == ["B3-HEALTH-LEAD"]
    names = {s.practitioner for s in rest}
    assert world.key_worker not in names  # already the key worker: not suggested
    assert world.manager not in names  # managers do not key-work
    assert world.other_area_practitioner not in names  # another area's workforce


def test_r_b3_suggestions_include_the_wider_workforce_and_who_the_child_knew(world):
    names = _names(world.child)
    assert world.same_org_outsider.full_name in names
    ended = next(
        s for s in selectors.key_worker_suggestions(world.child, limit=100) if s.practitioner == world.ended_member
    )
    assert "Was in the child's team before" in {f.reason.split(":")[0] for f in ended.suggestion.fired}


def test_r_b3_someone_at_capacity_is_ranked_after_everyone_with_room(world):
    world.child.needs.filter(need="COMPLEX_HEALTH").update(is_main=True)
    CaseloadCapacity.objects.create(practitioner=world.team_member, capacity=1)
    KeyWorkerAssignmentFactory(child=world.other_child, practitioner=world.team_member)
    ranked = selectors.key_worker_suggestions(world.child, limit=100)
    assert ranked[-1].practitioner == world.team_member
    assert not ranked[-1].suggestion.has_room
    assert ranked[0].suggestion.has_room


def test_r_b3_suggestions_take_a_fixed_number_of_queries_whatever_the_workforce(world):
    with CaptureQueriesContext(connection) as few:
        selectors.key_worker_suggestions(world.child)
    org = OrganisationFactory(area=world.area, name=f"Big school {uuid.uuid4()}", sector="EDUCATION")
    for _ in range(15):
        p = PractitionerFactory(organisation=org, job_role=JobRole.TEACHER, skills=[Skill.LEARNING_DISABILITY])
        KeyWorkerAssignmentFactory(practitioner=p)
    with CaptureQueriesContext(connection) as many:
        assert len(selectors.key_worker_suggestions(world.child, limit=100)) > 15
    assert len(many) == len(few)


def test_r_b3_a_preference_is_recorded_with_who_said_it_and_audited(world):
    before = _names(world.child).index(world.same_org_outsider.full_name)
    services.record_key_worker_preference(
        child=world.child,
        practitioner=world.same_org_outsider,
        preferred_by="CHILD",
        in_their_words="I like Sam, she knows my signs",
        by=world.manager.user,
        now=timezone.now(),
    )
    assert AuditEvent.objects.filter(subject_type="teams.KeyWorkerPreference").count() == 1
    ranked = selectors.key_worker_suggestions(world.child, limit=100)
    after = next(i for i, s in enumerate(ranked) if s.practitioner == world.same_org_outsider)
    assert after < before
    assert "B3-PREFERENCE" in {f.rule for f in ranked[after].suggestion.fired}
    with pytest.raises(RuleViolations) as refused:
        services.record_key_worker_preference(
            child=world.child,
            practitioner=world.other_area_practitioner,
            preferred_by="FAMILY",
            in_their_words=" ",
            by=world.manager.user,
            now=timezone.now(),
        )
    assert {v.field for v in refused.value.violations} == {"practitioner", "in_their_words"}
    assert KeyWorkerPreference.objects.count() == 1


def test_r_b3_not_same_job_a_same_job_reason_is_refused_and_nothing_changes(world):
    before = AuditEvent.objects.count()
    with pytest.raises(RuleViolations) as refused:
        services.assign_key_worker(
            child=world.child,
            practitioner=world.team_member,
            reason="Same job as the last one",
            by=world.manager.user,
            now=timezone.now(),
            today=TODAY,
        )
    assert [v.rule for v in refused.value.violations] == ["B3-NOT-SAME-JOB"]
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.key_worker
    assert AuditEvent.objects.count() == before


def test_r_b3_key_worker_page_shows_ranked_suggestions_with_reasons(client, world):
    world.child.needs.filter(need="COMPLEX_HEALTH").update(is_main=True)
    client.force_login(world.manager.user)
    body = html.unescape(client.get(reverse("teams:key-worker-assign", args=[world.child.pk])).content.decode())
    assert "Suggested key workers" in body
    assert body.index(world.team_member.full_name) < body.index(world.same_org_outsider.full_name)
    assert "B3-HEALTH-LEAD" in body
    assert "a healthcare practitioner would be best" in body
    assert f"Add {world.same_org_outsider.full_name} to the team" in body


def test_r_b3_key_worker_page_refuses_a_same_job_reason(client, world):
    client.force_login(world.manager.user)
    url = reverse("teams:key-worker-assign", args=[world.child.pk])
    response = client.post(
        url, {"action": "assign", "practitioner": str(world.team_member.pk), "reason": "same job as the last one"}
    )
    body = html.unescape(response.content.decode())
    assert "Doing the same job as the last key worker is not a reason on its own" in body
    response = client.post(
        url,
        {
            "action": "assign",
            "practitioner": str(world.team_member.pk),
            "reason": "The child mainly has health needs and knows her",
        },
    )
    assert response.status_code == 302
    assert KeyWorkerAssignment.objects.current().get(child=world.child).practitioner == world.team_member


def test_r_b3_key_worker_page_records_a_preference(client, world):
    client.force_login(world.manager.user)
    url = reverse("teams:key-worker-assign", args=[world.child.pk])
    response = client.post(url, {"action": "preference"})
    body = html.unescape(response.content.decode())
    assert "Select who they would like" in body
    assert "Enter what they said, in their words" in body
    response = client.post(
        url,
        {
            "action": "preference",
            "preference-practitioner": str(world.same_org_outsider.pk),
            "preference-preferred_by": "FAMILY",
            "preference-in_their_words": "He helped us last year",
        },
    )
    assert response.status_code == 302
    body = html.unescape(client.get(url).content.decode())
    assert f"The family or carers would like {world.same_org_outsider.full_name}" in body
    assert "Asked for by the family" in body
