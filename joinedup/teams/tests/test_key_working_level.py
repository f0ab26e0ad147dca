"""B4: the level of key working support, its history and review, and the key worker's contact duty."""

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from joinedup.audit.models import AuditEvent
from joinedup.core.rules import RuleViolations
from joinedup.duties import rules as duty_rules
from joinedup.duties import services as duties
from joinedup.duties.choices import DutyKind, DutyStatus
from joinedup.duties.facts import facts_for
from joinedup.duties.models import Duty
from joinedup.people.models import Child
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams import rules, services
from joinedup.teams.models import KeyWorkerAssignment, KeyWorkingSupport
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

TODAY = date(2026, 11, 23)
KW = __import__("uuid").UUID(int=7)


# ---- B4-LEVEL (no database) ---------------------------------------------------------------------


def test_r_b4_level_every_level_has_a_frequency_and_a_reason():
    assert set(rules.LEVELS) == {"LIGHT", "STANDARD", "INTENSIVE"}
    for level in rules.LEVELS.values():
        assert 1 <= level.contact_days <= rules.LONGEST_CONTACT_DAYS
        assert level.reason
    assert rules.LEVELS["INTENSIVE"].contact_days < rules.LEVELS["STANDARD"].contact_days
    assert rules.LEVELS["STANDARD"].contact_days < rules.LEVELS["LIGHT"].contact_days


def test_r_b4_level_a_tailored_frequency_replaces_the_default():
    assert rules.contact_days("LIGHT", None) == 56
    assert rules.contact_days("LIGHT", 42) == 42


def test_r_b4_level_needs_a_level_a_future_review_within_a_year_and_a_reason():
    ok = {"level": "STANDARD", "tailored_days": None, "review_on": TODAY + timedelta(days=90), "today": TODAY}
    assert rules.key_working_level_violations(**ok, reason="Mum is back at work") == []
    bad = rules.key_working_level_violations(
        level="WEEKLY", tailored_days=200, review_on=TODAY, reason=" ", today=TODAY
    )
    assert [(v.rule, v.field) for v in bad] == [
        ("B4-LEVEL", "level"),
        ("B4-LEVEL", "tailored_days"),
        ("B4-LEVEL", "review_on"),
        ("B4-LEVEL", "reason"),
    ]
    [late] = rules.key_working_level_violations(**{**ok, "review_on": TODAY + timedelta(days=400)}, reason="Settled")
    assert late.message == "Review date must be within a year"


# ---- B4-CONTACT (no database) -------------------------------------------------------------------


def _facts(**kwargs):
    cadence = duty_rules.Cadence(
        hub="SAFEGUARDING_SUPPORT", held_since=date(2026, 1, 1), cin_review_days=42, visit_days=42
    )
    return duty_rules.DutyFacts(date_of_birth=date(2015, 5, 5), cadence=cadence, **kwargs)


def test_r_b4_contact_no_key_worker_no_contact_duty():
    assert duty_rules.key_worker_contact(_facts(), TODAY) is None


def test_r_b4_contact_from_the_day_they_became_key_worker_at_the_standard_level_until_one_is_set():
    due = duty_rules.key_worker_contact(_facts(key_worker=KW, key_worker_since=date(2026, 11, 1)), TODAY)
    assert (due.kind, due.rule, due.owner) == (DutyKind.KEY_WORKER_CONTACT, "B4-CONTACT", KW)
    assert due.due_on == date(2026, 11, 29)
    assert (
        due.basis
        == "Standard key working support until a level is set: in touch every 4 weeks; key worker since 1 November 2026"
    )


def test_r_b4_contact_next_one_counts_from_the_last_done_at_the_level_frequency():
    facts = _facts(
        key_worker=KW,
        key_worker_since=date(2026, 6, 1),
        key_working=("Intensive", 7),
        last_done={DutyKind.KEY_WORKER_CONTACT: date(2026, 11, 20)},
    )
    due = duty_rules.key_worker_contact(facts, TODAY)
    assert due.due_on == date(2026, 11, 27)
    assert due.basis == "Intensive key working support: in touch every week; last contact 20 November 2026"


def test_r_b4_contact_a_contact_before_the_new_key_worker_started_does_not_count():
    facts = _facts(
        key_worker=KW,
        key_worker_since=date(2026, 11, 10),
        key_working=("Light", 56),
        last_done={DutyKind.KEY_WORKER_CONTACT: date(2026, 11, 1)},
    )
    assert duty_rules.key_worker_contact(facts, TODAY).due_on == date(2027, 1, 5)


def test_r_b4_contact_not_for_a_closed_case():
    facts = duty_rules.DutyFacts(date_of_birth=date(2015, 5, 5), cadence=None, key_worker=KW, key_worker_since=TODAY)
    assert duty_rules.key_worker_contact(facts, TODAY) is None


# ---- With the database ---------------------------------------------------------------------------

db = pytest.mark.django_db


def _set(world, level="INTENSIVE", **kwargs):
    today = timezone.localdate()
    values = {"tailored_days": None, "review_on": today + timedelta(days=60), "reason": "In hospital this month"}
    return services.set_key_working_level(
        child=world.child,
        level=level,
        by=world.key_worker.user,
        now=timezone.now(),
        today=today,
        **{**values, **kwargs},
    )


@db
def test_r_b4_level_set_by_the_key_worker_moves_the_contact_duty_keeps_history_and_is_audited(world):
    _set(world, level="STANDARD", reason="Settled at home")
    _set(world, level="INTENSIVE", tailored_days=3, reason="In hospital this month")
    [newest, first] = KeyWorkingSupport.objects.filter(child=world.child).order_by("-set_at", "-id")
    assert (newest.level, newest.contact_days, first.level, first.contact_days) == ("INTENSIVE", 3, "STANDARD", 28)
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.KEY_WORKER_CONTACT)
    since = KeyWorkerAssignment.objects.current().get(child=world.child).start_date
    assert duty.owner == world.key_worker
    assert duty.due_on == since + timedelta(days=3)
    assert duty.basis.startswith("Intensive key working support: in touch every 3 days")
    whats = list(AuditEvent.objects.filter(subject_type="teams.KeyWorkingSupport").values_list("what", flat=True))
    assert any(w.startswith("Reviewed key working support: intensive") for w in whats)


@db
def test_r_b4_level_refused_stores_nothing(world):
    before = AuditEvent.objects.count()
    with pytest.raises(RuleViolations):
        _set(world, reason="  ")
    assert not KeyWorkingSupport.objects.exists()
    assert AuditEvent.objects.count() == before


@db
def test_r_b4_contact_completing_it_schedules_the_next_from_that_day(world):
    _set(world, level="LIGHT", reason="Stable package")
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.KEY_WORKER_CONTACT)
    done_on = timezone.localdate()
    Duty.objects.filter(pk=duty.pk).update(status=DutyStatus.DONE, completed_on=done_on)
    duties.bring_up_to_date(children=[world.child], today=done_on, now=timezone.now())
    nxt = Duty.objects.open().get(child=world.child, kind=DutyKind.KEY_WORKER_CONTACT)
    assert nxt.due_on == done_on + timedelta(days=56)


@db
def test_r_b4_contact_moves_to_a_new_key_worker(world):
    duties.bring_up_to_date(children=[world.child], today=timezone.localdate(), now=timezone.now())
    assert Duty.objects.open().get(child=world.child, kind=DutyKind.KEY_WORKER_CONTACT).owner == world.key_worker
    services.assign_key_worker(
        child=world.child,
        practitioner=world.team_member,
        reason="The child mainly has health needs and knows her",
        by=world.manager.user,
        now=timezone.now(),
        today=timezone.localdate(),
    )
    duty = Duty.objects.open().get(child=world.child, kind=DutyKind.KEY_WORKER_CONTACT)
    assert duty.owner == world.team_member
    assert duty.due_on == timezone.localdate() + timedelta(days=28)


@db
def test_r_b4_contact_facts_read_levels_in_a_fixed_number_of_queries(world):
    def count(children):
        with CaptureQueriesContext(connection) as ctx:
            facts_for(children)
        return len(ctx.captured_queries)

    one = count(list(Child.objects.filter(pk=world.child.pk)))
    for _ in range(5):
        child = ChildFactory(area=world.area, holding_team=world.hub)
        TeamMembershipFactory(child=child, practitioner=world.key_worker)
        KeyWorkerAssignmentFactory(child=child, practitioner=world.key_worker)
        KeyWorkingSupport.objects.create(
            child=child,
            level="LIGHT",
            contact_days=56,
            reason="Stable",
            review_on=TODAY,
            set_by=world.manager.user,
            set_at=timezone.now(),
        )
    assert count(list(Child.objects.all())) == one


@db
def test_r_b4_level_page_for_the_key_worker_shows_levels_and_records_a_review(client, world):
    client.force_login(world.key_worker.user)
    url = reverse("teams:key-working-level", args=[world.child.pk])
    body = html.unescape(client.get(url).content.decode())
    assert "No level has been set yet" in body
    assert rules.LEVELS["INTENSIVE"].reason in body
    body = html.unescape(client.post(url, {}).content.decode())
    assert "Select the level of key working support" in body
    assert "Enter why this level suits the child and family's circumstances" in body
    review = timezone.localdate() + timedelta(days=30)
    response = client.post(
        url,
        {
            "level": "INTENSIVE",
            "tailored_days": "",
            "review_on-day": review.day,
            "review_on-month": review.month,
            "review_on-year": review.year,
            "reason": "Just out of hospital",
        },
    )
    assert response.status_code == 302
    body = html.unescape(client.get(url).content.decode())
    assert "Now: <strong>Intensive</strong>, the key worker is in touch every 7 days" in body
    assert "Next contact due" in body
    assert "Why: Just out of hospital" in body
