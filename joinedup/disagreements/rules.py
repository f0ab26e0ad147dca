"""Disagreements (B9; NG213 1.16.2, CwDT 6.3.4) and shared knowledge (B10; NG213 1.16.4, 1.16.5).

Pure: no queries, no writes, no clock. IDs match docs/rules/DISAGREEMENTS.md.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from joinedup.core.rules import Violation
from joinedup.disagreements.choices import LADDER, DisagreementStatus, KnowledgeCategory, Rank

MIN_PARTIES = 2  # a disagreement has at least two sides


@dataclass(frozen=True)
class PartyInput:
    """One row of the form: its slot (1, 2, ...), who (a key such as ``P:<id>``) and what they want."""

    slot: int
    who: str
    wants: str


def log_violations(*, issue: str, parties: Sequence[PartyInput], allowed: Collection[str]) -> list[Violation]:
    """What is needed to log a disagreement (B9-ISSUE, B9-PARTY-*, B9-PARTIES).

    ``allowed`` is who may be a party: the current members of the child's team, the child's parents
    and carers, and the child. A slot left wholly blank is ignored.
    """
    found: list[Violation] = []
    if not issue.strip():
        found.append(Violation("B9-ISSUE", "issue", "Enter what the disagreement is about"))
    seen: set[str] = set()
    for p in parties:
        who, wants = p.who.strip(), p.wants.strip()
        if not who and not wants:
            continue
        if not who:
            found.append(Violation("B9-PARTY-WHO", f"party_{p.slot}_who", "Choose who wants this"))
            continue
        if who not in allowed:
            found.append(
                Violation(
                    "B9-PARTY-IN-TEAM",
                    f"party_{p.slot}_who",
                    "Choose a current member of the child's team, a parent or carer, or the child",
                )
            )
        elif who in seen:
            found.append(Violation("B9-PARTY-ONCE", f"party_{p.slot}_who", "Name each person once"))
        else:
            seen.add(who)
        if not wants:
            found.append(Violation("B9-PARTY-WANTS", f"party_{p.slot}_wants", "Enter what this person wants"))
    if len(seen) < MIN_PARTIES:
        found.append(
            Violation(
                "B9-PARTIES",
                "party_2_who",
                "Name at least two parties, each with what they want: a disagreement has more than one side",
            )
        )
    return found


def next_rung(status: str) -> DisagreementStatus | None:
    """The rung above ``status`` on the ladder (B9-LADDER): None at the top or once resolved."""
    if status not in LADDER:
        return None
    i = LADDER.index(DisagreementStatus(status))
    return LADDER[i + 1] if i + 1 < len(LADDER) else None


def escalation_violations(*, status: str, note: str, managers_on_next_rung: int) -> list[Violation]:
    """May the disagreement go up a rung? (B9-ESCALATE-*)."""
    if status == DisagreementStatus.RESOLVED:
        return [Violation("B9-ESCALATE-RESOLVED", None, "This disagreement is resolved: it cannot be escalated")]
    rung = next_rung(status)
    if rung is None:
        return [
            Violation(
                "B9-ESCALATE-TOP",
                None,
                "This disagreement is already with the operations or service manager, the top of the ladder: "
                "record how it was resolved",
            )
        ]
    found: list[Violation] = []
    if not note.strip():
        found.append(
            Violation("B9-ESCALATE-WHY", "note", "Enter why the disagreement could not be resolved at this level")
        )
    if managers_on_next_rung < 1:
        who = "team manager" if rung == DisagreementStatus.TEAM_MANAGERS else "operations or service manager"
        found.append(
            Violation(
                "B9-ESCALATE-TO-SOMEONE",
                None,
                f"There is no {who} for the hub holding the case to escalate to: the case must be held by a hub",
            )
        )
    return found


# Who may record the resolution at each rung: whoever the disagreement has reached, or someone above.
RESOLVERS: dict[str, frozenset[Rank]] = {
    DisagreementStatus.OPEN: frozenset(Rank),
    DisagreementStatus.TEAM_MANAGERS: frozenset({Rank.TEAM_MANAGER, Rank.OPERATIONS_MANAGER}),
    DisagreementStatus.OPERATIONS: frozenset({Rank.OPERATIONS_MANAGER}),
}


def resolution_violations(*, status: str, resolution: str, rank: str) -> list[Violation]:
    """May this person record the resolution now? (B9-RESOLVE-*)."""
    if status == DisagreementStatus.RESOLVED:
        return [
            Violation("B9-RESOLVE-ONCE", None, "This disagreement is already resolved: it cannot be resolved again")
        ]
    found: list[Violation] = []
    if rank not in RESOLVERS.get(status, frozenset()):
        who = {
            DisagreementStatus.TEAM_MANAGERS: "a team manager of the hub holding the case",
            DisagreementStatus.OPERATIONS: "the operations or service manager",
        }.get(DisagreementStatus(status), "someone taking part")
        found.append(
            Violation(
                "B9-RESOLVE-RUNG",
                None,
                f"This disagreement has been escalated: only {who} can record how it was resolved",
            )
        )
    if not resolution.strip():
        found.append(Violation("B9-RESOLVE-TEXT", "resolution", "Enter how the disagreement was resolved"))
    return found


def days_open(*, raised_on: date, today: date) -> int:
    """Whole days since the disagreement was logged (B9-AGE): 0 on the day itself."""
    return max(0, (today - raised_on).days)


# ---- B10: shared knowledge ---------------------------------------------------------------------


def knowledge_violations(*, category: str, title: str, text: str, link: str) -> list[Violation]:
    """What is needed to share knowledge with the team (B10-CATEGORY, B10-TITLE, B10-TEXT, B10-LINK)."""
    found: list[Violation] = []
    if category not in KnowledgeCategory.values:
        found.append(Violation("B10-CATEGORY", "category", "Choose what kind of knowledge this is"))
    if not title.strip():
        found.append(Violation("B10-TITLE", "title", "Enter a title"))
    if not text.strip():
        found.append(Violation("B10-TEXT", "text", "Enter what you want the team to know"))
    if link.strip() and not link.strip().lower().startswith(("https://", "http://")):
        found.append(Violation("B10-LINK", "link", "Enter a link that starts with https:// or http://"))
    return found


def who_to_tell[T: Hashable](*, members: Iterable[T], poster: T, tell_team: bool) -> set[T]:
    """The other current members of the child's team, if the poster chose to tell them (B10-TELL)."""
    return {m for m in members if m != poster} if tell_team else set()
