"""G1 emergency access rules. No database."""

from joinedup.access import rules


def test_r_g1_break_glass_needs_a_reason_in_words():
    [violation] = rules.break_glass_violations(reason="  urgent  ", child_found=True)
    assert (violation.rule, violation.field) == ("G1-BREAK-GLASS", "reason")


def test_r_g1_break_glass_needs_a_child_in_the_area():
    [violation] = rules.break_glass_violations(reason="Arrived at A&E tonight", child_found=False)
    assert violation.field == "nhs_number"


def test_r_g1_break_glass_with_reason_and_child_is_allowed():
    assert rules.break_glass_violations(reason="Arrived at A&E tonight", child_found=True) == []
