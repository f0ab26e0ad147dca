"""EHC fixtures: an SEN officer in the world's child's team."""

from __future__ import annotations

import pytest

from joinedup.organisations.choices import JobRole
from joinedup.organisations.tests.factories import PractitionerFactory
from joinedup.teams.tests.factories import TeamMembershipFactory


@pytest.fixture
def sen_officer(world):
    """An SEN officer of the council, in the child's team: they run the child's EHC needs assessment."""
    officer = PractitionerFactory(organisation=world.hub.organisation, job_role=JobRole.SEN_OFFICER)
    TeamMembershipFactory(
        child=world.child, practitioner=officer, role_in_team="SEN officer", added_by=world.manager.user
    )
    return officer
