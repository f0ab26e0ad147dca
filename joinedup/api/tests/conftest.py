"""Fixtures for the API tests: a bearer-token client for any persona, and the CwDT around the world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.accounts.services import create_api_token
from joinedup.allocation.choices import HubCode
from joinedup.allocation.services import configure_hub
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory, TeamFactory


class ApiClient:
    """Django's test client speaking JSON, with the persona's bearer token on every request."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if user is not None:
            token = create_api_token(user=user, name="tests", now=timezone.now())
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(path, body, content_type="application/json", **self.headers)

    def post_raw(self, path: str, data: str) -> Any:
        return self.client.post(path, data, content_type="application/json", **self.headers)


@pytest.fixture
def api_as() -> Callable[[User | None], ApiClient]:
    return ApiClient


@dataclass
class Cwdt:
    """The Children with Disabilities Team around ``world``: S&S is world.hub (world.manager manages it),
    Strengthening Families is world.other_hub; plus a team manager of another area's hub."""

    sf_manager: User  # a team manager of Strengthening Families
    operations: User  # the council's operations manager (world.operations_manager is the NHS trust's)
    family_support_worker: Practitioner  # in Strengthening Families
    other_area_manager: User  # a team manager of a hub in another area


@pytest.fixture
def cwdt(world: Any) -> Cwdt:
    council = world.hub.organisation
    elsewhere = OrganisationFactory(area=world.other_area_practitioner.organisation.area)
    elsewhere_hub = TeamFactory(organisation=elsewhere)
    configure_hub(team=elsewhere_hub, code=HubCode.SAFEGUARDING_SUPPORT)

    def manager(org: Any, role: str, teams: list[Any]) -> User:
        job = JobRole.OPERATIONS_MANAGER if role == Role.OPERATIONS_MANAGER else JobRole.TEAM_MANAGER
        return PractitionerFactory(organisation=org, user__role=role, job_role=job, teams=teams).user

    return Cwdt(
        sf_manager=manager(council, Role.TEAM_MANAGER, [world.other_hub]),
        operations=manager(council, Role.OPERATIONS_MANAGER, []),
        family_support_worker=PractitionerFactory(
            organisation=council, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=[world.other_hub]
        ),
        other_area_manager=manager(elsewhere, Role.TEAM_MANAGER, [elsewhere_hub]),
    )
