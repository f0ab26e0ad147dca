"""B9 and B10 services: what is stored, the ladder, who is told, and that a refusal stores nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.disagreements import services
from joinedup.disagreements.choices import DisagreementStatus, KnowledgeCategory, PartyKind, StepKind
from joinedup.disagreements.models import Disagreement, DisagreementStep, SharedKnowledge
from joinedup.disagreements.rules import PartyInput
from joinedup.disagreements.selectors import CHILD_KEY, carer_key, practitioner_key
from joinedup.notifications.models import Notification
from joinedup.people.models import CarerLink

pytestmark = pytest.mark.django_db
S = DisagreementStatus


def _log(world, by=None, **kw):
    carer = CarerLink.objects.get(child=world.child).carer_id
    parties = kw.pop(
        "parties",
        [
            PartyInput(1, practitioner_key(world.key_worker.pk), "Keep the overnight short break"),
            PartyInput(2, carer_key(carer), "Two overnight short breaks a month"),
            PartyInput(3, CHILD_KEY, "To stay with friends at the club"),
        ],
    )
    return services.log_disagreement(
        child=world.child,
        issue=kw.pop("issue", "How many overnight short breaks"),
        parties=parties,
        by=by or world.key_worker.user,
        now=kw.pop("now", timezone.now()),
    )


def _escalate(d, by, note="Could not agree"):
    return services.escalate_disagreement(disagreement=d, note=note, by=by, now=timezone.now())


def test_r_b9_log_stores_parties_a_dated_step_and_an_audit_row(world):
    d = _log(world)
    assert d.status == S.OPEN
    assert sorted(d.parties.values_list("kind", flat=True)) == sorted(
        [PartyKind.PRACTITIONER, PartyKind.CARER, PartyKind.CHILD]
    )
    (step,) = d.steps.all()
    assert (step.kind, step.by, step.at) == (StepKind.LOGGED, world.key_worker.user, d.raised_at)
    assert AuditEvent.objects.filter(subject_id=str(d.pk), what="Logged a disagreement").count() == 1


def test_r_b9_party_in_team_an_ended_member_cannot_be_a_party_and_nothing_is_stored(world):
    parties = [
        PartyInput(1, practitioner_key(world.key_worker.pk), "A"),
        PartyInput(2, practitioner_key(world.ended_member.pk), "B"),
    ]
    with pytest.raises(RuleViolations) as exc:
        _log(world, parties=parties)
    assert [v.rule for v in exc.value.violations] == ["B9-PARTY-IN-TEAM", "B9-PARTIES"]
    assert not Disagreement.objects.exists()


def test_r_b9_escalate_to_team_managers_tells_them_in_the_same_step(world):
    d = _escalate(_log(world), world.key_worker.user)
    assert d.status == S.TEAM_MANAGERS
    step = d.steps.get(kind=StepKind.ESCALATED_TO_TEAM_MANAGERS)
    assert (step.by, step.note) == (world.key_worker.user, "Could not agree")
    told = Notification.objects.filter(subject="A disagreement has been escalated to you")
    assert [n.recipient for n in told] == [world.manager.user]
    assert told[0].link == d.get_absolute_url()
    assert world.child.full_name not in told[0].body


def test_r_b9_escalate_to_operations_tells_the_operations_manager_of_the_holding_service(world, council_operations):
    d = _escalate(_escalate(_log(world), world.key_worker.user), world.manager.user, note="Managers disagree")
    assert d.status == S.OPERATIONS
    told = Notification.objects.filter(subject="A disagreement has been escalated to you").exclude(
        recipient=world.manager.user
    )
    assert [n.recipient for n in told] == [council_operations.user]  # not the trust's operations manager
    assert [s.kind for s in d.steps.order_by("at")] == [
        StepKind.LOGGED,
        StepKind.ESCALATED_TO_TEAM_MANAGERS,
        StepKind.ESCALATED_TO_OPERATIONS,
    ]


def test_r_b9_escalate_top_is_refused_and_nothing_changes(world, council_operations):
    d = _escalate(_escalate(_log(world), world.key_worker.user), world.manager.user)
    before = (DisagreementStep.objects.count(), Notification.objects.count(), AuditEvent.objects.count())
    with pytest.raises(RuleViolations) as exc:
        _escalate(d, world.manager.user)
    assert [v.rule for v in exc.value.violations] == ["B9-ESCALATE-TOP"]
    assert (DisagreementStep.objects.count(), Notification.objects.count(), AuditEvent.objects.count()) == before


def test_r_b9_escalate_to_someone_refused_when_no_operations_manager_holds_the_service(world):
    d = _escalate(_log(world), world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:
        _escalate(d, world.manager.user)
    assert [v.rule for v in exc.value.violations] == ["B9-ESCALATE-TO-SOMEONE"]
    d.refresh_from_db()
    assert d.status == S.TEAM_MANAGERS


def test_r_b9_resolve_within_the_team_records_who_and_when(world):
    d = services.resolve_disagreement(
        disagreement=_log(world), resolution="Agreed two a month", by=world.team_member.user, now=timezone.now()
    )
    d.refresh_from_db()
    assert (d.status, d.resolution, d.resolved_by) == (S.RESOLVED, "Agreed two a month", world.team_member.user)
    assert d.steps.filter(kind=StepKind.RESOLVED, by=world.team_member.user).count() == 1


def test_r_b9_resolve_rung_once_escalated_a_member_cannot_resolve_but_the_manager_can(world):
    d = _escalate(_log(world), world.key_worker.user)
    with pytest.raises(RuleViolations) as exc:
        services.resolve_disagreement(disagreement=d, resolution="x", by=world.key_worker.user, now=timezone.now())
    assert [v.rule for v in exc.value.violations] == ["B9-RESOLVE-RUNG"]
    services.resolve_disagreement(disagreement=d, resolution="Agreed", by=world.manager.user, now=timezone.now())
    d.refresh_from_db()
    assert d.status == S.RESOLVED


def test_r_b9_resolve_rung_at_the_top_only_the_operations_manager(world, council_operations):
    d = _escalate(_escalate(_log(world), world.key_worker.user), world.manager.user)
    with pytest.raises(RuleViolations):
        services.resolve_disagreement(disagreement=d, resolution="x", by=world.manager.user, now=timezone.now())
    services.resolve_disagreement(disagreement=d, resolution="Decided", by=council_operations.user, now=timezone.now())
    d.refresh_from_db()
    assert (d.status, d.resolved_by) == (S.RESOLVED, council_operations.user)


def test_r_b9_resolve_once_and_no_escalating_a_resolved_one(world):
    d = services.resolve_disagreement(
        disagreement=_log(world), resolution="Agreed", by=world.key_worker.user, now=timezone.now()
    )
    with pytest.raises(RuleViolations) as exc:
        services.resolve_disagreement(disagreement=d, resolution="Again", by=world.manager.user, now=timezone.now())
    assert [v.rule for v in exc.value.violations] == ["B9-RESOLVE-ONCE"]
    with pytest.raises(RuleViolations) as exc:
        _escalate(d, world.key_worker.user)
    assert [v.rule for v in exc.value.violations] == ["B9-ESCALATE-RESOLVED"]


# ---- B10 ---------------------------------------------------------------------------------------


def _share(world, by, tell_team=True, **kw):
    fields = {
        "category": KnowledgeCategory.CARING_TECHNIQUES,
        "title": "Safe eating and drinking",
        "text": "Thickened fluids, sitting upright",
        "link": "",
    } | kw
    return services.share_knowledge(child=world.child, tell_team=tell_team, by=by, now=timezone.now(), **fields)


def test_r_b10_tell_the_other_current_members(world):
    item = _share(world, world.key_worker.user)
    told = Notification.objects.filter(subject="New knowledge shared in a child's team")
    assert [n.recipient for n in told] == [world.team_member.user]  # not the poster, not who has left the team
    assert told[0].link == f"/children/{world.child.pk}/knowledge/"
    assert AuditEvent.objects.filter(subject_id=str(item.pk), what="Shared knowledge with the team").count() == 1


def test_r_b10_tell_no_one_when_the_box_is_unticked(world):
    _share(world, world.key_worker.user, tell_team=False)
    assert SharedKnowledge.objects.count() == 1
    assert not Notification.objects.exists()


def test_r_b10_link_refused_stores_nothing_and_tells_nobody(world):
    with pytest.raises(RuleViolations) as exc:
        _share(world, world.key_worker.user, link="javascript:alert(1)")
    assert [v.rule for v in exc.value.violations] == ["B10-LINK"]
    assert not SharedKnowledge.objects.exists()
    assert not Notification.objects.exists()


def test_r_b9_age_is_days_since_logged(world):
    from joinedup.disagreements.selectors import open_disagreements

    _log(world, now=timezone.now() - timedelta(days=5))
    (item,) = open_disagreements(world.manager.user, today=timezone.localdate())
    assert item.days_open == 5
