"""Personas shared by every app's tests: one small area built around one child.

`world` holds a child inside reach of the personas and `other_child` outside it. Each app keeps
its own fixtures in its tests/ folder; only the personas live here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest

from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.allocation.choices import HubCode
from joinedup.allocation.services import configure_hub
from joinedup.organisations.choices import JobRole, Sector, Skill
from joinedup.organisations.models import Area, Practitioner, Team
from joinedup.organisations.tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PractitionerFactory,
    TeamFactory,
    UserFactory,
)
from joinedup.people.models import Child
from joinedup.people.tests.factories import CarerFactory, CarerLinkFactory, ChildFactory
from joinedup.teams.tests.factories import KeyWorkerAssignmentFactory, TeamMembershipFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside the ORM

PASSWORD = "correct horse battery"  # UserFactory's password for every persona


@dataclass
class World:
    area: Area
    hub: Team
    other_hub: Team
    child: Child
    other_child: Child
    key_worker: Practitioner
    team_member: Practitioner
    manager: Practitioner
    operations_manager: Practitioner
    same_org_outsider: Practitioner
    other_area_practitioner: Practitioner
    ended_member: Practitioner
    parent: User
    other_parent: User
    young_person: User
    commissioner: User
    administrator: User

    def personas(self) -> dict[str, User | None]:
        return {
            "team_member": self.team_member.user,
            "key_worker": self.key_worker.user,
            "manager": self.manager.user,
            "operations_manager": self.operations_manager.user,
            "same_org_outsider": self.same_org_outsider.user,
            "other_area": self.other_area_practitioner.user,
            "ended_member": self.ended_member.user,
            "parent": self.parent,
            "other_parent": self.other_parent,
            "young_person": self.young_person,
            "commissioner": self.commissioner,
            "administrator": self.administrator,
            "anonymous": None,
        }


def build_world() -> World:
    area = AreaFactory(name="Northshire")
    council = OrganisationFactory(area=area, name="Northshire Council CwDT", sector=Sector.SOCIAL_CARE)
    trust = OrganisationFactory(area=area, name="Northshire Community NHS Trust", sector=Sector.HEALTH)
    hub = TeamFactory(organisation=council, name="Safeguarding & Support")
    other_hub = TeamFactory(organisation=council, name="Strengthening Families")
    configure_hub(team=hub, code=HubCode.SAFEGUARDING_SUPPORT)
    configure_hub(team=other_hub, code=HubCode.STRENGTHENING_FAMILIES)
    nursing = TeamFactory(organisation=trust, name="Community nursing")

    def practitioner(org, role=Role.PRACTITIONER, job=JobRole.SOCIAL_WORKER, teams=(), skills=()):
        return PractitionerFactory(
            organisation=org, user__role=role, job_role=job, teams=list(teams), skills=list(skills)
        )

    # Family names no page's own words contain: tests check a name is not shown, and a generated name
    # such as "Young" is in "Young carers".
    child = ChildFactory(
        area=area, holding_team=hub, family_name="Oyelaran-Quist", needs=["COMPLEX_HEALTH", "LEARNING_DISABILITY"]
    )
    other_child = ChildFactory(area=area, holding_team=other_hub, family_name="Zbarsky-Nwosu")
    key_worker = practitioner(council, teams=[hub], skills=[Skill.LEARNING_DISABILITY])
    team_member = practitioner(trust, job=JobRole.COMMUNITY_NURSE, teams=[nursing], skills=[Skill.COMPLEX_HEALTH])
    ended_member = practitioner(trust, job=JobRole.PHYSIOTHERAPIST, teams=[nursing])
    manager = practitioner(council, role=Role.TEAM_MANAGER, job=JobRole.TEAM_MANAGER, teams=[hub])
    # The operations manager of another organisation: their service does not hold either child.
    operations_manager = practitioner(trust, role=Role.OPERATIONS_MANAGER, job=JobRole.OPERATIONS_MANAGER)
    same_org_outsider = practitioner(council, teams=[hub])
    other_area = AreaFactory(name="Southshire")
    other_area_practitioner = practitioner(OrganisationFactory(area=other_area))
    TeamMembershipFactory(child=ChildFactory(area=other_area), practitioner=other_area_practitioner)

    for p, role in ((key_worker, "Social worker"), (team_member, "Community children's nurse")):
        TeamMembershipFactory(child=child, practitioner=p, role_in_team=role, added_by=manager.user)
    TeamMembershipFactory(
        child=child,
        practitioner=ended_member,
        role_in_team="Physiotherapist",
        end_date=dt.date(2026, 3, 1),
        added_by=manager.user,
    )
    KeyWorkerAssignmentFactory(child=child, practitioner=key_worker, assigned_by=manager.user)

    parent = UserFactory(area=area, role=Role.PARENT_CARER)
    CarerLinkFactory(child=child, carer=CarerFactory(area=area, user=parent))
    other_parent = UserFactory(area=area, role=Role.PARENT_CARER)
    CarerLinkFactory(child=other_child, carer=CarerFactory(area=area, user=other_parent))
    young_person = UserFactory(area=area, role=Role.YOUNG_PERSON)
    Child.objects.filter(pk=child.pk).update(user=young_person)
    child.refresh_from_db()

    return World(
        area=area,
        hub=hub,
        other_hub=other_hub,
        child=child,
        other_child=other_child,
        key_worker=key_worker,
        team_member=team_member,
        manager=manager,
        operations_manager=operations_manager,
        same_org_outsider=same_org_outsider,
        other_area_practitioner=other_area_practitioner,
        ended_member=ended_member,
        parent=parent,
        other_parent=other_parent,
        young_person=young_person,
        commissioner=UserFactory(area=area, role=Role.COMMISSIONER),
        administrator=UserFactory(area=area, role=Role.ADMINISTRATOR),
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def transactional_world(transactional_db: None) -> World:
    """The same world, committed for real: for tests with several connections or a live server."""
    return build_world()
