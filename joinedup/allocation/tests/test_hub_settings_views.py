"""The hubs' settings pages (C2, C4, C5): for the area's administrators; bad input keeps what was typed."""

import html

import pytest
from django.urls import reverse

from joinedup.accounts.choices import Role
from joinedup.allocation.choices import HubCode
from joinedup.allocation.models import Hub
from joinedup.allocation.services import configure_hub
from joinedup.audit.models import AuditEvent
from joinedup.organisations.tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return html.unescape(response.content.decode())


def _form(hub: Hub, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "version": str(hub.version),
        "tier": hub.tier,
        "worker_roles": list(hub.worker_roles),
        "default_capacity": str(hub.default_capacity),
        "visit_days": str(hub.visit_days),
    }
    if hub.code == HubCode.REVIEW_INTERVENTION:
        data["review_interval_options"] = ", ".join(str(d) for d in hub.review_interval_options)
    else:
        data["cin_review_days"] = str(hub.cin_review_days)
    return data | changes


@pytest.fixture
def r_and_i(world):
    return configure_hub(
        team=TeamFactory(organisation=world.hub.organisation, name="Review & Intervention"),
        code=HubCode.REVIEW_INTERVENTION,
    )


def test_r_c2_hub_config_the_list_shows_each_hub_of_the_area_with_its_settings(
    client, world, r_and_i, django_assert_max_num_queries
):
    elsewhere = configure_hub(
        team=TeamFactory(organisation=world.other_area_practitioner.organisation, name="Southshire S&S"),
        code=HubCode.SAFEGUARDING_SUPPORT,
    )
    client.force_login(world.administrator)
    with django_assert_max_num_queries(8):
        body = _body(client.get(reverse("allocation:hub-list")))
    # In the model's order: S&S, SF, R&I.
    assert body.index("Safeguarding & Support") < body.index("Strengthening Families") < body.index("Review & Int")
    assert "Tier 3 to 4" in body
    assert "Social work advanced practitioner, Family support worker" in body
    assert "50 children" in body
    assert "At least every 42 days (6 weeks)" in body
    assert "Chosen for each child at allocation: every 182 or 365 days" in body
    assert reverse("allocation:hub-edit", args=[r_and_i.pk]) in body
    assert reverse("allocation:hub-edit", args=[elsewhere.pk]) not in body


def test_r_c2_hub_config_the_list_does_not_grow_in_queries_with_more_hubs(
    client, world, r_and_i, django_assert_max_num_queries
):
    for n in range(5):
        configure_hub(
            team=TeamFactory(organisation=world.hub.organisation, name=f"Extra hub {n}"),
            code=HubCode.STRENGTHENING_FAMILIES,
        )
    client.force_login(world.administrator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("allocation:hub-list")).status_code == 200


def test_r_c2_hub_config_an_administrator_changes_a_hub(client, world):
    hub = world.hub.hub
    url = reverse("allocation:hub-edit", args=[hub.pk])
    client.force_login(world.administrator)
    body = _body(client.get(url))
    assert "Change the settings of Safeguarding & Support" in body
    assert "Review intervals" not in body  # S&S reviews on a fixed interval

    response = client.post(url, _form(hub, default_capacity="45", visit_days="28"))

    assert response["Location"] == reverse("allocation:hub-list")
    hub.refresh_from_db()
    assert (hub.default_capacity, hub.visit_days, hub.version) == (45, 28, 1)
    assert AuditEvent.objects.get(subject_id=str(hub.pk)).changes["fields"] == ["default_capacity", "visit_days"]
    assert "Safeguarding & Support settings saved" in _body(client.get(reverse("allocation:hub-list")))


def test_r_c2_hub_config_review_and_intervention_edits_its_review_intervals(client, world, r_and_i):
    client.force_login(world.administrator)
    url = reverse("allocation:hub-edit", args=[r_and_i.pk])
    assert "Days between child in need plan reviews" not in _body(client.get(url))
    client.post(url, _form(r_and_i, review_interval_options="365 182 91"))
    r_and_i.refresh_from_db()
    assert r_and_i.review_interval_options == [91, 182, 365]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"default_capacity": "fifty"}, "Default caseload capacity must be a whole number, like 50"),
        ({"default_capacity": "0"}, "Default caseload capacity must be between 1 and 100 children"),
        ({"visit_days": "60"}, "Visits to the child must be 42 days apart or fewer"),
        ({"worker_roles": ["SWAP"]}, "Keep social workers in Safeguarding & Support"),
        ({"worker_roles": []}, "Select at least one job role"),
        ({"tier": ""}, "Enter the threshold tier"),
    ],
)
def test_r_c2_hub_config_bad_input_shows_the_error_summary_keeps_what_was_typed_and_saves_nothing(
    client, world, changes, message
):
    hub = world.hub.hub
    client.force_login(world.administrator)
    data = _form(hub, **({"tier": "Tier 4 typed"} | changes))
    response = client.post(reverse("allocation:hub-edit", args=[hub.pk]), data)

    assert response.status_code == 200
    body = _body(response)
    assert "There is a problem" in body
    assert message in body
    assert "<title>Error: " in body
    for value in (data["tier"], data["default_capacity"], data["visit_days"]):
        if value:
            assert f'value="{value}"' in body
    hub.refresh_from_db()
    assert (hub.tier, hub.default_capacity, hub.visit_days, hub.version) == ("Tier 3 to 4", 50, 42, 0)
    assert not AuditEvent.objects.filter(subject_id=str(hub.pk)).exists()


def test_r_g5_a_save_over_someone_elses_is_refused_and_both_versions_are_shown(client, world):
    hub = world.hub.hub
    url = reverse("allocation:hub-edit", args=[hub.pk])
    colleague = UserFactory(area=world.area, role=Role.ADMINISTRATOR)
    client.force_login(colleague)
    client.post(url, _form(hub, default_capacity="45"))  # saved first, from version 0

    client.force_login(world.administrator)
    response = client.post(url, _form(hub, default_capacity="30"))  # also from version 0

    body = _body(response)
    assert "Someone else saved this hub's settings while you were editing" in body
    assert 'value="30"' in body  # what they typed is kept
    assert "45 children" in body  # and the saved settings are shown
    assert 'name="version" value="1"' in body  # saving again replaces them, knowingly
    assert Hub.objects.get(pk=hub.pk).default_capacity == 45
    client.post(url, _form(hub, version="1", default_capacity="30"))
    assert Hub.objects.get(pk=hub.pk).default_capacity == 30


@pytest.mark.parametrize(
    "persona", ["manager", "operations_manager", "key_worker", "team_member", "commissioner", "parent", "young_person"]
)
def test_r_c2_hub_config_pages_are_refused_to_everyone_but_administrators(client, world, persona):
    hub = world.hub.hub
    client.force_login(world.personas()[persona])
    assert client.get(reverse("allocation:hub-list")).status_code == 403
    assert client.get(reverse("allocation:hub-edit", args=[hub.pk])).status_code == 403
    assert (
        client.post(reverse("allocation:hub-edit", args=[hub.pk]), _form(hub, default_capacity="5")).status_code == 403
    )
    assert Hub.objects.get(pk=hub.pk).default_capacity == 50


def test_r_c2_hub_config_an_administrator_of_another_area_gets_not_found(client, world):
    hub = world.hub.hub
    client.force_login(UserFactory(area=world.other_area_practitioner.organisation.area, role=Role.ADMINISTRATOR))
    assert client.get(reverse("allocation:hub-list")).status_code == 200
    assert world.hub.name not in _body(client.get(reverse("allocation:hub-list")))
    assert client.get(reverse("allocation:hub-edit", args=[hub.pk])).status_code == 404
    assert (
        client.post(reverse("allocation:hub-edit", args=[hub.pk]), _form(hub, default_capacity="5")).status_code == 404
    )
    assert Hub.objects.get(pk=hub.pk).default_capacity == 50


def test_the_hub_pages_ask_anyone_signed_out_to_sign_in(client, world):
    response = client.get(reverse("allocation:hub-edit", args=[world.hub.hub.pk]))
    assert "/accounts/sign-in/" in response["Location"]


def test_administrators_find_hubs_and_closure_reasons_in_their_navigation(client, world):
    client.force_login(world.administrator)
    body = _body(client.get(reverse("home"), follow=True))
    assert f'href="{reverse("allocation:hub-list")}"' in body
    assert f'href="{reverse("closure:reason-list")}"' in body
    client.force_login(world.manager.user)
    body = _body(client.get(reverse("home"), follow=True))
    assert f'href="{reverse("allocation:hub-list")}"' not in body
    assert f'href="{reverse("closure:reason-list")}"' not in body
