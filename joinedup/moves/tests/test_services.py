"""B8 moving area services: the pack, who is told (inbox and e-mail), closing and transferring."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from joinedup.access import policy
from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.services import configure_hub
from joinedup.audit.models import AuditEvent
from joinedup.closure.models import Closure, ClosureReason
from joinedup.core.rules import RuleViolations
from joinedup.moves import selectors, services
from joinedup.moves.choices import ContactKind, MoveOutcome, MoveStatus
from joinedup.moves.models import ChildMove, MoveContact
from joinedup.notifications.models import Notification
from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory, TeamFactory
from joinedup.people.models import Child
from joinedup.plans.tests.factories import smart_cin_plan
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership

pytestmark = pytest.mark.django_db


def _plan(world, *, to_area=None, to_area_name="Westshire County Council", by=None):
    now = timezone.now()
    return services.plan_move(
        child=world.child,
        destination=services.Destination(
            to_area=to_area,
            to_area_name="" if to_area else to_area_name,
            new_address="4 Harbour Row, Westport",
            new_postcode="wp1 2ab",
            moving_on=timezone.localdate() + timedelta(days=30),
        ),
        by=by or world.key_worker.user,
        now=now,
        today=timezone.localdate(),
    )


def _named(move, world, kind=ContactKind.NEW_AREA, name="Robin Ashdown", email="robin@westshire.example"):
    details = services.ContactDetails(
        kind=kind, practitioner=None, name=name, role="Social worker", organisation="Westshire CwDT", email=email
    )
    return services.add_move_contact(move=move, details=details, by=world.key_worker.user, now=timezone.now())


def _chosen(move, world, practitioner):
    details = services.ContactDetails(
        kind=ContactKind.NEW_AREA, practitioner=practitioner, name="", role="", organisation="", email=""
    )
    return services.add_move_contact(move=move, details=details, by=world.key_worker.user, now=timezone.now())


def _send(move, world, capture):
    move.refresh_from_db()
    with capture(execute=True):
        return services.send_move_pack(
            move=move, expected_version=move.version, by=world.key_worker.user, now=timezone.now()
        )


def _told(child, subject):
    return set(Notification.objects.filter(child=child, subject=subject).values_list("recipient", flat=True))


def test_r_b8_plan_records_the_move_and_is_audited(world):
    move = _plan(world)
    assert (move.status, move.destination, move.new_postcode) == ("PLANNED", "Westshire County Council", "WP1 2AB")
    assert move.from_area == world.area
    assert AuditEvent.objects.filter(subject_id=str(move.pk), what="Planned a move to another area").count() == 1
    with pytest.raises(RuleViolations) as refused:
        _plan(world)
    assert [v.rule for v in refused.value.violations] == ["B8-PLAN"]


def test_r_b8_contact_in_joinedup_must_work_in_the_new_area(world):
    move = _plan(world, to_area=world.other_area_practitioner.organisation.area)
    with pytest.raises(RuleViolations):
        _chosen(move, world, world.team_member)  # works in the old area
    contact = _chosen(move, world, world.other_area_practitioner)
    assert (contact.practitioner, contact.name, contact.email) == (world.other_area_practitioner, "", "")
    assert list(selectors.new_area_practitioners(move)) == []  # chosen once


def test_r_b8_contact_named_once_per_email(world):
    move = _plan(world)
    _named(move, world)
    with pytest.raises(RuleViolations) as refused:
        _named(move, world, name="Robin A.", email="ROBIN@westshire.example")
    assert [v.field for v in refused.value.violations] == ["email"]
    _named(move, world, kind=ContactKind.EQUIPMENT, email="robin@westshire.example")  # another kind is fine


def test_r_b8_pack_holds_what_the_new_area_needs(world):
    plan = smart_cin_plan(world.child, by=world.key_worker.user)
    move = _plan(world)
    _named(move, world)
    _named(move, world, kind=ContactKind.EQUIPMENT, name="Wheelchair Services", email="wheels@nhs.example")
    pack = selectors.pack_for(move, by=world.key_worker.user, now=timezone.now())
    assert (pack["schema"], pack["version"]) == ("joinedup.move-pack", 1)
    assert pack["child"]["local_id"] == world.child.local_id
    assert pack["child"]["date_of_birth"] == world.child.date_of_birth.isoformat()
    assert pack["move"]["to_area"] == "Westshire County Council"
    assert pack["key_worker"]["name"] == world.key_worker.full_name
    assert {m["name"] for m in pack["team"]} == {world.key_worker.full_name, world.team_member.full_name}
    assert pack["plans"][0]["kind"] == plan.get_kind_display()
    assert pack["plans"][0]["outcomes"][0]["open_actions"]
    assert [c["name"] for c in pack["carers"]] == [world.parent.carer.full_name]
    assert [p["name"] for p in pack["equipment_providers"]] == ["Wheelchair Services"]
    assert {"all_about_me", "communication", "upcoming_meetings", "open_duties", "ehc", "packages"} <= set(pack)
    json.dumps(pack)  # plain JSON throughout


def test_r_b8_pack_not_sent_before_someone_in_the_new_area_is_identified(world, django_capture_on_commit_callbacks):
    move = _plan(world)
    with pytest.raises(RuleViolations) as refused:
        _send(move, world, django_capture_on_commit_callbacks)
    assert [v.rule for v in refused.value.violations] == ["B8-PACK"]
    assert mail.outbox == []
    assert not Notification.objects.filter(child=world.child).exists()


def test_r_b8_tell_sending_tells_the_new_area_family_old_team_and_equipment(world, django_capture_on_commit_callbacks):
    move = _plan(world)
    _named(move, world)
    _named(move, world, kind=ContactKind.EQUIPMENT, name="Wheelchair Services", email="wheels@nhs.example")
    told = _send(move, world, django_capture_on_commit_callbacks)
    assert told == services.SendResult(new_area=1, family=2, old_team=1, equipment=1)
    pack_mail, equipment_mail = mail.outbox
    assert pack_mail.to == ["robin@westshire.example"]
    assert world.child.full_name in pack_mail.body
    (_name, content, mimetype) = pack_mail.attachments[0]
    assert mimetype == "application/json"
    assert json.loads(content)["schema"] == "joinedup.move-pack"
    assert equipment_mail.to == ["wheels@nhs.example"]
    assert not equipment_mail.attachments
    assert _told(world.child, "Your information pack for your move") == {world.parent.pk, world.young_person.pk}
    old_team = _told(world.child, f"Record {world.child.local_id}: the family is moving area")
    assert old_team == {world.team_member.user.pk}  # the key worker sent it
    move.refresh_from_db()
    assert move.status == MoveStatus.PACK_SENT
    assert move.pack["child"]["local_id"] == world.child.local_id
    assert not MoveContact.objects.filter(move=move, told_at__isnull=True).exists()
    assert AuditEvent.objects.filter(subject_id=str(move.pk), what="Sent the information pack for a move").count() == 1


def test_r_b8_tell_sending_again_tells_only_the_newcomers(world, django_capture_on_commit_callbacks):
    move = _plan(world)
    _named(move, world)
    _send(move, world, django_capture_on_commit_callbacks)
    _named(move, world, name="Sam Fenwick", email="sam@westshire.example")
    told = _send(move, world, django_capture_on_commit_callbacks)
    assert told == services.SendResult(new_area=1, family=0, old_team=0, equipment=0)
    assert [m.to for m in mail.outbox] == [["robin@westshire.example"], ["sam@westshire.example"]]


def test_r_b8_tell_in_joinedup_by_inbox_and_they_can_read_the_pack(world, django_capture_on_commit_callbacks):
    newcomer = world.other_area_practitioner
    move = _plan(world, to_area=newcomer.organisation.area)
    _chosen(move, world, newcomer)
    assert not policy.can_read_received_pack(newcomer.user, move)  # not before it is sent
    _send(move, world, django_capture_on_commit_callbacks)
    assert _told(world.child, "An information pack for a family moving to your area") == {newcomer.user.pk}
    assert mail.outbox == []
    assert policy.can_read_received_pack(newcomer.user, move)
    assert not policy.can_read_received_pack(world.team_member.user, move)


def _sent(world, capture, **kwargs):
    move = _plan(world, **kwargs)
    if move.to_area_id:
        _chosen(move, world, world.other_area_practitioner)
    else:
        _named(move, world)
    _send(move, world, capture)
    move.refresh_from_db()
    return move


def _complete(move, world, outcome, reason="The family moved on 3 May"):
    move.refresh_from_db()
    today = timezone.localdate()
    return services.complete_move(
        move=move,
        outcome=outcome,
        reason=reason,
        expected_version=move.version,
        by=world.manager.user,
        now=timezone.now(),
        today=today,
    )


def test_r_b8_outcome_close_uses_the_moved_area_reason(world, django_capture_on_commit_callbacks):
    move = _sent(world, django_capture_on_commit_callbacks)
    done = _complete(move, world, MoveOutcome.CLOSED)
    closure = Closure.objects.get(child=world.child)
    assert closure.reason.code == "MOVED_AREA"
    assert closure.note == "The family moved on 3 May"
    assert (done.status, done.outcome, done.closure) == ("COMPLETED", "CLOSED", closure)
    assert not TeamMembership.objects.current().filter(child=world.child).exists()
    assert Child.objects.get(pk=world.child.pk).holding_team is None
    assert AuditEvent.objects.filter(subject_id=str(move.pk), what="Completed a move: case closed").count() == 1


def test_r_b8_outcome_close_refused_when_the_reason_is_switched_off(world, django_capture_on_commit_callbacks):
    move = _sent(world, django_capture_on_commit_callbacks)
    services.moved_area_reason(world.area.pk, by=world.manager.user, now=timezone.now())
    ClosureReason.objects.filter(area=world.area, code="MOVED_AREA").update(active=False)
    with pytest.raises(RuleViolations):
        _complete(move, world, MoveOutcome.CLOSED)
    assert not Closure.objects.exists()
    assert ChildMove.objects.get(pk=move.pk).status == MoveStatus.PACK_SENT


def _receiving_hub(area):
    hub = TeamFactory(organisation=OrganisationFactory(area=area, name="Southshire CwDT"), name="S&S South")
    configure_hub(team=hub, code=HubCode.SAFEGUARDING_SUPPORT)
    manager = PractitionerFactory(
        organisation=hub.organisation, user__role=Role.TEAM_MANAGER, job_role=JobRole.TEAM_MANAGER, teams=[hub]
    )
    return hub, manager


def test_r_b8_outcome_transfer_moves_the_record_and_access(world, django_capture_on_commit_callbacks):
    south = world.other_area_practitioner.organisation.area
    hub, new_manager = _receiving_hub(south)
    move = _sent(world, django_capture_on_commit_callbacks, to_area=south)
    assert policy.visible_children(world.key_worker.user).filter(pk=world.child.pk).exists()
    _complete(move, world, MoveOutcome.TRANSFERRED)
    child = Child.objects.get(pk=world.child.pk)
    assert (child.area, child.holding_team, child.postcode) == (south, hub, "WP1 2AB")
    assert not TeamMembership.objects.current().filter(child=child).exists()
    assert not KeyWorkerAssignment.objects.current().filter(child=child).exists()
    for old in (world.key_worker, world.team_member, world.manager):
        assert not policy.visible_children(old.user).filter(pk=child.pk).exists()
    assert policy.visible_children(new_manager.user).filter(pk=child.pk).exists()
    assert _told(child, "A child has moved into your area") == {new_manager.user.pk}
    assert User.objects.get(pk=world.parent.pk).area == south  # the family keeps its view
    assert policy.family_children(User.objects.get(pk=world.parent.pk)).filter(pk=child.pk).exists()
    assert AuditEvent.objects.filter(child=child, what="Transferred the record to another area").count() == 1


def test_r_b8_outcome_transfer_refused_when_the_local_id_is_taken(world, django_capture_on_commit_callbacks):
    from joinedup.people.tests.factories import ChildFactory

    south = world.other_area_practitioner.organisation.area
    _receiving_hub(south)
    ChildFactory(area=south, local_id=world.child.local_id)
    move = _sent(world, django_capture_on_commit_callbacks, to_area=south)
    with pytest.raises(RuleViolations):
        _complete(move, world, MoveOutcome.TRANSFERRED)
    assert Child.objects.get(pk=world.child.pk).area == world.area
    assert TeamMembership.objects.current().filter(child=world.child).count() == 2
