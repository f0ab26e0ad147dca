"""B3 rules: ranking possible key workers and the reason for the choice. No database."""

import uuid
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from joinedup.people.choices import Need
from joinedup.teams import rules

HEALTH = rules.ChildNeeds(
    needs=frozenset({"COMPLEX_HEALTH", "LEARNING_DISABILITY"}), main=frozenset({"COMPLEX_HEALTH"})
)


def candidate(name, sector="SOCIAL_CARE", skills=(), **kwargs):
    return rules.Candidate(
        practitioner_id=uuid.uuid5(uuid.NAMESPACE_DNS, name),
        name=name,
        sector=sector,
        skills=frozenset(skills),
        **kwargs,
    )


def test_r_b3_health_lead_best_fit_for_mainly_health_needs_is_a_health_practitioner():
    nurse = candidate("Nurse", sector="HEALTH", skills=["COMPLEX_HEALTH"])
    social_worker = candidate("Social worker", skills=["COMPLEX_HEALTH", "LEARNING_DISABILITY"])
    [first, second] = rules.rank_key_workers(HEALTH, [social_worker, nurse])
    assert first.candidate == nurse
    assert "B3-HEALTH-LEAD" in {f.rule for f in first.fired}
    assert "B3-HEALTH-LEAD" not in {f.rule for f in second.fired}


def test_r_b3_health_lead_does_not_fire_when_health_is_not_the_main_need():
    child = rules.ChildNeeds(
        needs=frozenset({"COMPLEX_HEALTH", "LEARNING_DISABILITY"}), main=frozenset({"LEARNING_DISABILITY"})
    )
    assert not child.mainly_health
    nurse = rules.score_candidate(child, candidate("Nurse", sector="HEALTH"))
    assert "B3-HEALTH-LEAD" not in {f.rule for f in nurse.fired}


def test_r_b3_with_no_main_need_marked_every_need_counts_as_main():
    child = rules.ChildNeeds(needs=frozenset({"LIFE_LIMITING"}), main=frozenset())
    assert child.mainly_health
    assert rules.ChildNeeds(needs=frozenset(), main=frozenset()).mainly_health is False


def test_r_b3_needs_fit_names_the_needs_the_practitioner_has_the_skills_for():
    s = rules.score_candidate(HEALTH, candidate("A", skills=["COMPLEX_HEALTH", "LEARNING_DISABILITY", "SAFEGUARDING"]))
    [fit] = [f for f in s.fired if f.rule == "B3-NEEDS-FIT"]
    assert "main needs (complex and enduring health needs)" in fit.reason
    assert "other needs (learning disability)" in fit.reason
    assert s.score == rules.POINTS_MAIN_NEED + rules.POINTS_OTHER_NEED


def test_r_b3_preference_a_preferred_known_practitioner_ranks_above_an_unknown_one_of_the_same_fit():
    unknown = candidate("Aaron", skills=["LEARNING_DISABILITY"])
    known = candidate("Zoe", skills=["LEARNING_DISABILITY"], preferred_by="the child", in_team_since=date(2026, 1, 5))
    [first, _second] = rules.rank_key_workers(HEALTH, [unknown, known])
    assert first.candidate == known
    reasons = {f.rule: f.reason for f in first.fired}
    assert reasons["B3-PREFERENCE"].startswith("Asked for by the child")
    assert reasons["B3-KNOWN"] == "Already in the child's team, since 5 January 2026"


def test_r_b3_known_someone_who_was_in_the_team_before_ranks_above_a_stranger():
    stranger = candidate("Aaron")
    knew = candidate("Zoe", knew_before=True)
    assert rules.rank_key_workers(HEALTH, [stranger, knew])[0].candidate == knew


def test_r_b3_capacity_no_one_over_capacity_is_ranked_first():
    full = candidate(
        "Full", sector="HEALTH", skills=["COMPLEX_HEALTH"], preferred_by="the family", key_working=3, capacity=3
    )
    room = candidate("Room", key_working=0, capacity=3)
    [first, second] = rules.rank_key_workers(HEALTH, [full, room])
    assert first.candidate == room
    assert second.candidate == full
    assert second.score > first.score  # the better fit still comes second: they have no room
    [cap] = [f for f in second.fired if f.rule == "B3-CAPACITY"]
    assert cap.reason.startswith("At capacity: key worker for 3 of 3 children")


def test_r_b3_capacity_ties_go_to_whoever_key_works_fewer_children():
    busy = candidate("Aaron", key_working=5)
    free = candidate("Zoe", key_working=1)
    assert rules.rank_key_workers(HEALTH, [busy, free])[0].candidate == free


candidates = st.builds(
    rules.Candidate,
    practitioner_id=st.uuids(),
    name=st.text(min_size=1, max_size=5),
    sector=st.sampled_from(["HEALTH", "SOCIAL_CARE", "EDUCATION", "VOLUNTARY"]),
    skills=st.frozensets(st.sampled_from(Need.values)),
    in_team_since=st.none() | st.dates(),
    knew_before=st.booleans(),
    preferred_by=st.sampled_from(["", "the child", "the family"]),
    key_working=st.integers(0, 60),
    capacity=st.integers(1, 60),
)
children = st.builds(
    rules.ChildNeeds,
    needs=st.frozensets(st.sampled_from(Need.values)),
    main=st.frozensets(st.sampled_from(Need.values)),
)


@given(child=children, pool=st.lists(candidates, min_size=1, max_size=12))
def test_r_b3_rank_the_first_suggestion_is_never_over_capacity_when_anyone_has_room(child, pool):
    ranked = rules.rank_key_workers(child, pool)
    assert len(ranked) == len(pool)
    if any(c.has_room for c in pool):
        assert ranked[0].has_room
        # and everyone with room comes before everyone without
        rooms = [s.has_room for s in ranked]
        assert rooms == sorted(rooms, reverse=True)
    assert all(any(f.rule == "B3-CAPACITY" for f in s.fired) for s in ranked)


def test_r_b3_not_same_job_refuses_a_reason_that_only_says_same_job():
    for reason in (
        "Same job as the last one",
        "same role as the previous key worker",
        "They do the same job as the old key worker.",
        "Like the last one",
        "Replaces the previous key worker",
    ):
        [violation] = rules.key_worker_reason_violations(reason)
        assert (violation.rule, violation.field) == ("B3-NOT-SAME-JOB", "reason"), reason
        assert "not a reason on its own" in violation.message


def test_r_b3_not_same_job_allows_same_job_with_a_real_reason():
    assert rules.key_worker_reason_violations("Same job as the last one, and Amira already knows the family well") == []
    assert rules.key_worker_reason_violations("Knows the family well and the child asked for her") == []
    assert rules.key_worker_reason_violations("Nurse: the child's main needs are health needs") == []
