"""B7 contingency plan rules, one test per rule ID."""

import datetime as dt

from joinedup.contingency import rules
from joinedup.contingency.choices import AbsenceKind
from joinedup.teams.rules import key_worker_reason_violations

TODAY = dt.date(2026, 11, 30)


def _cover(**changes):
    return rules.cover_violations(
        **{"is_themselves": False, "cover_active": True, "same_area": True, "cover_away": False, "reason": "x"}
        | changes
    )


def test_r_b7_cover_is_someone_else_working_now_in_the_area_with_a_reason():
    assert _cover() == []
    assert [v.field for v in _cover(is_themselves=True)] == ["cover"]
    assert [v.field for v in _cover(cover_active=False)] == ["cover"]
    assert [v.field for v in _cover(cover_away=True)] == ["cover"]
    assert [v.field for v in _cover(same_area=False)] == ["cover"]
    assert [v.field for v in _cover(reason="  ")] == ["reason"]
    assert {v.rule for v in _cover(is_themselves=True, reason="")} == {"B7-COVER"}


def test_r_b7_breach_no_cover_or_a_cover_who_cannot_take_over():
    state = rules.cover_state
    assert state(has_cover=False, cover_active=False, cover_same_area=False) == rules.CoverState.NONE
    assert state(has_cover=True, cover_active=False, cover_same_area=True) == rules.CoverState.NOT_USABLE
    assert state(has_cover=True, cover_active=True, cover_same_area=False) == rules.CoverState.NOT_USABLE
    assert state(has_cover=True, cover_active=True, cover_same_area=True) == rules.CoverState.NAMED


def test_r_b7_flag_the_cover_takes_over_only_if_they_could_be_key_worker_today():
    assert rules.is_usable_cover(has_cover=True, cover_active=True, cover_same_area=True)
    assert not rules.is_usable_cover(has_cover=True, cover_active=False, cover_same_area=True)
    assert not rules.is_usable_cover(has_cover=False, cover_active=True, cover_same_area=True)


def test_r_b7_flag_the_covering_reason_names_the_plan_not_the_job():
    reason = rules.covering_reason(absent_name="Sam Jones", kind_label=AbsenceKind.SICK_LEAVE.label)
    assert "Sam Jones" in reason
    assert "contingency plan" in reason
    assert key_worker_reason_violations(reason) == []  # B3-NOT-SAME-JOB accepts it


def _inactive(**changes):
    fields = {"is_active": True, "kind": AbsenceKind.LEFT, "from_date": TODAY, "note": "", "today": TODAY}
    return rules.inactive_violations(**fields | changes)


def test_r_b7_inactive_only_someone_working_for_a_known_reason_from_today_or_recently():
    assert _inactive() == []
    assert _inactive(from_date=TODAY - dt.timedelta(days=rules.LONGEST_BACKDATE_DAYS)) == []
    assert [v.field for v in _inactive(is_active=False)] == [None]
    assert [v.field for v in _inactive(kind="HOLIDAY")] == ["kind"]
    assert [v.field for v in _inactive(from_date=TODAY + dt.timedelta(days=1))] == ["from_date"]
    assert [v.field for v in _inactive(from_date=TODAY - dt.timedelta(days=rules.LONGEST_BACKDATE_DAYS + 1))] == [
        "from_date"
    ]
    assert [v.field for v in _inactive(kind=AbsenceKind.OTHER_ABSENCE)] == ["note"]
    assert _inactive(kind=AbsenceKind.OTHER_ABSENCE, note="Secondment") == []
    assert {v.rule for v in _inactive(is_active=False, kind="x")} == {"B7-INACTIVE"}


def test_r_b7_return_after_a_long_absence_but_not_after_leaving():
    assert rules.active_violations(is_active=False, kind=AbsenceKind.SICK_LEAVE) == []
    assert rules.active_violations(is_active=False, kind=AbsenceKind.PARENTAL_LEAVE) == []
    assert [v.rule for v in rules.active_violations(is_active=True, kind="")] == ["B7-RETURN"]
    assert [v.rule for v in rules.active_violations(is_active=False, kind=AbsenceKind.LEFT)] == ["B7-RETURN"]


def test_r_b7_age_days_since_the_child_was_flagged():
    assert rules.days_covered(raised_on=TODAY - dt.timedelta(days=9), today=TODAY) == 9
    assert rules.days_covered(raised_on=TODAY, today=TODAY) == 0
    assert rules.days_covered(raised_on=TODAY + dt.timedelta(days=1), today=TODAY) == 0


def test_every_contingency_rule_id_is_catalogued_and_tested():
    import re
    from pathlib import Path

    here = Path(__file__).parent
    ids = set(re.findall(r"\b(B7-[A-Z]+)\b", (here.parent / "rules.py").read_text()))
    catalogue = (here.parents[2] / "docs" / "rules" / "CONTINGENCY.md").read_text()
    tests = "".join(p.read_text() for p in here.glob("test_*.py"))
    assert ids == {"B7-COVER", "B7-BREACH", "B7-FLAG", "B7-INACTIVE", "B7-RETURN", "B7-AGE"}
    for rule in ids:
        assert f"| {rule} |" in catalogue, rule
        assert f"def test_r_{rule.lower().replace('-', '_')}_" in tests, rule
