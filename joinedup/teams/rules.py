"""Interagency team and key worker rules (B1, B2, B3). Pure: no queries, no writes, no clock."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from joinedup.core.rules import Violation
from joinedup.organisations.choices import Sector
from joinedup.people.choices import Need


def unmet_needs(needs: Iterable[str], member_skills: Iterable[Collection[str]]) -> list[str]:
    """B1-GAPS: the child's needs that no current team member has the skills to address.

    Skills and needs share codes (CwDT 1.2), so a need is met when any member lists it.
    Returned in the controlled list's order.
    """
    covered = set().union(*member_skills) if member_skills else set()
    wanted = set(needs)
    return [n for n in Need.values if n in wanted and n not in covered]


def membership_violations(
    *, start_date: date, end_date: date | None, today: date, already_member: bool, practitioner_active: bool
) -> list[Violation]:
    """B1-MEMBER: a practitioner joins a team once, while active, and ends after they start."""
    violations = []
    if already_member:
        violations.append(Violation("B1-MEMBER", "practitioner", "This practitioner is already in the child's team"))
    if not practitioner_active:
        violations.append(Violation("B1-MEMBER", "practitioner", "This practitioner's account is switched off"))
    if end_date is not None and end_date < start_date:
        violations.append(Violation("B1-MEMBER", "end_date", "End date must be the same as or after the start date"))
    if end_date is not None and end_date > today:
        violations.append(Violation("B1-MEMBER", "end_date", "End date must be today or in the past"))
    return violations


def end_membership_violations(*, start_date: date, end_date: date, today: date) -> list[Violation]:
    """B1-END: a membership ends on or after its start, and not in the future."""
    return membership_violations(
        start_date=start_date, end_date=end_date, today=today, already_member=False, practitioner_active=True
    )


def key_worker_violations(*, is_current_member: bool, practitioner_active: bool, reason: str) -> list[Violation]:
    """B2-ASSIGN: the key worker is an active, current member of the child's team; say why."""
    violations = []
    if not is_current_member:
        violations.append(
            Violation(
                "B2-ASSIGN", "practitioner", "Select someone who is in the child's team; add them to the team first"
            )
        )
    if not practitioner_active:
        violations.append(Violation("B2-ASSIGN", "practitioner", "This practitioner's account is switched off"))
    if not reason.strip():
        violations.append(Violation("B2-ASSIGN", "reason", "Enter why this practitioner is the right key worker"))
    return violations


# ---- B3: choosing the key worker (NG213 1.15.5, 1.15.9) ------------------------------------------

HEALTH_NEEDS = frozenset({Need.COMPLEX_HEALTH, Need.LIFE_LIMITING})
HEALTH_SECTOR = Sector.HEALTH

# B3-CAPACITY: the delivery model's only caseload figure is "up to 50 children" per worker
# (CwDT 4.3, 5.7). A worker's own limit (allocation.CaseloadCapacity), set by their manager, wins.
DEFAULT_KEY_WORKING_CAPACITY = 50

# Points per rule. Fit to the child's main needs and the child's own wishes weigh most; a health
# practitioner for mainly health needs (NG213 1.15.5) outweighs one extra skill match.
POINTS_HEALTH_LEAD = 4
POINTS_MAIN_NEED = 2
POINTS_OTHER_NEED = 1
POINTS_PREFERRED = 4
POINTS_IN_TEAM = 2
POINTS_KNEW_BEFORE = 1


@dataclass(frozen=True, kw_only=True)
class ChildNeeds:
    """The child's needs and which of them are the main ones (people.ChildNeed.is_main)."""

    needs: frozenset[str]
    main: frozenset[str]

    @property
    def main_needs(self) -> frozenset[str]:
        """The needs marked main; with none marked, every need counts as main."""
        return self.main or self.needs

    @property
    def mainly_health(self) -> bool:
        """More than half the main needs are health needs (complex health, life-limiting)."""
        main = self.main_needs
        return bool(main) and 2 * len(main & HEALTH_NEEDS) > len(main)


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One possible key worker: who they are, how they know the child, how many children they key-work."""

    practitioner_id: UUID
    name: str
    sector: str
    skills: frozenset[str]
    in_team_since: date | None = None  # a current member of the child's team
    knew_before: bool = False  # was in the child's team before and left
    preferred_by: str = ""  # "the child", "the family": who asked for them, empty if nobody
    key_working: int = 0
    capacity: int = DEFAULT_KEY_WORKING_CAPACITY

    @property
    def has_room(self) -> bool:
        return self.key_working < self.capacity


@dataclass(frozen=True)
class Fired:
    rule: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    candidate: Candidate
    score: int
    fired: tuple[Fired, ...]

    @property
    def has_room(self) -> bool:
        return self.candidate.has_room


def _need_labels(needs: Iterable[str]) -> str:
    return ", ".join(Need(n).label.lower() for n in Need.values if n in set(needs))


def score_candidate(child: ChildNeeds, c: Candidate) -> Suggestion:
    """B3-HEALTH-LEAD, B3-NEEDS-FIT, B3-PREFERENCE, B3-KNOWN, B3-CAPACITY: the candidate's score and
    every rule that fired, with its reason in plain English."""
    fired: list[Fired] = []
    score = 0
    if child.mainly_health and c.sector == HEALTH_SECTOR:
        score += POINTS_HEALTH_LEAD
        fired.append(
            Fired(
                "B3-HEALTH-LEAD",
                "The child mainly has health needs and this is a health practitioner: "
                '"if they mainly have healthcare needs then a healthcare practitioner would be best" (NG213 1.15.5)',
            )
        )
    main = child.main_needs & c.skills
    other = (child.needs - child.main_needs) & c.skills
    if main or other:
        score += POINTS_MAIN_NEED * len(main) + POINTS_OTHER_NEED * len(other)
        parts = []
        if main:
            parts.append(f"the child's main needs ({_need_labels(main)})")
        if other:
            parts.append(f"other needs ({_need_labels(other)})")
        fired.append(Fired("B3-NEEDS-FIT", "Has the skills for " + " and ".join(parts)))
    if c.preferred_by:
        score += POINTS_PREFERRED
        fired.append(Fired("B3-PREFERENCE", f"Asked for by {c.preferred_by}: someone the child is comfortable with"))
    if c.in_team_since is not None:
        score += POINTS_IN_TEAM
        fired.append(Fired("B3-KNOWN", f"Already in the child's team, since {c.in_team_since:%-d %B %Y}"))
    elif c.knew_before:
        score += POINTS_KNEW_BEFORE
        fired.append(Fired("B3-KNOWN", "Was in the child's team before: the child knows them"))
    if c.has_room:
        fired.append(Fired("B3-CAPACITY", f"Has room: key worker for {c.key_working} of {c.capacity} children"))
    else:
        fired.append(
            Fired(
                "B3-CAPACITY",
                f"At capacity: key worker for {c.key_working} of {c.capacity} children, "
                "so ranked after everyone with room",
            )
        )
    return Suggestion(candidate=c, score=score, fired=tuple(fired))


def rank_key_workers(child: ChildNeeds, candidates: Iterable[Candidate]) -> list[Suggestion]:
    """B3-RANK: everyone with room first, then by score, then by fewest children key-worked, then
    by name. Nobody at or over capacity is ranked above anyone with room."""
    scored = [score_candidate(child, c) for c in candidates]
    return sorted(
        scored,
        key=lambda s: (
            not s.has_room,
            -s.score,
            s.candidate.key_working,
            s.candidate.name,
            str(s.candidate.practitioner_id),
        ),
    )


_SAME_JOB = re.compile(
    r"\b(same|similar|identical)\b[\w\s']{0,20}?\b(job|role|title|post|position|profession|work|team|service)\b"
    r"|\b(like|as|replac\w*|instead of)\s+(the\s+|their\s+)?(last|previous|old|outgoing|former)\b",
    re.IGNORECASE,
)
_FILLER = frozenset(
    re.findall(
        r"[a-z]+",
        "a an and as at because been did do does doing for from had has have he her him his in is it its job "
        "key last like of old one ones outgoing person post position previous profession replace replaces "
        "replacing role same she similar so that the their them they this title to was what who work worker "
        "identical former instead service team just",
    )
)


def key_worker_reason_violations(reason: str) -> list[Violation]:
    """B3-NOT-SAME-JOB: the reason for choosing a key worker is never only that they do the same job
    as the last one (NG213 1.15.9: "chosen based on the child or young person's needs and
    preferences, and not just because they do the same job as the old practitioner")."""
    if not _SAME_JOB.search(reason):
        return []
    rest = [w for w in re.findall(r"[a-z']+", _SAME_JOB.sub(" ", reason.lower())) if w not in _FILLER]
    if len(rest) >= 2:
        return []
    return [
        Violation(
            "B3-NOT-SAME-JOB",
            "reason",
            "Say why this person is right for the child: their needs, their preferences or who they know. "
            "Doing the same job as the last key worker is not a reason on its own",
        )
    ]


# ---- B4: level of key working support (NG213 1.15.2) --------------------------------------------


@dataclass(frozen=True)
class Level:
    label: str
    contact_days: int
    reason: str


# B4-LEVEL: the levels and their default contact frequency. NG213 sets no frequency: it asks that
# support be "flexible", "tailored to individual needs" and "take account of their family
# circumstances" (1.15.2), so each child's frequency may be tailored from the default, with a reason.
LEVELS: dict[str, Level] = {
    "LIGHT": Level(
        "Light",
        56,
        "Things are stable and the family manage their support well: the key worker is in touch every "
        "8 weeks and available between contacts for questions (NG213 1.15.8)",
    ),
    "STANDARD": Level(
        "Standard",
        28,
        "Several services are involved and there are changes to coordinate: the key worker is in touch every 4 weeks",
    ),
    "INTENSIVE": Level(
        "Intensive",
        7,
        "A time of change or crisis (a hospital stay, a new diagnosis, a move, a family under strain): "
        "the key worker is in touch every week",
    ),
}
DEFAULT_LEVEL = "STANDARD"  # until a level is set for the child
LONGEST_CONTACT_DAYS = 91  # at least every 3 months: key working is an active relationship
LONGEST_REVIEW_DAYS = 366  # a level is reviewed at least once a year


def contact_days(level: str, tailored: int | None) -> int:
    """B4-LEVEL: the child's tailored frequency, else the level's default."""
    return tailored if tailored is not None else LEVELS[level].contact_days


def key_working_level_violations(
    *, level: str, tailored_days: int | None, review_on: date | None, reason: str, today: date
) -> list[Violation]:
    """B4-LEVEL: a level from the list; a tailored frequency of 1 to 91 days; a review date after
    today and within a year; and why this level suits the child and family now."""
    violations = []
    if level not in LEVELS:
        violations.append(Violation("B4-LEVEL", "level", "Select the level of key working support"))
    if tailored_days is not None and not 1 <= tailored_days <= LONGEST_CONTACT_DAYS:
        violations.append(
            Violation(
                "B4-LEVEL",
                "tailored_days",
                f"Days between contacts must be between 1 and {LONGEST_CONTACT_DAYS}",
            )
        )
    if review_on is None or review_on <= today:
        violations.append(Violation("B4-LEVEL", "review_on", "Review date must be in the future"))
    elif (review_on - today).days > LONGEST_REVIEW_DAYS:
        violations.append(Violation("B4-LEVEL", "review_on", "Review date must be within a year"))
    if not reason.strip():
        violations.append(
            Violation("B4-LEVEL", "reason", "Enter why this level suits the child and family's circumstances")
        )
    return violations
