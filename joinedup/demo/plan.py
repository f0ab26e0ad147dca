"""The demo area as plain data: what the planner decides and the writer stores, no database."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from faker import Faker

DEMO_PASSWORD = "joinedup-demo"  # noqa: S105 - the one published password of the synthetic demo
AREA_NAME = "Northshire"

# The three hubs of the Children with Disabilities Team.
SAFEGUARDING = "hub-ss"
STRENGTHENING = "hub-sf"
REVIEW = "hub-ri"
HUBS = (SAFEGUARDING, STRENGTHENING, REVIEW)


class DemoUser:
    """The published demo sign-ins, one per role."""

    SOCIAL_WORKER = "social.worker"
    FAMILY_SUPPORT = "family.support"
    TEAM_MANAGER = "team.manager"
    OPS_MANAGER = "ops.manager"
    NURSE = "nurse"
    TEACHER = "teacher"
    COMMISSIONER = "commissioner"
    ADMIN = "admin"
    PARENT = "parent"
    YOUNG_PERSON = "young.person"


@dataclass
class Source:
    """Every random choice of one build comes from here, so a seed always gives the same area."""

    rng: random.Random
    fake: Faker

    @classmethod
    def from_seed(cls, seed: int) -> Source:
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        return cls(rng=random.Random(seed), fake=fake)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability


@dataclass(frozen=True)
class OrgPlan:
    key: str
    name: str
    sector: str


@dataclass(frozen=True)
class TeamPlan:
    key: str
    org_key: str
    name: str
    kind: str
    site: str = ""


@dataclass(frozen=True)
class UserPlan:
    """Someone who signs in; ``practitioner`` is set for the workforce."""

    username: str
    first_name: str
    last_name: str
    role: str
    email: str


@dataclass(frozen=True)
class PractitionerPlan:
    user: UserPlan
    org_key: str
    job_role: str
    team_keys: tuple[str, ...]
    skills: tuple[str, ...]
    phone: str
    capacity: float = 1.0  # part-timers and newly qualified workers hold fewer children

    @property
    def username(self) -> str:
        return self.user.username

    @property
    def full_name(self) -> str:
        return f"{self.user.first_name} {self.user.last_name}"


@dataclass(frozen=True)
class AboutMePlan:
    about_me: str = ""
    what_matters_to_me: str = ""
    life_goals: str = ""
    ambitions: str = ""
    likes: str = ""
    dislikes: str = ""
    how_to_support_me: str = ""
    written_by: str = "OWN_WORDS"


@dataclass(frozen=True)
class CommunicationPlan:
    how_i_communicate: str = ""
    communication_aids: str = ""
    what_works: str = ""
    what_to_avoid: str = ""


@dataclass(frozen=True)
class ChildPlan:
    local_id: str
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: date
    nhs_number: str
    address: str
    postcode: str
    ehc_plan_status: str
    legal_status: str
    school_or_setting: str
    diagnosis: str
    hub_key: str
    needs: tuple[str, ...]  # the main need first
    family_key: str
    opened_on: date
    is_young_carer: bool = False
    young_carer_referred_on: date | None = None
    about_me: AboutMePlan | None = None
    communication: CommunicationPlan | None = None


@dataclass(frozen=True)
class CarerPlan:
    key: str
    first_name: str
    last_name: str
    phone: str
    email: str
    address: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class CarerLinkPlan:
    child: str  # local_id
    carer: str  # carer key
    relationship: str
    has_parental_responsibility: bool
    lives_with_child: bool
    is_main_contact: bool


@dataclass(frozen=True)
class SiblingPlan:
    child: str
    sibling: str
    kind: str


@dataclass(frozen=True)
class MembershipPlan:
    child: str
    practitioner: str  # username
    role_in_team: str
    start_date: date
    added_by: str
    added_at: datetime
    end_date: date | None = None
    end_reason: str = ""


@dataclass(frozen=True)
class KeyWorkerPlan:
    child: str
    practitioner: str
    start_date: date
    reason: str
    assigned_by: str
    assigned_at: datetime
    end_date: date | None = None


@dataclass(frozen=True)
class FamilyPlan:
    """Children who share their carers: a sibling group, or one child on their own."""

    key: str
    hub_key: str
    children: tuple[str, ...]
    carers: tuple[str, ...]


@dataclass(frozen=True)
class ReferredChildPlan:
    """A child referred to the team this week: not in joinedup unless the referral is accepted."""

    given_name: str
    family_name: str
    date_of_birth: date
    nhs_number: str
    local_id: str  # the record's local ID, used if the referral is accepted


@dataclass
class MondayPlan:
    """Who plays each part of the demo's Monday morning (``joinedup.demo.cast``): part -> local ID."""

    cast: dict[str, str] = field(default_factory=dict)
    referred: dict[str, ReferredChildPlan] = field(default_factory=dict)


@dataclass
class AreaPlan:
    area_name: str
    organisations: list[OrgPlan] = field(default_factory=list)
    teams: list[TeamPlan] = field(default_factory=list)
    practitioners: list[PractitionerPlan] = field(default_factory=list)
    other_users: list[UserPlan] = field(default_factory=list)
    children: list[ChildPlan] = field(default_factory=list)
    families: list[FamilyPlan] = field(default_factory=list)
    carers: list[CarerPlan] = field(default_factory=list)
    carer_links: list[CarerLinkPlan] = field(default_factory=list)
    siblings: list[SiblingPlan] = field(default_factory=list)
    memberships: list[MembershipPlan] = field(default_factory=list)
    key_workers: list[KeyWorkerPlan] = field(default_factory=list)
    parent_carer: str = ""  # the carer key the demo parent signs in as
    young_person: str = ""  # the local_id the demo young person signs in as
    monday: MondayPlan = field(default_factory=MondayPlan)
