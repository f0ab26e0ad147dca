"""B9 and B10 rules, table-tested without a database."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.disagreements import rules
from joinedup.disagreements.choices import LADDER, DisagreementStatus, KnowledgeCategory, Rank
from joinedup.disagreements.rules import PartyInput

ALLOWED = {"P:a", "P:b", "C:c", "CHILD"}
S = DisagreementStatus


def _ids(violations: list) -> list[str]:
    return [v.rule for v in violations]


def _p(slot: int, who: str, wants: str) -> PartyInput:
    return PartyInput(slot=slot, who=who, wants=wants)


TWO = [_p(1, "P:a", "Keep weekly visits"), _p(2, "C:c", "Fortnightly visits")]


@pytest.mark.parametrize(
    ("issue", "parties", "expected"),
    [
        ("Visits", TWO, []),
        ("Visits", [*TWO, _p(3, "", ""), _p(4, "CHILD", "To be asked")], []),  # a blank slot is ignored
        ("", TWO, ["B9-ISSUE"]),
        ("   ", TWO, ["B9-ISSUE"]),
        ("Visits", TWO[:1], ["B9-PARTIES"]),
        ("Visits", [], ["B9-PARTIES"]),
        ("Visits", [TWO[0], _p(2, "P:a", "Something else")], ["B9-PARTY-ONCE", "B9-PARTIES"]),
        ("Visits", [TWO[0], _p(2, "", "Something")], ["B9-PARTY-WHO", "B9-PARTIES"]),
        ("Visits", [TWO[0], _p(2, "C:c", " ")], ["B9-PARTY-WANTS"]),
        ("Visits", [TWO[0], _p(2, "P:left-the-team", "x")], ["B9-PARTY-IN-TEAM", "B9-PARTIES"]),
    ],
)
def test_r_b9_log_what_is_needed(issue, parties, expected):
    assert _ids(rules.log_violations(issue=issue, parties=parties, allowed=ALLOWED)) == expected


def test_r_b9_party_messages_name_the_slot_and_say_why():
    found = rules.log_violations(issue="x", parties=[TWO[0], _p(2, "C:c", "")], allowed=ALLOWED)
    assert [(v.field, v.message) for v in found] == [("party_2_wants", "Enter what this person wants")]


def test_r_b9_ladder_goes_team_then_team_managers_then_operations():
    assert LADDER == (S.OPEN, S.TEAM_MANAGERS, S.OPERATIONS)
    assert rules.next_rung(S.OPEN) == S.TEAM_MANAGERS
    assert rules.next_rung(S.TEAM_MANAGERS) == S.OPERATIONS
    assert rules.next_rung(S.OPERATIONS) is None
    assert rules.next_rung(S.RESOLVED) is None


@pytest.mark.parametrize(
    ("status", "note", "managers", "expected"),
    [
        (S.OPEN, "Could not agree", 1, []),
        (S.TEAM_MANAGERS, "Managers could not agree", 2, []),
        (S.OPEN, "", 1, ["B9-ESCALATE-WHY"]),
        (S.OPEN, "Could not agree", 0, ["B9-ESCALATE-TO-SOMEONE"]),
        (S.TEAM_MANAGERS, " ", 0, ["B9-ESCALATE-WHY", "B9-ESCALATE-TO-SOMEONE"]),
        (S.OPERATIONS, "Still no agreement", 1, ["B9-ESCALATE-TOP"]),
        (S.RESOLVED, "Reopen", 1, ["B9-ESCALATE-RESOLVED"]),
    ],
)
def test_r_b9_escalate_every_transition(status, note, managers, expected):
    assert _ids(rules.escalation_violations(status=status, note=note, managers_on_next_rung=managers)) == expected


def test_r_b9_escalate_top_says_why():
    (v,) = rules.escalation_violations(status=S.OPERATIONS, note="x", managers_on_next_rung=1)
    assert "top of the ladder" in v.message


@pytest.mark.parametrize(
    ("status", "rank", "allowed"),
    [
        (S.OPEN, Rank.MEMBER, True),
        (S.OPEN, Rank.TEAM_MANAGER, True),
        (S.OPEN, Rank.OPERATIONS_MANAGER, True),
        (S.TEAM_MANAGERS, Rank.MEMBER, False),
        (S.TEAM_MANAGERS, Rank.TEAM_MANAGER, True),
        (S.TEAM_MANAGERS, Rank.OPERATIONS_MANAGER, True),
        (S.OPERATIONS, Rank.MEMBER, False),
        (S.OPERATIONS, Rank.TEAM_MANAGER, False),
        (S.OPERATIONS, Rank.OPERATIONS_MANAGER, True),
    ],
)
def test_r_b9_resolve_rung_who_may_record_the_resolution(status, rank, allowed):
    found = _ids(rules.resolution_violations(status=status, resolution="Agreed", rank=rank))
    assert found == ([] if allowed else ["B9-RESOLVE-RUNG"])


def test_r_b9_resolve_text_is_needed():
    found = rules.resolution_violations(status=S.OPEN, resolution="  ", rank=Rank.MEMBER)
    assert [(v.rule, v.field) for v in found] == [("B9-RESOLVE-TEXT", "resolution")]


@pytest.mark.parametrize("rank", list(Rank))
def test_r_b9_resolve_once_never_twice(rank):
    found = rules.resolution_violations(status=S.RESOLVED, resolution="Agreed again", rank=rank)
    assert _ids(found) == ["B9-RESOLVE-ONCE"]
    assert "already resolved" in found[0].message


@pytest.mark.parametrize(
    ("raised", "today", "days"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), 0),
        (date(2026, 3, 1), date(2026, 3, 2), 1),
        (date(2026, 2, 1), date(2026, 3, 1), 28),
    ],
)
def test_r_b9_age_in_whole_days(raised, today, days):
    assert rules.days_open(raised_on=raised, today=today) == days


# ---- B10 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "title", "text", "link", "expected"),
    [
        (KnowledgeCategory.CARING_TECHNIQUES, "Safe eating", "Use a thickener", "", []),
        (KnowledgeCategory.SUPPORT_ORGANISATIONS, "Contact", "A charity", "https://example.org/help", []),
        (KnowledgeCategory.NETWORKS, "Network", "A network", "http://example.org", []),
        ("GOSSIP", "Title", "Text", "", ["B10-CATEGORY"]),
        ("", "Title", "Text", "", ["B10-CATEGORY"]),
        (KnowledgeCategory.PRACTICE_OR_LAW, " ", "Text", "", ["B10-TITLE"]),
        (KnowledgeCategory.PRACTICE_OR_LAW, "Title", "", "", ["B10-TEXT"]),
        (KnowledgeCategory.PRACTICE_OR_LAW, "Title", "Text", "javascript:alert(1)", ["B10-LINK"]),
        (KnowledgeCategory.PRACTICE_OR_LAW, "Title", "Text", "example.org", ["B10-LINK"]),
    ],
)
def test_r_b10_what_is_needed_to_share(category, title, text, link, expected):
    assert _ids(rules.knowledge_violations(category=category, title=title, text=text, link=link)) == expected


def test_r_b10_categories_are_the_ng213_list():
    assert set(KnowledgeCategory.values) == {
        "PRACTICE_OR_LAW",
        "CARING_TECHNIQUES",
        "NETWORKS",
        "SUPPORT_ORGANISATIONS",
    }


@pytest.mark.parametrize(("tell", "expected"), [(True, {"b", "c"}), (False, set())])
def test_r_b10_tell_the_other_members_unless_asked_not_to(tell, expected):
    assert rules.who_to_tell(members=["a", "b", "c"], poster="a", tell_team=tell) == expected


def test_r_b9_b10_catalogue_matches_the_rules_and_the_tests():
    """Every ID in docs/rules/DISAGREEMENTS.md is raised or named in rules.py and exercised here."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    documented = set(
        re.findall(r"^\| (B(?:9|10)-[A-Z-]+) \|", (root / "docs/rules/DISAGREEMENTS.md").read_text(), re.M)
    )
    source = (root / "joinedup/disagreements/rules.py").read_text()
    tests = "".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    raised = set(re.findall(r'"(B(?:9|10)-[A-Z-]+)"', source))
    assert raised <= documented
    exercised = {i for i in documented if f'"{i}"' in tests or f"test_r_{i.lower().replace('-', '_')}" in tests}
    assert exercised == documented
