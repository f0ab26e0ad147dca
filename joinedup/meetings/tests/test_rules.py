"""B5 meeting rules, table-tested without a database."""

from datetime import UTC, datetime, timedelta

from joinedup.meetings import rules
from joinedup.meetings.choices import MeetingStatus

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _ids(violations):
    return [(v.rule, v.field) for v in violations]


def test_r_b5_meeting_details_title_and_agenda_are_needed():
    assert _ids(rules.details_violations(title=" ", agenda="")) == [
        ("B5-MEETING-DETAILS", "title"),
        ("B5-MEETING-DETAILS", "agenda"),
    ]
    assert rules.details_violations(title="TAC meeting", agenda="Short breaks") == []


def test_r_b5_meeting_future_a_meeting_is_scheduled_in_the_future():
    assert _ids(rules.when_violations(starts_at=NOW, now=NOW)) == [("B5-MEETING-FUTURE", "starts_on")]
    assert _ids(rules.when_violations(starts_at=NOW - timedelta(minutes=1), now=NOW)) == [
        ("B5-MEETING-FUTURE", "starts_on")
    ]
    assert rules.when_violations(starts_at=NOW + timedelta(minutes=1), now=NOW) == []


def test_r_b5_meeting_where_a_place_or_a_link():
    assert _ids(rules.where_violations(place=" ", video_link="")) == [("B5-MEETING-WHERE", "place")]
    assert rules.where_violations(place="Riverside Centre", video_link="") == []
    assert rules.where_violations(place="", video_link="https://meet.example.org/abc") == []


def test_r_b5_meeting_invitees_someone_besides_the_organiser():
    assert _ids(rules.invitee_violations(invitees_besides_organiser=0)) == [("B5-MEETING-INVITEES", "practitioners")]
    assert rules.invitee_violations(invitees_besides_organiser=1) == []


def test_r_b5_meeting_open_only_a_planned_meeting_changes():
    assert rules.open_violations(status=MeetingStatus.PLANNED) == []
    for status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        assert _ids(rules.open_violations(status=status)) == [("B5-MEETING-OPEN", None)]


def test_r_b5_meeting_cancel_says_why():
    assert _ids(rules.cancel_violations(reason="  ")) == [("B5-MEETING-CANCEL", "reason")]
    assert rules.cancel_violations(reason="The nurse is ill") == []


def test_r_b5_meeting_minutes_only_after_the_start_and_not_empty():
    later = NOW + timedelta(hours=1)
    assert _ids(rules.minutes_violations(minutes="Discussed", starts_at=later, now=NOW)) == [
        ("B5-MEETING-MINUTES", None)
    ]
    assert _ids(rules.minutes_violations(minutes=" ", starts_at=NOW, now=NOW)) == [("B5-MEETING-MINUTES", "minutes")]
    assert rules.minutes_violations(minutes="Discussed", starts_at=NOW, now=NOW) == []


def test_r_b5_meeting_action_a_started_action_is_complete():
    blank = rules.ActionRow(1, False, False, False, False)
    whole = rules.ActionRow(2, True, True, True, True)
    half = rules.ActionRow(3, True, False, True, False)
    assert rules.action_violations(actions=[blank, whole]) == []
    assert _ids(rules.action_violations(actions=[half])) == [
        ("B5-MEETING-ACTION", "action_3_outcome"),
        ("B5-MEETING-ACTION", "action_3_target_date"),
    ]


def test_every_meeting_rule_id_is_catalogued_and_tested():
    import re
    from pathlib import Path

    here = Path(__file__).parent
    ids = set(re.findall(r'"(B5-MEETING-[A-Z]+)"', (here.parent / "rules.py").read_text()))
    catalogue = (here.parents[2] / "docs" / "rules" / "MEETINGS.md").read_text()
    tests = "".join(p.read_text() for p in here.glob("test_*.py"))
    assert len(ids) == 8
    for rule in ids:
        assert f"| {rule} |" in catalogue, rule
        assert f"def test_r_{rule.lower().replace('-', '_')}_" in tests, rule
