"""C3, C4 and A4 allocation rules: which hub, who may hold the case, and why. No database."""

import dataclasses
import itertools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.allocation import rules
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.rules import ChildFacts, advise_allocation, allocation_violations
from joinedup.organisations.choices import JobRole

SS = HubCode.SAFEGUARDING_SUPPORT
SF = HubCode.STRENGTHENING_FAMILIES
RI = HubCode.REVIEW_INTERVENTION
SW = JobRole.SOCIAL_WORKER
SWAP = JobRole.SWAP
FSW = JobRole.FAMILY_SUPPORT_WORKER
ALLOCATED = WorkerRelationship.ALLOCATED
ASSIGNED = WorkerRelationship.ASSIGNED
ATTACHED = WorkerRelationship.ATTACHED

BOOLEAN_FACTS = (
    "section_47_open",
    "single_assessment_needed",
    "child_protection_plan",
    "looked_after_or_edge_of_care",
    "complex_needs_beyond_disability",
    "stable_support_package",
    "change_in_need_not_time_limited",
    "sibling_of_child_held",
)
SOCIAL_WORK_ONLY_FACTS = ("section_47_open", "single_assessment_needed")
NEVER_RI_FACTS = (
    "section_47_open",
    "single_assessment_needed",
    "child_protection_plan",
    "looked_after_or_edge_of_care",
    "complex_needs_beyond_disability",
    "change_in_need_not_time_limited",
    "sibling_of_child_held",
)
SIBLING_HUBS = (None, SS, SF, RI)


def facts(**changes):
    """The quietest child: low risk, a stable package the family manage well, nothing else (R&I)."""
    base = dict.fromkeys(BOOLEAN_FACTS, False) | {
        "risk_tier": RiskTier.LOW,
        "stable_support_package": True,
        "overnight_respite": RespiteFunding.NONE,
        "sibling_hub": None,
    }
    return ChildFacts(**(base | changes))


def ids(advice):
    return [f.rule for f in advice.fired]


def fired(advice, rule):
    [match] = [f for f in advice.fired if f.rule == rule]
    return match


# Every way the rest of the child's situation can look, for rules that must win whatever it is.
SURROUNDINGS = [
    {"risk_tier": tier, "stable_support_package": stable, "overnight_respite": respite, "sibling_hub": sibling}
    for tier, stable, respite, sibling in itertools.product(RiskTier, (True, False), RespiteFunding, SIBLING_HUBS)
]


def test_r_c3_the_quietest_child_is_held_by_a_family_support_worker_in_review_and_intervention():
    advice = advise_allocation(facts())
    assert advice.hub == RI
    assert advice.allowed_roles == (FSW,)
    assert advice.family_support_worker == ALLOCATED  # "The family support worker will be the allocated worker" (5.5)
    assert ids(advice) == ["C3-TIER", "C3-STABLE-PACKAGE"]


@pytest.mark.parametrize("surroundings", SURROUNDINGS)
def test_r_c3_section_47_only_ever_goes_to_a_social_worker(surroundings):
    advice = advise_allocation(facts(section_47_open=True, **surroundings))
    assert advice.hub == SS
    assert advice.allowed_roles == (SW,)
    assert advice.fired[0].rule == "C3-S47"
    assert advice.fired[0].outweighed_by is None
    assert "CwDT 3.1, 6.3.2, 7.2" in advice.fired[0].reason


@pytest.mark.parametrize("surroundings", SURROUNDINGS)
def test_r_c3_single_assessment_only_ever_goes_to_a_social_worker(surroundings):
    advice = advise_allocation(facts(single_assessment_needed=True, **surroundings))
    assert advice.hub == SS
    assert advice.allowed_roles == (SW,)
    assert "C3-SINGLE-ASSESSMENT" in ids(advice)
    assert fired(advice, "C3-SINGLE-ASSESSMENT").outweighed_by is None


@pytest.mark.parametrize(
    ("fact", "rule", "source"),
    [
        ("child_protection_plan", "C3-CPP", "CwDT 2.8, 3.1, 7.2"),
        ("looked_after_or_edge_of_care", "C3-LAC", "CwDT 2.8, 3.1, 7.2"),
        ("complex_needs_beyond_disability", "C3-COMPLEX", "CwDT 3.1"),
    ],
)
@pytest.mark.parametrize("surroundings", SURROUNDINGS[::5])
def test_r_c3_protection_care_and_complex_needs_are_held_by_a_social_worker_in_ss(fact, rule, source, surroundings):
    advice = advise_allocation(facts(**{fact: True}, **surroundings))
    assert (advice.hub, advice.allowed_roles) == (SS, (SW,))
    assert fired(advice, rule).outweighed_by is None
    assert source in fired(advice, rule).reason


@pytest.mark.parametrize("surroundings", SURROUNDINGS[::3])
def test_r_c3_a_change_in_need_that_is_not_time_limited_needs_a_social_worker_in_ss(surroundings):
    advice = advise_allocation(facts(change_in_need_not_time_limited=True, **surroundings))
    assert (advice.hub, advice.allowed_roles) == (SS, (SW,))
    rule = fired(advice, "C3-CHANGE-OF-NEED")
    assert rule.outweighed_by is None
    assert "updated single assessment" in rule.reason
    assert "CwDT 5.6" in rule.reason


@pytest.mark.parametrize(
    ("risk_tier", "stable", "hub", "roles", "respite_note"),
    [
        (RiskTier.LOW, True, SF, (SWAP,), None),  # R&I is ruled out: a SWAP in SF holds it
        (RiskTier.LOW, False, SF, (SWAP,), None),
        (RiskTier.LOW_TO_MEDIUM, True, SF, (SWAP,), None),
        (RiskTier.LOW_TO_MEDIUM, False, SF, (SWAP,), None),
        (RiskTier.HIGH, True, SS, (SW,), "Met: C3-TIER"),  # S&S also meets the rule
        (RiskTier.HIGH, False, SS, (SW,), "Met: C3-TIER"),
    ],
)
def test_r_c3_overnight_respite_not_by_direct_payments_means_a_social_worker_in_ss_or_sf(
    risk_tier, stable, hub, roles, respite_note
):
    advice = advise_allocation(
        facts(risk_tier=risk_tier, stable_support_package=stable, overnight_respite=RespiteFunding.OTHER)
    )
    assert (advice.hub, advice.allowed_roles) == (hub, roles)
    respite = fired(advice, "C3-RESPITE")
    assert respite.roles == (SW, SWAP)
    assert respite.outweighed_by is None
    assert "CwDT 7.3.3" in respite.reason
    if respite_note:
        assert respite_note in respite.reason


@pytest.mark.parametrize(
    ("risk_tier", "stable", "hub"),
    [
        (RiskTier.LOW, True, RI),
        (RiskTier.LOW, False, SF),
        (RiskTier.LOW_TO_MEDIUM, True, SF),
        (RiskTier.HIGH, True, SS),
    ],
)
@pytest.mark.parametrize("respite", [RespiteFunding.NONE, RespiteFunding.DIRECT_PAYMENTS])
def test_r_c3_overnight_respite_by_direct_payments_may_be_held_in_any_hub(risk_tier, stable, hub, respite):
    advice = advise_allocation(facts(risk_tier=risk_tier, stable_support_package=stable, overnight_respite=respite))
    assert advice.hub == hub
    assert "C3-RESPITE" not in ids(advice)


@pytest.mark.parametrize(
    ("risk_tier", "stable", "hub", "roles", "family_support_worker", "expected_ids"),
    [
        (RiskTier.HIGH, True, SS, (SW,), ATTACHED, ["C3-TIER"]),
        (RiskTier.HIGH, False, SS, (SW,), ATTACHED, ["C3-TIER"]),
        (RiskTier.LOW_TO_MEDIUM, True, SF, (SWAP,), ASSIGNED, ["C3-TIER"]),
        (RiskTier.LOW_TO_MEDIUM, False, SF, (SWAP,), ASSIGNED, ["C3-TIER"]),
        (RiskTier.LOW, True, RI, (FSW,), ALLOCATED, ["C3-TIER", "C3-STABLE-PACKAGE"]),
        (RiskTier.LOW, False, SF, (SWAP,), ASSIGNED, ["C3-TIER", "C3-STABLE-PACKAGE"]),
    ],
)
def test_r_c3_the_risk_tier_decides_when_nothing_else_does(
    risk_tier, stable, hub, roles, family_support_worker, expected_ids
):
    advice = advise_allocation(facts(risk_tier=risk_tier, stable_support_package=stable))
    assert (advice.hub, advice.allowed_roles, advice.family_support_worker) == (hub, roles, family_support_worker)
    assert ids(advice) == expected_ids


def test_r_c3_low_risk_without_a_stable_package_goes_to_strengthening_families_and_says_why():
    advice = advise_allocation(facts(stable_support_package=False))
    assert advice.hub == SF
    tier, package = advice.fired
    assert tier.outweighed_by == "C3-STABLE-PACKAGE"
    assert "Outweighed by C3-STABLE-PACKAGE" in tier.reason
    assert "no support package that is stable and well managed by the family" in package.reason
    assert "CwDT 2.8, 5.1" in package.reason


@pytest.mark.parametrize(
    ("sibling_of_child_held", "sibling_hub", "hub"),
    [
        (True, None, SF),  # a brother or sister is open, hub not known
        (True, RI, SF),
        (True, SF, SF),
        (True, SS, SS),  # one family, one social worker: the sibling's hub
        (False, RI, SF),  # a known sibling hub means a sibling is held
        (False, SF, SF),
    ],
)
@pytest.mark.parametrize("risk_tier", [RiskTier.LOW, RiskTier.LOW_TO_MEDIUM])
@pytest.mark.parametrize("stable", [True, False])
def test_r_a4_siblings_are_never_in_review_and_intervention(sibling_of_child_held, sibling_hub, hub, risk_tier, stable):
    advice = advise_allocation(
        facts(
            sibling_of_child_held=sibling_of_child_held,
            sibling_hub=sibling_hub,
            risk_tier=risk_tier,
            stable_support_package=stable,
        )
    )
    assert advice.hub == hub
    assert advice.hub != RI
    assert "C3-SIBLING-NOT-RI" in ids(advice)
    assert "CwDT 5.4" in fired(advice, "C3-SIBLING-NOT-RI").reason


@pytest.mark.parametrize(
    ("sibling_hub", "changes", "hub", "one_family_outweighed_by"),
    [
        (SS, {}, SS, None),  # low risk, stable package, but the family's social worker is in S&S
        (SS, {"risk_tier": RiskTier.LOW_TO_MEDIUM}, SS, None),
        (SF, {}, SF, None),
        (SF, {"risk_tier": RiskTier.LOW_TO_MEDIUM}, SF, None),
        (RI, {}, SF, None),  # never R&I: Strengthening Families instead
        (SF, {"section_47_open": True}, SS, "C3-S47"),  # safeguarding beats family continuity
        (SF, {"child_protection_plan": True}, SS, "C3-CPP"),
        (SF, {"risk_tier": RiskTier.HIGH}, SS, "C3-TIER"),
        (RI, {"looked_after_or_edge_of_care": True}, SS, "C3-LAC"),
    ],
)
def test_r_a4_one_family_one_team(sibling_hub, changes, hub, one_family_outweighed_by):
    advice = advise_allocation(facts(sibling_of_child_held=True, sibling_hub=sibling_hub, **changes))
    assert advice.hub == hub
    one_family = fired(advice, "A4-ONE-FAMILY")
    assert one_family.outweighed_by == one_family_outweighed_by
    assert "CwDT 1.4" in one_family.reason
    assert "Safeguarding comes first" in one_family.reason


def test_r_a4_safeguarding_beats_family_continuity_and_the_reason_says_so():
    advice = advise_allocation(facts(sibling_of_child_held=True, sibling_hub=SF, section_47_open=True))
    one_family = fired(advice, "A4-ONE-FAMILY")
    assert one_family.hub == SF
    assert one_family.reason.endswith(
        "Outweighed by C3-S47: the case goes to Safeguarding & Support, the stronger hub. Safeguarding beats "
        "family continuity; the workers for the family should work together."
    )


def test_r_a4_a_sibling_held_in_review_and_intervention_is_flagged_to_move_too():
    advice = advise_allocation(facts(sibling_of_child_held=True, sibling_hub=RI))
    one_family = fired(advice, "A4-ONE-FAMILY")
    assert one_family.hub == SF
    assert "consider moving the brother or sister to Strengthening Families" in one_family.reason


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ["C3-TIER", "C3-STABLE-PACKAGE"]),
        ({"stable_support_package": False}, ["C3-TIER (outweighed by C3-STABLE-PACKAGE)", "C3-STABLE-PACKAGE"]),
        (
            {"section_47_open": True},
            ["C3-S47", "C3-TIER (outweighed by C3-S47)", "C3-STABLE-PACKAGE (outweighed by C3-S47)"],
        ),
        (
            {"risk_tier": RiskTier.HIGH, "section_47_open": True, "single_assessment_needed": True},
            ["C3-S47", "C3-SINGLE-ASSESSMENT", "C3-TIER"],
        ),
        (
            {"risk_tier": RiskTier.LOW_TO_MEDIUM, "overnight_respite": RespiteFunding.OTHER},
            ["C3-TIER", "C3-RESPITE"],
        ),
        (
            {"overnight_respite": RespiteFunding.OTHER, "sibling_of_child_held": True, "sibling_hub": RI},
            [
                "C3-TIER (outweighed by C3-RESPITE)",
                "C3-STABLE-PACKAGE (outweighed by C3-RESPITE)",
                "C3-RESPITE",
                "C3-SIBLING-NOT-RI",
                "A4-ONE-FAMILY",
            ],
        ),
        (
            {
                "risk_tier": RiskTier.HIGH,
                "section_47_open": True,
                "single_assessment_needed": True,
                "change_in_need_not_time_limited": True,
                "child_protection_plan": True,
                "looked_after_or_edge_of_care": True,
                "complex_needs_beyond_disability": True,
                "overnight_respite": RespiteFunding.OTHER,
                "sibling_of_child_held": True,
                "sibling_hub": SF,
            },
            [
                "C3-S47",
                "C3-SINGLE-ASSESSMENT",
                "C3-CHANGE-OF-NEED",
                "C3-CPP",
                "C3-LAC",
                "C3-COMPLEX",
                "C3-TIER",
                "C3-RESPITE",
                "C3-SIBLING-NOT-RI",
                "A4-ONE-FAMILY (outweighed by C3-S47)",
            ],
        ),
    ],
)
def test_r_c3_every_decision_lists_the_rules_that_fired(changes, expected):
    advice = advise_allocation(facts(**changes))
    listed = [f.rule + (f" (outweighed by {f.outweighed_by})" if f.outweighed_by else "") for f in advice.fired]
    assert listed == expected
    for f in advice.fired:
        assert f.reason
        assert "CwDT" in f.reason
        if f.outweighed_by:
            assert f"Outweighed by {f.outweighed_by}" in f.reason


def test_r_c3_every_fact_must_be_given():
    with pytest.raises(TypeError):
        ChildFacts(risk_tier=RiskTier.LOW)


# --- allocation_violations: the manager's choice against the advice ---------------------------------


@pytest.mark.parametrize(
    ("changes", "hub", "worker_role", "relationship", "expected"),
    [
        ({"section_47_open": True}, SS, SW, ALLOCATED, []),
        ({"section_47_open": True}, SS, FSW, ALLOCATED, [("C3-S47", "worker")]),
        ({"section_47_open": True}, SS, SWAP, ALLOCATED, [("C3-S47", "worker")]),
        ({"section_47_open": True}, SF, SWAP, ALLOCATED, [("C3-S47", "hub"), ("C3-S47", "worker")]),
        ({"single_assessment_needed": True}, SS, FSW, ALLOCATED, [("C3-SINGLE-ASSESSMENT", "worker")]),
        ({"child_protection_plan": True}, RI, FSW, ALLOCATED, [("C3-CPP", "hub"), ("C3-CPP", "worker")]),
        ({"section_47_open": True}, SS, FSW, ATTACHED, []),  # 4.2.1: an attached worker for the social worker
        ({"section_47_open": True}, SF, FSW, ATTACHED, []),  # ... who comes from Strengthening Families (3.2)
        ({"section_47_open": True}, SS, FSW, ASSIGNED, [("C3-FAMILY-SUPPORT", "relationship")]),
        ({"overnight_respite": RespiteFunding.OTHER}, SF, SWAP, ALLOCATED, []),
        ({"overnight_respite": RespiteFunding.OTHER}, SF, SW, ALLOCATED, [("C3-CASE-HOLDER", "worker")]),
        (
            {"overnight_respite": RespiteFunding.OTHER},
            RI,
            FSW,
            ALLOCATED,
            [("C3-RESPITE", "hub"), ("C3-RESPITE", "worker")],
        ),
        ({"overnight_respite": RespiteFunding.OTHER}, SF, FSW, ASSIGNED, []),
        ({"risk_tier": RiskTier.LOW_TO_MEDIUM}, SF, FSW, ASSIGNED, []),
        ({"risk_tier": RiskTier.LOW_TO_MEDIUM}, SF, FSW, ALLOCATED, [("C3-TIER", "worker")]),
        ({"risk_tier": RiskTier.LOW_TO_MEDIUM}, SF, SW, ASSIGNED, [("C3-FAMILY-SUPPORT", "worker")]),
        ({"risk_tier": RiskTier.LOW_TO_MEDIUM}, SF, FSW, ATTACHED, [("C3-FAMILY-SUPPORT", "relationship")]),
        ({}, RI, FSW, ALLOCATED, []),
        ({}, RI, FSW, ASSIGNED, [("C3-FAMILY-SUPPORT", "relationship")]),
        ({}, SF, SWAP, ALLOCATED, [("C3-TIER", "hub"), ("C3-TIER", "worker")]),
        (
            {"sibling_of_child_held": True},
            RI,
            FSW,
            ALLOCATED,
            [("C3-SIBLING-NOT-RI", "hub"), ("C3-SIBLING-NOT-RI", "worker")],
        ),
        ({"sibling_hub": SS}, SF, SWAP, ALLOCATED, [("A4-ONE-FAMILY", "hub"), ("A4-ONE-FAMILY", "worker")]),
    ],
)
def test_r_c3_a_managers_choice_is_checked_against_the_advice(changes, hub, worker_role, relationship, expected):
    advice = advise_allocation(facts(**changes))
    violations = allocation_violations(advice=advice, hub=hub, worker_role=worker_role, relationship=relationship)
    assert [(v.rule, v.field) for v in violations] == expected


@pytest.mark.parametrize(
    ("changes", "hub", "worker_role", "relationship", "messages"),
    [
        (
            {"section_47_open": True},
            SF,
            FSW,
            ALLOCATED,
            [
                "Select Safeguarding & Support: section 47 enquiries are only done by social workers",
                "Select a social worker: section 47 enquiries are only done by social workers",
            ],
        ),
        (
            {"single_assessment_needed": True},
            SS,
            SWAP,
            ALLOCATED,
            ["Select a social worker: single assessments are only done by social workers"],
        ),
        (
            {"sibling_of_child_held": True},
            RI,
            FSW,
            ALLOCATED,
            [
                "Select Strengthening Families: brothers and sisters of a child the team holds are never held in "
                "Review & Intervention",
                "Select a social work advanced practitioner: brothers and sisters of a child the team holds are "
                "never held in Review & Intervention",
            ],
        ),
        (
            {"overnight_respite": RespiteFunding.OTHER},
            SF,
            SW,
            ALLOCATED,
            [
                "Select a social work advanced practitioner: in Strengthening Families a social work advanced "
                "practitioner holds the case"
            ],
        ),
        (
            {},
            RI,
            FSW,
            ASSIGNED,
            ["Select allocated: in Review & Intervention the family support worker holds the case"],
        ),
        (
            {"risk_tier": RiskTier.LOW_TO_MEDIUM},
            SF,
            SW,
            ASSIGNED,
            ["Select a family support worker: only family support workers are assigned or attached to a case"],
        ),
    ],
)
def test_r_c3_refusals_are_in_govuk_words(changes, hub, worker_role, relationship, messages):
    advice = advise_allocation(facts(**changes))
    violations = allocation_violations(advice=advice, hub=hub, worker_role=worker_role, relationship=relationship)
    assert [v.message for v in violations] == messages


# --- C4: capacity ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("load", "capacity", "reason", "may_override", "expected"),
    [
        (49, 50, "", False, []),
        (50, 50, "", False, [("C4-CAPACITY", "worker")]),
        (50, 50, "Knows the family", False, [("C4-CAPACITY", "worker")]),  # a team manager cannot override
        (50, 50, "", True, [("C4-CAPACITY", "over_capacity_reason")]),
        (50, 50, "   ", True, [("C4-CAPACITY", "over_capacity_reason")]),
        (50, 50, "Knows the family", True, []),
        (0, 0, "", False, [("C4-CAPACITY", "worker")]),
    ],
)
def test_r_c4_a_worker_at_capacity_takes_no_more_unless_an_operations_manager_says_why(
    load, capacity, reason, may_override, expected
):
    violations = rules.capacity_violations(
        load=load, capacity=capacity, override_reason=reason, may_override=may_override
    )
    assert [(v.rule, v.field) for v in violations] == expected
    assert all("capacity" in v.message for v in violations)


# --- Properties over every combination of facts ----------------------------------------------------

child_facts = st.builds(
    ChildFacts,
    risk_tier=st.sampled_from(RiskTier),
    overnight_respite=st.sampled_from(RespiteFunding),
    sibling_hub=st.sampled_from(SIBLING_HUBS),
    **{name: st.booleans() for name in BOOLEAN_FACTS},
)


def assert_advice_is_sound(child: ChildFacts) -> None:
    advice = advise_allocation(child)
    if any(getattr(child, name) for name in NEVER_RI_FACTS) or child.sibling_hub is not None:
        assert advice.hub != RI
    if child.overnight_respite == RespiteFunding.OTHER:
        assert advice.hub in (SS, SF)
        assert set(advice.allowed_roles) <= {SW, SWAP}
    if any(getattr(child, name) for name in SOCIAL_WORK_ONLY_FACTS):
        assert advice.hub == SS
        assert advice.allowed_roles == (SW,)
    assert advice.allowed_roles
    assert advice.fired
    assert advice.family_support_worker == rules.FAMILY_SUPPORT[advice.hub]
    # The winning hub is the strongest any rule pointed to; every other rule says how it was settled.
    assert advice.hub == max((f.hub for f in advice.fired), key=rules.STRENGTH.__getitem__)
    deciding = {f.rule for f in advice.deciding}
    for f in advice.fired:
        if f.hub == advice.hub:
            assert f.outweighed_by is None
        elif f.at_least:
            assert f.outweighed_by is None
            assert "Met: " in f.reason
        else:
            assert f.outweighed_by in deciding
            assert f"Outweighed by {f.outweighed_by}" in f.reason
    assert len(ids(advice)) == len(set(ids(advice)))
    # Following the advice is never refused.
    for role in advice.allowed_roles:
        assert allocation_violations(advice=advice, hub=advice.hub, worker_role=role, relationship=ALLOCATED) == []
    fsw = advice.family_support_worker
    assert allocation_violations(advice=advice, hub=advice.hub, worker_role=FSW, relationship=fsw) == []


@given(child_facts)
def test_r_c3_advice_is_sound_for_any_child(child):
    assert_advice_is_sound(child)


def test_r_c3_advice_is_sound_for_every_combination_of_facts():
    """All 3 x 3 x 4 x 2^8 = 9,216 children: the fact space is small enough to walk."""
    count = 0
    for tier, respite, sibling_hub, *flags in itertools.product(
        RiskTier, RespiteFunding, SIBLING_HUBS, *([(False, True)] * len(BOOLEAN_FACTS))
    ):
        child = ChildFacts(
            risk_tier=tier,
            overnight_respite=respite,
            sibling_hub=sibling_hub,
            **dict(zip(BOOLEAN_FACTS, flags, strict=True)),
        )
        assert_advice_is_sound(child)
        count += 1
    assert count == 9216


def test_r_c3_fired_rules_can_be_stored_as_json():
    """The service keeps ``asdict(f)`` for each fired rule in a JSONField."""
    advice = advise_allocation(facts(section_47_open=True, sibling_hub=SF))
    stored = json.loads(json.dumps([dataclasses.asdict(f) for f in advice.fired]))
    assert stored[0]["rule"] == "C3-S47"
    assert stored[0]["roles"] == ["SOCIAL_WORKER"]


@pytest.mark.parametrize(
    ("holding", "hub", "relationship", "operations", "refused"),
    [
        (HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, WorkerRelationship.ALLOCATED, False, True),
        (HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, WorkerRelationship.ASSIGNED, False, True),
        (HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, WorkerRelationship.ATTACHED, False, False),
        (HubCode.SAFEGUARDING_SUPPORT, HubCode.STRENGTHENING_FAMILIES, WorkerRelationship.ALLOCATED, True, False),
        (HubCode.SAFEGUARDING_SUPPORT, HubCode.SAFEGUARDING_SUPPORT, WorkerRelationship.ALLOCATED, False, False),
        (None, HubCode.STRENGTHENING_FAMILIES, WorkerRelationship.ALLOCATED, False, False),
    ],
)
def test_r_c7_a_case_moves_between_hubs_only_through_the_transfer_list(holding, hub, relationship, operations, refused):
    violations = rules.hub_move_violations(
        holding_hub=holding, hub=hub, relationship=relationship, by_operations_manager=operations
    )
    assert bool(violations) is refused
    if refused:
        assert violations[0].rule == "C7-VIA-TRANSFER"
        assert "add the child to the transfer list" in violations[0].message
