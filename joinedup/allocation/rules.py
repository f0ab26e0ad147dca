"""Allocation policy for the Children with Disabilities Team (C2 to C5, A4). Pure: no queries, no writes, no clock.

IDs match docs/rules/ALLOC.md. ``advise_allocation`` turns what the manager knows about a child
(``ChildFacts``) into a hub, the job roles that may hold the case, and every rule that fired with
its reason. ``allocation_violations`` checks a manager's choice against that advice.
``hub_settings_violations`` checks what an administrator sets for a hub (C2, C5).

Precedence: each rule points to a hub; the strongest hub wins (Safeguarding & Support before
Strengthening Families before Review & Intervention), so safeguarding always beats family
continuity and a stable package. The roles allowed are the winning hub's case holder, narrowed by
every rule that holds at that hub. Rules that pointed to a weaker hub are still listed, marked
"outweighed by" the rule that decided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
from joinedup.core.rules import Violation
from joinedup.organisations.choices import JobRole

SS = HubCode.SAFEGUARDING_SUPPORT
SF = HubCode.STRENGTHENING_FAMILIES
RI = HubCode.REVIEW_INTERVENTION

# The strongest hub wins: S&S > SF > R&I.
STRENGTH: dict[HubCode, int] = {RI: 0, SF: 1, SS: 2}

# C3-CASE-HOLDER: who holds a case in each hub (CwDT 3.1, 4.2.2, 5.2, 5.5).
CASE_HOLDERS: dict[HubCode, tuple[JobRole, ...]] = {
    SS: (JobRole.SOCIAL_WORKER,),
    SF: (JobRole.SWAP,),
    RI: (JobRole.FAMILY_SUPPORT_WORKER,),
}

# C3-FAMILY-SUPPORT: how a family support worker stands to a case in each hub (CwDT 4.2.1, 4.2.2, 5.5).
FAMILY_SUPPORT: dict[HubCode, WorkerRelationship] = {
    SS: WorkerRelationship.ATTACHED,
    SF: WorkerRelationship.ASSIGNED,
    RI: WorkerRelationship.ALLOCATED,
}

SOCIAL_WORKER_ONLY = (JobRole.SOCIAL_WORKER,)
QUALIFIED_SOCIAL_WORKERS = (JobRole.SOCIAL_WORKER, JobRole.SWAP)  # a SWAP is a qualified social worker


@dataclass(frozen=True, kw_only=True)
class ChildFacts:
    """What the manager knows about a child when deciding who holds the case.

    Every fact is required: a forgotten safeguarding fact must fail loudly, never default to "no".
    """

    risk_tier: RiskTier
    section_47_open: bool
    single_assessment_needed: bool  # an initial or updated single assessment is due
    child_protection_plan: bool  # on a child protection plan, or at risk of needing one
    looked_after_or_edge_of_care: bool
    complex_needs_beyond_disability: bool  # need in addition to that from the disability (CwDT 3.1)
    overnight_respite: RespiteFunding
    stable_support_package: bool  # e.g. ongoing direct payments, stable and well managed by the family
    change_in_need_not_time_limited: bool  # CwDT 5.6
    sibling_of_child_held: bool  # a brother or sister is open to, or being allocated by, the CwDT
    sibling_hub: HubCode | None  # the hub holding that brother or sister, when known

    @property
    def has_sibling_in_team(self) -> bool:
        """A known sibling hub means a sibling is held, whatever the flag says."""
        return self.sibling_of_child_held or self.sibling_hub is not None


@dataclass(frozen=True, kw_only=True)
class FiredRule:
    """One rule that fired: its ID, what it decided, and why in plain English.

    ``at_least``: the rule sets a minimum hub, so a stronger hub also meets it.
    ``outweighed_by``: the rule that decided the hub instead, when this one was overruled.
    ``because``: the short clause used in GOV.UK error messages.
    """

    rule: str
    hub: HubCode
    roles: tuple[JobRole, ...]
    reason: str
    because: str
    at_least: bool = False
    outweighed_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class AllocationAdvice:
    """The suggested hub, who may hold the case there, and every rule that fired, in order."""

    hub: HubCode
    allowed_roles: tuple[JobRole, ...]
    family_support_worker: WorkerRelationship
    fired: tuple[FiredRule, ...]

    @property
    def deciding(self) -> tuple[FiredRule, ...]:
        """The rules that put the case in ``hub`` (never empty)."""
        return tuple(f for f in self.fired if f.hub == self.hub)


def _social_worker_in_ss(rule: str, reason: str, because: str) -> FiredRule:
    return FiredRule(rule=rule, hub=SS, roles=SOCIAL_WORKER_ONLY, reason=reason, because=because)


def section_47(facts: ChildFacts) -> FiredRule | None:
    """C3-S47: S&S manages "all safeguarding processes, including section 47 and strategy discussions"
    (CwDT 3.1); "All Section 47 and subsequent single assessments will be undertaken by a social worker"
    (CwDT 6.3.2)."""
    if not facts.section_47_open:
        return None
    return _social_worker_in_ss(
        "C3-S47",
        'A section 47 enquiry is open. Safeguarding & Support manages "all safeguarding processes, including '
        'section 47 and strategy discussions", and "all Section 47 and subsequent single assessments will be '
        'undertaken by a social worker" (CwDT 3.1, 6.3.2, 7.2). The case is held by a social worker there.',
        "section 47 enquiries are only done by social workers",
    )


def single_assessment(facts: ChildFacts) -> FiredRule | None:
    """C3-SINGLE-ASSESSMENT: "All single assessment, child protection or edge of care processes will be
    completed by a social worker within the team's Safeguarding & Support Hub" (CwDT 7.2; 2.8, 3.1)."""
    if not facts.single_assessment_needed:
        return None
    return _social_worker_in_ss(
        "C3-SINGLE-ASSESSMENT",
        'An initial or updated single assessment is due. "All single assessment, child protection or edge of '
        "care processes will be completed by a social worker within the team's Safeguarding & Support Hub\" "
        "(CwDT 7.2; also 2.8, 3.1, 6.3.2). The case is held by a social worker there.",
        "single assessments are only done by social workers",
    )


def change_of_need(facts: ChildFacts) -> FiredRule | None:
    """C3-CHANGE-OF-NEED: "if it becomes apparent that this heightened need is not time limited then
    management consideration will be given to whether an updated single assessment is required, the child
    will then be reallocated to a social worker within the Safeguarding and Support Hub" (CwDT 5.6)."""
    if not facts.change_in_need_not_time_limited:
        return None
    return _social_worker_in_ss(
        "C3-CHANGE-OF-NEED",
        'Need has increased and it is not time limited. An updated single assessment is needed and "the '
        'child will then be reallocated to a social worker within the Safeguarding and Support Hub" '
        "(CwDT 5.6, 7.3.3). The case is held by a social worker there.",
        "a lasting increase in need needs an updated single assessment by a social worker",
    )


def child_protection_plan(facts: ChildFacts) -> FiredRule | None:
    """C3-CPP: S&S manages "all children who are on a child protection plan, or deemed to be at risk of
    requiring a child protection plan" (CwDT 3.1)."""
    if not facts.child_protection_plan:
        return None
    return _social_worker_in_ss(
        "C3-CPP",
        "The child is on a child protection plan, or at risk of needing one. Safeguarding & Support manages "
        '"all children who are on a child protection plan, or deemed to be at risk of requiring a child '
        'protection plan" (CwDT 2.8, 3.1, 7.2). The case is held by a social worker there.',
        "a child on or at risk of a child protection plan is held by a social worker",
    )


def looked_after_or_edge_of_care(facts: ChildFacts) -> FiredRule | None:
    """C3-LAC: S&S manages "all children who are looked after and children deemed to be on the 'edge of
    care'" (CwDT 3.1)."""
    if not facts.looked_after_or_edge_of_care:
        return None
    return _social_worker_in_ss(
        "C3-LAC",
        'The child is looked after, or on the edge of care. Safeguarding & Support manages "all children who '
        "are looked after and children deemed to be on the 'edge of care'\" (CwDT 2.8, 3.1, 7.2). The case is "
        "held by a social worker there.",
        "a child who is looked after or on the edge of care is held by a social worker",
    )


def complex_needs(facts: ChildFacts) -> FiredRule | None:
    """C3-COMPLEX: S&S manages "all complex child in need children where need is identified in addition to
    the needs resulting from the child's disability" (CwDT 3.1)."""
    if not facts.complex_needs_beyond_disability:
        return None
    return _social_worker_in_ss(
        "C3-COMPLEX",
        "The child has needs beyond those that come from their disability. Safeguarding & Support manages "
        '"all complex child in need children where need is identified in addition to the needs resulting from '
        "the child's disability\" (CwDT 3.1). The case is held by a social worker there.",
        "a child with needs beyond their disability is held in Safeguarding & Support",
    )


_TIER_RULES: dict[RiskTier, tuple[HubCode, str, str]] = {
    RiskTier.HIGH: (
        SS,
        'High risk (tier 3 to 4). Safeguarding & Support holds child in need provision "where the child is '
        'assessed as being at risk of, or requiring a Child Protection Plan, or ... to be looked after" '
        "(CwDT 2.8). The case is held by a social worker there.",
        "high risk cases are held by a social worker in Safeguarding & Support",
    ),
    RiskTier.LOW_TO_MEDIUM: (
        SF,
        'Low to medium risk (tier 3). Strengthening Families holds child in need provision "where risk is '
        'assessed as low to medium" (CwDT 2.8). "These children will be allocated to a social work advanced '
        'practitioner" and "the family support worker will be the assigned worker" (CwDT 4.2.2).',
        "low to medium risk cases are held by a social work advanced practitioner in Strengthening Families",
    ),
    RiskTier.LOW: (
        RI,
        'Low risk (tier 2). Review & Intervention holds child in need provision "where risk is assessed as '
        'low" (CwDT 2.8). "These children will be allocated to a family support worker" and "the family '
        'support worker will be the allocated worker" (CwDT 5.2, 5.5).',
        "low risk cases are held by a family support worker in Review & Intervention",
    ),
}


def risk_tier(facts: ChildFacts) -> FiredRule:
    """C3-TIER: S&S for tier 3 to 4, SF "where risk is assessed as low to medium" (tier 3), R&I "where risk
    is assessed as low" (tier 2) (CwDT 2.8). Always fires, so every advice has a reason."""
    hub, reason, because = _TIER_RULES[facts.risk_tier]
    return FiredRule(rule="C3-TIER", hub=hub, roles=CASE_HOLDERS[hub], reason=reason, because=because)


def stable_package(facts: ChildFacts) -> FiredRule | None:
    """C3-STABLE-PACKAGE: R&I is for children "who receive a level of service provision, for example ongoing
    direct payments, which meets identified needs and the package is stable and well managed by family
    members" (CwDT 2.8, 5.1). Fires for every low-risk child, to say which way it went."""
    if facts.risk_tier != RiskTier.LOW:
        return None
    if facts.stable_support_package:
        return FiredRule(
            rule="C3-STABLE-PACKAGE",
            hub=RI,
            roles=CASE_HOLDERS[RI],
            reason="The support package is stable and well managed by the family, so Review & Intervention fits: "
            'it is for children whose "identified needs are met by the provision of a support package (direct '
            'payments or short breaks)" (CwDT 2.8, 5.1). A family support worker holds the case (CwDT 5.5).',
            because="a low risk child with a stable support package is held by a family support worker",
        )
    return FiredRule(
        rule="C3-STABLE-PACKAGE",
        hub=SF,
        roles=CASE_HOLDERS[SF],
        reason="Low risk, but there is no support package that is stable and well managed by the family. "
        'Review & Intervention is only for children with "ongoing direct payments, which meets identified '
        'needs and the package is stable and well managed by family members" (CwDT 2.8, 5.1), so Strengthening '
        "Families, where a social work advanced practitioner coordinates the plan and the direct support "
        "(CwDT 4.2.2).",
        because="Review & Intervention is only for children whose support package is stable and well managed",
    )


def overnight_respite(facts: ChildFacts) -> FiredRule | None:
    """C3-RESPITE: "Any child with a package of overnight respite care provided by any mechanism other than
    Direct Payments will be allocated to a social worker (either in Safeguarding and Support or
    Strengthening Families)" (CwDT 7.3.3). Direct payments: "any of the 3 ... Hubs": nothing fires."""
    if facts.overnight_respite != RespiteFunding.OTHER:
        return None
    return FiredRule(
        rule="C3-RESPITE",
        hub=SF,
        roles=QUALIFIED_SOCIAL_WORKERS,
        at_least=True,
        reason='Overnight respite is arranged other than by direct payments. "Any child with a package of '
        "overnight respite care provided by any mechanism other than Direct Payments will be allocated to a "
        'social worker (either in Safeguarding and Support or Strengthening Families)" (CwDT 7.3.3). Never '
        "Review & Intervention; in Strengthening Families the case is held by a social work advanced "
        "practitioner, a qualified social worker (CwDT 4.2.2).",
        because="overnight respite not paid by direct payments needs a social worker or advanced practitioner",
    )


def sibling_not_in_review_and_intervention(facts: ChildFacts) -> FiredRule | None:
    """C3-SIBLING-NOT-RI: "Siblings of children with a disability will not be allocated within the Review
    and Intervention Hub. If need is such that a sibling requires a child in need plan, then the children
    will not be managed within this Review and Intervention Hub" (CwDT 5.4; A4)."""
    if not facts.has_sibling_in_team:
        return None
    return FiredRule(
        rule="C3-SIBLING-NOT-RI",
        hub=SF,
        roles=QUALIFIED_SOCIAL_WORKERS,
        at_least=True,
        reason='A brother or sister is open to the Children with Disabilities Team. "Siblings of children with '
        'a disability will not be allocated within the Review and Intervention Hub" (CwDT 5.4; A4): '
        "Strengthening Families at least.",
        because="brothers and sisters of a child the team holds are never held in Review & Intervention",
    )


def one_family_one_team(facts: ChildFacts) -> FiredRule | None:
    """A4-ONE-FAMILY: "Warwickshire County Council adopts a one family one social worker approach ...
    Children with Disabilities Team will be the Social Care Team responsible for all siblings within the
    family group" (CwDT 1.4). Prefer the sibling's hub, never R&I (5.4); safeguarding comes first."""
    if facts.sibling_hub is None:
        return None
    hub = SF if facts.sibling_hub == RI else facts.sibling_hub
    reason = (
        f"One family, one social worker: this child's brother or sister is held in {facts.sibling_hub.label}, "
        'and the Children with Disabilities Team is "responsible for all siblings within the family group" '
        f"(CwDT 1.4; A4), so this child is held in {hub.label} too."
    )
    if facts.sibling_hub == RI:
        reason += (
            " Siblings are never held in Review & Intervention, and when a sibling needs a child in need plan "
            '"the children will not be managed within this Review and Intervention Hub" (CwDT 5.4): consider '
            "moving the brother or sister to Strengthening Families as well."
        )
    reason += " Safeguarding comes first: a rule that needs Safeguarding & Support outweighs this one."
    return FiredRule(
        rule="A4-ONE-FAMILY",
        hub=hub,
        roles=CASE_HOLDERS[hub],
        reason=reason,
        because=f"one family has one social worker, and this child's brother or sister is held in {hub.label}",
    )


# In the order they fire: safeguarding first, then the tier and what narrows it, then the family.
RULES: tuple[Callable[[ChildFacts], FiredRule | None], ...] = (
    section_47,
    single_assessment,
    change_of_need,
    child_protection_plan,
    looked_after_or_edge_of_care,
    complex_needs,
    risk_tier,
    stable_package,
    overnight_respite,
    sibling_not_in_review_and_intervention,
    one_family_one_team,
)


def _settle(fired: FiredRule, *, hub: HubCode, winner: FiredRule) -> FiredRule:
    """Say, in the reason, how a rule that did not point to the winning hub was settled."""
    if fired.hub == hub:
        return fired
    if fired.at_least and STRENGTH[hub] > STRENGTH[fired.hub]:
        note = f" Met: {winner.rule} puts the case in {hub.label}, which this rule allows."
        return replace(fired, reason=fired.reason + note)
    note = f" Outweighed by {winner.rule}: the case goes to {hub.label}, the stronger hub."
    if fired.rule == "A4-ONE-FAMILY":
        note += " Safeguarding beats family continuity; the workers for the family should work together."
    return replace(fired, reason=fired.reason + note, outweighed_by=winner.rule)


def _allowed_roles(hub: HubCode, fired: list[FiredRule]) -> tuple[JobRole, ...]:
    """The hub's case holder, narrowed by every rule that holds at that hub (including met minimums)."""
    allowed = set(CASE_HOLDERS[hub])
    for f in fired:
        if f.hub == hub or (f.at_least and STRENGTH[hub] >= STRENGTH[f.hub]):
            allowed &= set(f.roles)
    return tuple(r for r in JobRole if r in allowed)


def advise_allocation(facts: ChildFacts) -> AllocationAdvice:
    """C3: the hub, the job roles that may hold the case, and every rule that fired, in order.

    The strongest hub any rule points to wins (S&S > SF > R&I); "every allocation decision is explained
    by the rules that fired" (REQUIREMENTS C3), including the ones outweighed.
    """
    fired = [f for rule in RULES if (f := rule(facts)) is not None]
    hub = max((f.hub for f in fired), key=STRENGTH.__getitem__)
    winner = next(f for f in fired if f.hub == hub)
    return AllocationAdvice(
        hub=hub,
        allowed_roles=_allowed_roles(hub, fired),
        family_support_worker=FAMILY_SUPPORT[hub],
        fired=tuple(_settle(f, hub=hub, winner=winner) for f in fired),
    )


def _role_phrase(roles: tuple[JobRole, ...]) -> str:
    labels = [JobRole(r).label.lower() for r in roles]
    return " or ".join(f"{'an' if label[0] in 'aeiou' else 'a'} {label}" for label in labels)


def _hub_violations(advice: AllocationAdvice, hub: HubCode, relationship: WorkerRelationship) -> list[Violation]:
    """The chosen hub is the advised one. An attached family support worker comes from SF (CwDT 3.2)."""
    if hub == advice.hub or (relationship == WorkerRelationship.ATTACHED and hub == SF):
        return []
    winner = advice.deciding[0]
    return [Violation(winner.rule, "hub", f"Select {advice.hub.label}: {winner.because}")]


def _holder_violations(advice: AllocationAdvice, worker_role: str) -> list[Violation]:
    """The allocated worker's job role is one allowed to hold the case; name the rule that refuses it."""
    if worker_role in advice.allowed_roles:
        return []
    wanted = f"Select {_role_phrase(advice.allowed_roles)}"
    for f in advice.fired:
        if f.outweighed_by is None and worker_role not in f.roles:
            return [Violation(f.rule, "worker", f"{wanted}: {f.because}")]
    holder = _role_phrase(CASE_HOLDERS[advice.hub])
    return [Violation("C3-CASE-HOLDER", "worker", f"{wanted}: in {advice.hub.label} {holder} holds the case")]


_RELATIONSHIP_MESSAGES: dict[WorkerRelationship, str] = {
    WorkerRelationship.ATTACHED: "Select attached: in Safeguarding & Support a family support worker is attached "
    "for a specific piece of work",
    WorkerRelationship.ASSIGNED: "Select assigned: in Strengthening Families the family support worker is "
    "assigned and a social work advanced practitioner holds the case",
    WorkerRelationship.ALLOCATED: "Select allocated: in Review & Intervention the family support worker holds the case",
}


def _family_support_violations(
    advice: AllocationAdvice, worker_role: str, relationship: WorkerRelationship
) -> list[Violation]:
    """C3-FAMILY-SUPPORT: only a family support worker is assigned (SF) or attached (S&S) (CwDT 4.2.1, 4.2.2)."""
    if worker_role != JobRole.FAMILY_SUPPORT_WORKER:
        message = "Select a family support worker: only family support workers are assigned or attached to a case"
        return [Violation("C3-FAMILY-SUPPORT", "worker", message)]
    if relationship != advice.family_support_worker:
        return [Violation("C3-FAMILY-SUPPORT", "relationship", _RELATIONSHIP_MESSAGES[advice.family_support_worker])]
    return []


def allocation_violations(
    *, advice: AllocationAdvice, hub: HubCode, worker_role: str, relationship: WorkerRelationship
) -> list[Violation]:
    """C3: the manager's chosen hub and worker agree with the advice.

    Wrong hub: a violation on "hub" from the rule that decided the hub. An allocated worker whose job role
    may not hold the case: a violation on "worker" from the rule that refuses that role ("Select a social
    worker: section 47 enquiries are only done by social workers"). An assigned or attached worker is a
    family support worker standing to the case as the hub's model says (C3-FAMILY-SUPPORT).
    """
    violations = _hub_violations(advice, hub, relationship)
    if relationship == WorkerRelationship.ALLOCATED:
        return violations + _holder_violations(advice, worker_role)
    return violations + _family_support_violations(advice, worker_role, relationship)


def capacity_violations(*, load: int, capacity: int, override_reason: str, may_override: bool) -> list[Violation]:
    """C4-CAPACITY: workers are "allocated up to 50 children" (CwDT 4.3, 5.7; configurable per worker). At
    capacity, only an operations or service manager, who is to "consider case management in the interim"
    (CwDT 6.2.3), may allocate beyond it, and says why."""
    if load < capacity:
        return []
    if not may_override:
        message = (
            f"This worker is at capacity ({load} of {capacity} children): select another worker, "
            "or ask an operations or service manager"
        )
        return [Violation("C4-CAPACITY", "worker", message)]
    if not override_reason.strip():
        message = "Enter why this worker should take a case beyond their capacity"
        return [Violation("C4-CAPACITY", "over_capacity_reason", message)]
    return []


def hub_move_violations(
    *, holding_hub: HubCode | None, hub: HubCode, relationship: WorkerRelationship, by_operations_manager: bool
) -> list[Violation]:
    """C7-VIA-TRANSFER: a case moves between hubs through the transfer list (CwDT 6.1, 6.2).

    Allocating or assigning a worker in another hub would move the case without the incoming
    manager's agreement; only an operations manager may do that directly. An attached worker
    does a piece of work for the hub holding the case, so may come from another hub.
    """
    if holding_hub is None or hub == holding_hub or by_operations_manager:
        return []
    if relationship == WorkerRelationship.ATTACHED:
        return []
    return [
        Violation(
            "C7-VIA-TRANSFER",
            "hub",
            f"This child is held by {holding_hub.label}. To move the case to {hub.label}, add the child to the "
            "transfer list",
        )
    ]


# ---- Hub configuration (C2, C5): what an administrator may set ---------------------------------

# C2-HUB-CONFIG: bounds that catch a slip of the keyboard, not policy (CwDT 4.3, 5.7 say "up to 50").
MAX_DEFAULT_CAPACITY = 100
MAX_CADENCE_DAYS = 365  # every child in a hub is reviewed and visited at least once a year
HUB_WORKER_ROLES = (JobRole.SOCIAL_WORKER, JobRole.SWAP, JobRole.FAMILY_SUPPORT_WORKER)

# C5-CADENCE: the longest gap the delivery model allows in each hub, in days. A hub may be set
# more often, never less. Not listed: the model leaves it to the plan (SF visits, CwDT 4.2.2).
LONGEST_CIN_REVIEW: dict[HubCode, tuple[int, str]] = {
    SS: (42, "child in need plans are reviewed at least every 6 weeks (CwDT 3.3)"),
    SF: (91, "child in need plans are reviewed at least every 3 months (CwDT 4.2.2)"),
}
LONGEST_VISIT: dict[HubCode, tuple[int, str]] = {
    SS: (42, "children are visited at least every 6 weeks unless a manager agrees less for a child (CwDT 3.3)"),
    RI: (182, "children are visited at least every 6 months (CwDT 5.3)"),
}
# Review & Intervention reviews every 6 or 12 months, "set at allocation" (CwDT 5.2).
REVIEW_SET_AT_ALLOCATION = frozenset({RI})


@dataclass(frozen=True, kw_only=True)
class HubSettings:
    """What an administrator sets for a hub (C2, C4, C5). Cadences are in days."""

    tier: str
    worker_roles: tuple[str, ...]
    default_capacity: int
    cin_review_days: int | None
    review_interval_options: tuple[int, ...]
    visit_days: int


def _days_violation(field: str, what: str, days: int) -> list[Violation]:
    if 1 <= days <= MAX_CADENCE_DAYS:
        return []
    return [Violation("C2-HUB-CONFIG", field, f"{what} must be between 1 and {MAX_CADENCE_DAYS} days apart")]


def _longest(hub: HubCode, field: str, what: str, days: int, table: dict[HubCode, tuple[int, str]]) -> list[Violation]:
    if hub not in table or days > MAX_CADENCE_DAYS or days <= table[hub][0]:
        return []
    longest, why = table[hub]
    return [Violation("C5-CADENCE", field, f"{what} must be {longest} days apart or fewer: in {hub.label} {why}")]


def hub_role_violations(*, hub: HubCode, worker_roles: tuple[str, ...]) -> list[Violation]:
    """C2-HUB-CONFIG, C3-S47, C3-CASE-HOLDER, C3-FAMILY-SUPPORT: a hub keeps the job roles the model
    needs there. S&S keeps social workers: "all Section 47 and subsequent single assessments will be
    undertaken by a social worker" (CwDT 6.3.2, 7.2). SF keeps the SWAPs who hold its cases and the
    family support workers assigned to them (CwDT 4.2.2); R&I keeps the family support workers who
    hold its cases (CwDT 5.5)."""
    if not worker_roles:
        return [Violation("C2-HUB-CONFIG", "worker_roles", "Select at least one job role")]
    if any(r not in HUB_WORKER_ROLES for r in worker_roles):
        return [Violation("C2-HUB-CONFIG", "worker_roles", "Select job roles from the list")]
    if hub == SS and JobRole.SOCIAL_WORKER not in worker_roles:
        message = (
            "Keep social workers in Safeguarding & Support: section 47 enquiries and single assessments are "
            "only done by social workers"
        )
        return [Violation("C3-S47", "worker_roles", message)]
    violations = []
    for role in CASE_HOLDERS[hub]:
        if role not in worker_roles:
            message = f"Keep {role.label.lower()}s in {hub.label}: they hold its cases"
            violations.append(Violation("C3-CASE-HOLDER", "worker_roles", message))
    if FAMILY_SUPPORT[hub] == WorkerRelationship.ASSIGNED and JobRole.FAMILY_SUPPORT_WORKER not in worker_roles:
        message = f"Keep family support workers in {hub.label}: they are assigned to its cases"
        violations.append(Violation("C3-FAMILY-SUPPORT", "worker_roles", message))
    return violations


def review_violations(
    *, hub: HubCode, cin_review_days: int | None, review_interval_options: tuple[int, ...]
) -> list[Violation]:
    """C2-HUB-CONFIG, C5-CADENCE: R&I offers review intervals to choose at allocation (CwDT 5.2); the
    other hubs review every child in need plan on a fixed cadence, no longer apart than the model allows."""
    if hub in REVIEW_SET_AT_ALLOCATION:
        if cin_review_days is not None:
            message = f"{hub.label} sets each child's review interval at allocation: remove the fixed interval"
            return [Violation("C5-CADENCE", "cin_review_days", message)]
        if not review_interval_options:
            return [Violation("C5-CADENCE", "review_interval_options", "Enter at least one review interval")]
        if len(set(review_interval_options)) != len(review_interval_options):
            return [Violation("C2-HUB-CONFIG", "review_interval_options", "Enter each review interval once")]
        violations: list[Violation] = []
        for days in review_interval_options:
            violations += _days_violation("review_interval_options", "Review intervals", days)
        return violations[:1]
    if review_interval_options:
        message = f"{hub.label} reviews on a fixed interval: remove the review intervals"
        return [Violation("C5-CADENCE", "review_interval_options", message)]
    if cin_review_days is None:
        return [Violation("C5-CADENCE", "cin_review_days", "Enter how often child in need plans are reviewed")]
    what = "Child in need plan reviews"
    return _days_violation("cin_review_days", what, cin_review_days) + _longest(
        hub, "cin_review_days", what, cin_review_days, LONGEST_CIN_REVIEW
    )


def hub_settings_violations(*, hub: HubCode, settings: HubSettings) -> list[Violation]:
    """C2-HUB-CONFIG: a hub has a tier, at least one job role, a default capacity that is a whole number
    from 1 to 100 (C4: "up to 50" is the model's), and cadences of whole days from 1 to 365; C5-CADENCE:
    no cadence longer apart than the model allows in that hub; the job roles the model needs stay
    (``hub_role_violations``)."""
    violations = []
    if not settings.tier.strip():
        violations.append(Violation("C2-HUB-CONFIG", "tier", "Enter the threshold tier"))
    violations += hub_role_violations(hub=hub, worker_roles=settings.worker_roles)
    if not 1 <= settings.default_capacity <= MAX_DEFAULT_CAPACITY:
        message = f"Default caseload capacity must be between 1 and {MAX_DEFAULT_CAPACITY} children"
        violations.append(Violation("C2-HUB-CONFIG", "default_capacity", message))
    violations += review_violations(
        hub=hub, cin_review_days=settings.cin_review_days, review_interval_options=settings.review_interval_options
    )
    what = "Visits to the child"
    violations += _days_violation("visit_days", what, settings.visit_days)
    violations += _longest(hub, "visit_days", what, settings.visit_days, LONGEST_VISIT)
    return violations


def review_interval_violations(
    *, hub: HubCode, relationship: WorkerRelationship, interval_days: int | None, options: Sequence[int]
) -> list[Violation]:
    """C5-RI-INTERVAL: "The plan will be reviewed at a CIN review at either 6 monthly or 12 monthly
    intervals (determined on allocation)" (CwDT 5.2): allocating a Review & Intervention case sets
    the interval, from the hub's options."""
    if hub != RI or relationship != WorkerRelationship.ALLOCATED:
        return []
    if interval_days not in options:
        return [
            Violation(
                "C5-RI-INTERVAL",
                "review_interval_days",
                "Select how often the child in need plan is reviewed: every 6 or 12 months",
            )
        ]
    return []
