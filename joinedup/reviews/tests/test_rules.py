"""What a visit and a child in need review must record (C5, E3), by rule ID."""

from datetime import date

import pytest

from joinedup.allocation.choices import HubCode
from joinedup.reviews import rules
from joinedup.reviews.choices import SeenAlone, Step

TODAY = date(2026, 12, 1)
SS, SF, RI = HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, HubCode.REVIEW_INTERVENTION


@pytest.mark.parametrize(
    ("visited_on", "seen", "alone", "notes", "messages"),
    [
        (TODAY, True, SeenAlone.YES, "Played with trains", []),
        (TODAY, False, SeenAlone.NO, "Child at respite; spoke to mum", []),
        (date(2026, 12, 2), True, SeenAlone.NO, "x", ["The date of the visit must be today or in the past"]),
        (TODAY, False, SeenAlone.YES, "x", ["A child who was not seen was not seen alone: select no"]),
        (TODAY, True, SeenAlone.NOT_RELEVANT, "  ", ["Enter what happened on the visit"]),
    ],
)
def test_r_c5_visit_record_is_dated_and_says_what_happened(visited_on, seen, alone, notes, messages):
    violations = rules.visit_violations(visited_on=visited_on, seen=seen, seen_alone=alone, notes=notes, today=TODAY)
    assert [v.message for v in violations] == messages


@pytest.mark.parametrize(("seen", "counts"), [(True, True), (False, False)])
def test_r_c5_visit_seen_only_a_visit_where_the_child_was_seen_counts(seen, counts):
    assert rules.counts_as_visit(seen=seen) is counts


def _review(**overrides):
    values = {
        "held_on": TODAY,
        "attendees": "Mum\nSocial worker\nTeacher",
        "child_views": "Showed the 'happy' symbol for school",
        "family_views": "Mum wants more respite",
        "decisions": "Increase short breaks",
        "step": Step.STAY,
        "holding_hub": SS,
        "to_hub": None,
        "today": TODAY,
    }
    return [v.message for v in rules.review_violations(**(values | overrides))]


def test_r_c5_review_record_complete_review_is_accepted():
    assert _review() == []


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("attendees", "Enter who took part"),
        ("decisions", "Enter what was decided"),
    ],
)
def test_r_c5_review_record_says_who_took_part_and_what_was_decided(field, message):
    assert _review(**{field: " "}) == [message]


def test_r_e3_voice_every_review_records_the_childs_and_the_familys_own_views():
    assert _review(child_views="", family_views="") == [
        "Enter what the child said, or how their views were gathered (for example through their communication aid, "
        "or what was observed)",
        "Enter what the family said",
    ]


@pytest.mark.parametrize(
    ("step", "holding", "to", "message"),
    [
        (Step.STEP_DOWN, SS, SF, None),
        (Step.STEP_DOWN, SF, RI, None),
        (Step.STEP_UP, RI, SS, None),
        (Step.STEP_UP, SF, SS, None),
        (Step.STEP_UP, SS, SF, "Strengthening Families is not a step up from Safeguarding & Support"),
        (Step.STEP_DOWN, RI, SF, "Strengthening Families is not a step down from Review & Intervention"),
        (Step.STEP_DOWN, SF, SF, "Strengthening Families is not a step down from Strengthening Families"),
        (Step.STEP_DOWN, SS, None, "Select the hub the case should move to"),
        (Step.STEP_UP, None, SS, "No hub holds this case, so it cannot step up or down"),
    ],
)
def test_r_c5_review_step_up_goes_to_higher_need_and_down_to_lower(step, holding, to, message):
    assert _review(step=step, holding_hub=holding, to_hub=to) == ([message] if message else [])
