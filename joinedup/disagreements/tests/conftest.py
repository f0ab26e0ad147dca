"""Fixtures for disagreements: the council's operations manager (world.operations_manager is the trust's)."""

from __future__ import annotations

import pytest

from joinedup.accounts.choices import Role
from joinedup.organisations.choices import JobRole
from joinedup.organisations.models import Practitioner
from joinedup.organisations.tests.factories import PractitionerFactory


@pytest.fixture
def council_operations(world) -> Practitioner:
    return PractitionerFactory(
        organisation=world.hub.organisation, user__role=Role.OPERATIONS_MANAGER, job_role=JobRole.OPERATIONS_MANAGER
    )
