"""B1 and B2 rules: team gaps, membership dates, who can be key worker. No database."""

from datetime import date

from joinedup.teams import rules

TODAY = date(2026, 11, 23)


def test_r_b1_a_need_nobody_in_the_team_is_skilled_for_is_unmet():
    needs = ["COMPLEX_HEALTH", "LEARNING_DISABILITY", "SENSORY_IMPAIRMENT"]
    skills = [{"LEARNING_DISABILITY", "SAFEGUARDING"}, {"MOVING_AND_HANDLING"}]
    assert rules.unmet_needs(needs, skills) == ["SENSORY_IMPAIRMENT", "COMPLEX_HEALTH"]


def test_r_b1_a_child_with_no_team_has_every_need_unmet():
    assert rules.unmet_needs(["LIFE_LIMITING"], []) == ["LIFE_LIMITING"]


def test_r_b1_every_need_met_leaves_no_gap():
    assert rules.unmet_needs(["MENTAL_HEALTH"], [{"MENTAL_HEALTH"}]) == []


def test_r_b1_membership_cannot_end_before_it_starts():
    [violation] = rules.membership_violations(
        start_date=date(2026, 5, 1),
        end_date=date(2026, 4, 30),
        today=TODAY,
        already_member=False,
        practitioner_active=True,
    )
    assert violation.field == "end_date"
    assert violation.message == "End date must be the same as or after the start date"


def test_r_b1_membership_cannot_end_in_the_future():
    [violation] = rules.end_membership_violations(start_date=date(2026, 5, 1), end_date=date(2026, 11, 24), today=TODAY)
    assert violation.message == "End date must be today or in the past"


def test_r_b1_practitioner_joins_a_child_team_once():
    violations = rules.membership_violations(
        start_date=TODAY, end_date=None, today=TODAY, already_member=True, practitioner_active=True
    )
    assert [v.rule for v in violations] == ["B1-MEMBER"]


def test_r_b2_key_worker_must_be_in_the_child_team():
    [violation] = rules.key_worker_violations(is_current_member=False, practitioner_active=True, reason="Knows them")
    assert violation.field == "practitioner"
    assert "in the child's team" in violation.message


def test_r_b2_key_worker_choice_needs_a_reason():
    [violation] = rules.key_worker_violations(is_current_member=True, practitioner_active=True, reason="   ")
    assert violation.field == "reason"


def test_r_b2_an_inactive_practitioner_cannot_be_key_worker():
    [violation] = rules.key_worker_violations(is_current_member=True, practitioner_active=False, reason="x")
    assert violation.rule == "B2-ASSIGN"
