"""B8 moving area rules, table-tested without a database."""

from datetime import date, timedelta

from joinedup.moves import rules
from joinedup.moves.choices import ContactKind, MoveOutcome, MoveStatus

TODAY = date(2027, 3, 1)


def _ids(violations):
    return [(v.rule, v.field) for v in violations]


def _plan(**changes):
    fields = {
        "in_system_area": False,
        "same_area": False,
        "to_area_name": "Westshire County Council",
        "moving_on": TODAY + timedelta(days=30),
        "has_open_move": False,
        "today": TODAY,
    }
    return rules.plan_violations(**(fields | changes))


def test_r_b8_plan_names_one_new_area_and_a_date():
    assert _plan() == []
    assert _plan(in_system_area=True, to_area_name="") == []
    assert _ids(_plan(to_area_name=" ")) == [("B8-PLAN", "to_area_name")]
    assert _ids(_plan(in_system_area=True)) == [("B8-PLAN", "to_area_name")]  # not both
    assert _ids(_plan(in_system_area=True, to_area_name="", same_area=True)) == [("B8-PLAN", "to_area")]
    assert _ids(_plan(moving_on=TODAY - timedelta(days=400))) == [("B8-PLAN", "moving_on")]
    assert _plan(moving_on=TODAY - timedelta(days=10)) == []  # recorded after the family moved


def test_r_b8_plan_one_open_move_at_a_time():
    assert _ids(_plan(has_open_move=True)) == [("B8-PLAN", None)]


def _contact(**changes):
    fields = {
        "kind": ContactKind.NEW_AREA,
        "in_system_area": False,
        "has_practitioner": False,
        "practitioner_in_new_area": False,
        "name": "Robin Ashdown",
        "email": "robin@westshire.example",
    }
    return rules.contact_violations(**(fields | changes))


def test_r_b8_contact_named_with_email_outside_joinedup():
    assert _contact() == []
    assert _ids(_contact(name="", email="")) == [("B8-CONTACT", "name"), ("B8-CONTACT", "email")]
    assert _ids(_contact(has_practitioner=True)) == [("B8-CONTACT", "practitioner")]


def test_r_b8_contact_chosen_from_the_new_area_in_joinedup():
    in_system = {"in_system_area": True, "name": "", "email": ""}
    assert _ids(_contact(**in_system)) == [("B8-CONTACT", "practitioner")]
    assert _ids(_contact(**in_system, has_practitioner=True)) == [("B8-CONTACT", "practitioner")]
    assert _contact(**in_system, has_practitioner=True, practitioner_in_new_area=True) == []


def test_r_b8_contact_equipment_provider_is_named_with_email():
    assert _contact(kind=ContactKind.EQUIPMENT, in_system_area=True) == []
    assert _ids(_contact(kind=ContactKind.EQUIPMENT, in_system_area=True, email="")) == [("B8-CONTACT", "email")]
    chosen = _contact(kind=ContactKind.EQUIPMENT, in_system_area=True, has_practitioner=True)
    assert [v.message for v in chosen] == ["Name the equipment provider: the list is for practitioners in the new area"]


def test_r_b8_open_a_completed_move_is_kept_as_it_was():
    assert _ids(rules.open_violations(status=MoveStatus.COMPLETED)) == [("B8-OPEN", None)]
    assert rules.open_violations(status=MoveStatus.PACK_SENT) == []


def test_r_b8_pack_needs_a_practitioner_in_the_new_area():
    assert _ids(rules.pack_violations(status=MoveStatus.PLANNED, new_area_contacts=0)) == [("B8-PACK", None)]
    assert rules.pack_violations(status=MoveStatus.PLANNED, new_area_contacts=1) == []
    assert rules.pack_violations(status=MoveStatus.PACK_SENT, new_area_contacts=2) == []  # sent again
    assert _ids(rules.pack_violations(status=MoveStatus.COMPLETED, new_area_contacts=1)) == [("B8-OPEN", None)]


def test_r_b8_tell_each_person_once():
    first = rules.who_to_tell(new_area_untold=2, family_told=False, old_team_told=False, equipment_untold=1)
    assert first == rules.Told(new_area=True, family=True, old_team=True, equipment=True)
    again = rules.who_to_tell(new_area_untold=1, family_told=True, old_team_told=True, equipment_untold=0)
    assert again == rules.Told(new_area=True, family=False, old_team=False, equipment=False)


def _outcome(**changes):
    fields = {
        "status": MoveStatus.PACK_SENT,
        "outcome": MoveOutcome.CLOSED,
        "reason": "The family moved on 3 May",
        "in_system_area": False,
        "receiving_team_found": False,
        "local_id_taken": False,
        "closure_reason_in_use": True,
    }
    return rules.outcome_violations(**(fields | changes))


def test_r_b8_outcome_close_with_a_reason_after_the_pack_is_sent():
    assert _outcome() == []
    assert _ids(_outcome(status=MoveStatus.PLANNED)) == [("B8-OUTCOME", None)]
    assert _ids(_outcome(reason=" ")) == [("B8-OUTCOME", "reason")]
    assert _ids(_outcome(outcome="")) == [("B8-OUTCOME", "outcome")]
    assert _ids(_outcome(closure_reason_in_use=False)) == [("B8-OUTCOME", "outcome")]
    assert _ids(_outcome(status=MoveStatus.COMPLETED)) == [("B8-OPEN", None)]


def test_r_b8_outcome_transfer_only_to_an_area_in_joinedup_with_a_hub_and_a_free_local_id():
    transfer = {"outcome": MoveOutcome.TRANSFERRED}
    assert _ids(_outcome(**transfer)) == [("B8-OUTCOME", "outcome")]
    assert _ids(_outcome(**transfer, in_system_area=True)) == [("B8-OUTCOME", "outcome")]
    assert _ids(_outcome(**transfer, in_system_area=True, receiving_team_found=True, local_id_taken=True)) == [
        ("B8-OUTCOME", "outcome")
    ]
    assert _outcome(**transfer, in_system_area=True, receiving_team_found=True) == []
