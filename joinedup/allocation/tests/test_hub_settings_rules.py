"""C2-HUB-CONFIG and C5-CADENCE, and the job roles a hub must keep (C3): what an administrator may set. No database."""

import dataclasses

import pytest

from joinedup.allocation import rules
from joinedup.allocation.choices import HubCode
from joinedup.allocation.defaults import DEFAULT_HUBS
from joinedup.allocation.rules import HubSettings, hub_settings_violations
from joinedup.organisations.choices import JobRole

SS = HubCode.SAFEGUARDING_SUPPORT
SF = HubCode.STRENGTHENING_FAMILIES
RI = HubCode.REVIEW_INTERVENTION
SW = JobRole.SOCIAL_WORKER.value
SWAP = JobRole.SWAP.value
FSW = JobRole.FAMILY_SUPPORT_WORKER.value


def defaults(hub: HubCode, **changes) -> HubSettings:
    d = DEFAULT_HUBS[hub]
    settings = HubSettings(
        tier=d["tier"],
        worker_roles=tuple(d["worker_roles"]),
        default_capacity=d["default_capacity"],
        cin_review_days=d["cin_review_days"],
        review_interval_options=tuple(d["review_interval_options"]),
        visit_days=d["visit_days"],
    )
    return dataclasses.replace(settings, **changes)


def broken(hub: HubCode, **changes) -> list[tuple[str, str | None]]:
    return [(v.rule, v.field) for v in hub_settings_violations(hub=hub, settings=defaults(hub, **changes))]


@pytest.mark.parametrize("hub", [SS, SF, RI])
def test_r_c2_hub_config_the_delivery_models_defaults_are_valid(hub):
    assert broken(hub) == []


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        (1, []),
        (50, []),
        (rules.MAX_DEFAULT_CAPACITY, []),
        (0, [("C2-HUB-CONFIG", "default_capacity")]),
        (-5, [("C2-HUB-CONFIG", "default_capacity")]),
        (rules.MAX_DEFAULT_CAPACITY + 1, [("C2-HUB-CONFIG", "default_capacity")]),
        (5000, [("C2-HUB-CONFIG", "default_capacity")]),
    ],
)
def test_r_c2_hub_config_capacity_is_a_whole_number_from_1_to_100(capacity, expected):
    assert broken(SF, default_capacity=capacity) == expected


def test_r_c2_hub_config_a_hub_has_a_tier():
    assert broken(SS, tier="   ") == [("C2-HUB-CONFIG", "tier")]


@pytest.mark.parametrize("hub", [SS, SF, RI])
def test_r_c2_hub_config_a_hub_has_at_least_one_job_role(hub):
    [violation] = hub_settings_violations(hub=hub, settings=defaults(hub, worker_roles=()))
    assert (violation.rule, violation.field, violation.message) == (
        "C2-HUB-CONFIG",
        "worker_roles",
        "Select at least one job role",
    )


def test_r_c2_hub_config_job_roles_come_from_the_list():
    assert broken(SS, worker_roles=(SW, JobRole.TEACHER.value)) == [("C2-HUB-CONFIG", "worker_roles")]


@pytest.mark.parametrize(
    ("hub", "field", "days"),
    [(SS, "visit_days", 0), (SF, "cin_review_days", -1), (SF, "visit_days", 366), (RI, "visit_days", 0)],
)
def test_r_c2_hub_config_cadences_are_between_1_and_365_days(hub, field, days):
    assert broken(hub, **{field: days}) == [("C2-HUB-CONFIG", field)]


def test_r_c3_s47_safeguarding_and_support_keeps_its_social_workers():
    """Section 47 enquiries and single assessments are only done by social workers (CwDT 6.3.2, 7.2)."""
    [violation] = hub_settings_violations(hub=SS, settings=defaults(SS, worker_roles=(SWAP, FSW)))
    assert violation.rule == "C3-S47"
    assert violation.field == "worker_roles"
    assert "section 47 enquiries and single assessments are only done by social workers" in violation.message


def test_r_c3_s47_safeguarding_and_support_may_add_other_roles_beside_social_workers():
    assert broken(SS, worker_roles=(SW, FSW)) == []


@pytest.mark.parametrize(
    ("hub", "roles", "expected"),
    [
        (SF, (FSW,), [("C3-CASE-HOLDER", "worker_roles")]),  # SWAPs hold SF cases (CwDT 4.2.2)
        (RI, (SW,), [("C3-CASE-HOLDER", "worker_roles")]),  # family support workers hold R&I cases (5.5)
        (RI, (FSW, SWAP), []),
    ],
)
def test_r_c3_case_holder_a_hub_keeps_the_job_role_that_holds_its_cases(hub, roles, expected):
    assert broken(hub, worker_roles=roles) == expected


def test_r_c3_family_support_strengthening_families_keeps_the_family_support_workers_it_assigns():
    assert broken(SF, worker_roles=(SWAP,)) == [("C3-FAMILY-SUPPORT", "worker_roles")]
    assert broken(SF, worker_roles=(SWAP, FSW, SW)) == []


@pytest.mark.parametrize(
    ("hub", "field", "longest"),
    [(SS, "cin_review_days", 42), (SS, "visit_days", 42), (SF, "cin_review_days", 91), (RI, "visit_days", 182)],
)
def test_r_c5_cadence_no_longer_apart_than_the_model_allows(hub, field, longest):
    assert broken(hub, **{field: longest}) == []
    assert broken(hub, **{field: 7}) == []  # more often is always allowed
    [violation] = hub_settings_violations(hub=hub, settings=defaults(hub, **{field: longest + 1}))
    assert (violation.rule, violation.field) == ("C5-CADENCE", field)
    assert f"must be {longest} days apart or fewer: in {hub.label}" in violation.message


def test_r_c5_cadence_strengthening_families_visits_are_left_to_the_plan():
    """CwDT 4.2.2: visits "as in the plan, usually every 6 weeks": only the general bound applies."""
    assert broken(SF, visit_days=91) == []
    assert broken(SF, visit_days=365) == []


def test_r_c5_cadence_review_and_intervention_chooses_the_interval_at_allocation():
    assert broken(RI, review_interval_options=()) == [("C5-CADENCE", "review_interval_options")]
    assert broken(RI, cin_review_days=182) == [("C5-CADENCE", "cin_review_days")]
    assert broken(RI, review_interval_options=(91, 182, 365)) == []
    assert broken(RI, review_interval_options=(182, 182)) == [("C2-HUB-CONFIG", "review_interval_options")]
    assert broken(RI, review_interval_options=(0, 400)) == [("C2-HUB-CONFIG", "review_interval_options")]


@pytest.mark.parametrize("hub", [SS, SF])
def test_r_c5_cadence_the_other_hubs_review_on_a_fixed_interval(hub):
    assert broken(hub, cin_review_days=None) == [("C5-CADENCE", "cin_review_days")]
    assert broken(hub, review_interval_options=(182,)) == [("C5-CADENCE", "review_interval_options")]


def test_r_c2_hub_config_every_broken_setting_is_reported_at_once():
    settings = defaults(SS, tier="", worker_roles=(), default_capacity=0, cin_review_days=60, visit_days=400)
    assert [(v.rule, v.field) for v in hub_settings_violations(hub=SS, settings=settings)] == [
        ("C2-HUB-CONFIG", "tier"),
        ("C2-HUB-CONFIG", "worker_roles"),
        ("C2-HUB-CONFIG", "default_capacity"),
        ("C5-CADENCE", "cin_review_days"),
        ("C2-HUB-CONFIG", "visit_days"),
    ]
