"""Fixtures for escalations and family support: the managers and workers the world lacks."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from joinedup.accounts.choices import Role
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.teams.tests.factories import TeamMembershipFactory


@dataclass
class Cwdt:
    """The Children with Disabilities Team around ``world``: S&S is world.hub, SF is world.other_hub."""

    sf_manager: Practitioner  # a team manager of Strengthening Families
    operations: Practitioner  # the council's operations manager (world.operations_manager is the trust's)
    family_support_worker: Practitioner  # in Strengthening Families
    sf_worker: Practitioner  # a SWAP in Strengthening Families, in other_child's team
    social_worker: Practitioner  # another social worker in S&S, not in any child's team


@pytest.fixture
def cwdt(world) -> Cwdt:
    council = world.hub.organisation
    sf_worker = PractitionerFactory(organisation=council, job_role=JobRole.SWAP, teams=[world.other_hub])
    TeamMembershipFactory(child=world.other_child, practitioner=sf_worker, added_by=world.manager.user)
    return Cwdt(
        sf_manager=PractitionerFactory(
            organisation=council, user__role=Role.TEAM_MANAGER, job_role=JobRole.TEAM_MANAGER, teams=[world.other_hub]
        ),
        operations=PractitionerFactory(
            organisation=council, user__role=Role.OPERATIONS_MANAGER, job_role=JobRole.OPERATIONS_MANAGER
        ),
        family_support_worker=PractitionerFactory(
            organisation=council, job_role=JobRole.FAMILY_SUPPORT_WORKER, teams=[world.other_hub]
        ),
        sf_worker=sf_worker,
        social_worker=PractitionerFactory(organisation=council, job_role=JobRole.SOCIAL_WORKER, teams=[world.hub]),
    )
