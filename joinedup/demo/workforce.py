"""The demo area's organisations, teams and ~60 practitioners, with the staff demo sign-ins."""

from __future__ import annotations

import re
from dataclasses import dataclass

from joinedup.accounts.choices import Role
from joinedup.demo.plan import (
    REVIEW,
    SAFEGUARDING,
    STRENGTHENING,
    AreaPlan,
    DemoUser,
    OrgPlan,
    PractitionerPlan,
    Source,
    TeamPlan,
    UserPlan,
)
from joinedup.organisations.choices import JobRole as J
from joinedup.organisations.choices import Sector, Skill, TeamKind

COUNCIL, TRUST, SEN, CHARITY = "council", "trust", "sen", "charity"
NURSING, THERAPIES, CAMHS, PAEDIATRICS = "nursing", "therapies", "camhs", "paediatrics"
SEN_TEAM, SHORT_BREAKS = "sen-team", "short-breaks"
SITE_NORTH = "Northgate House, Northtown"
SITE_SOUTH = "The Riverside Centre, Southbridge"


@dataclass(frozen=True)
class School:
    key: str
    name: str
    youngest: int
    oldest: int
    is_special: bool
    weight: float  # share of the team's children at school in the area who go here


SCHOOLS = (
    School("brookfield", "Brookfield School", 2, 19, True, 0.25),
    School("willowmere", "Willowmere Academy", 11, 19, True, 0.3),
    School("ashgrove", "Ashgrove Primary School", 4, 11, False, 0.2),
    School("northtown", "Northtown High School", 11, 16, False, 0.2),
)

_ORGANISATIONS = (
    OrgPlan(COUNCIL, "Northshire Council Children with Disabilities Team", Sector.SOCIAL_CARE),
    OrgPlan(TRUST, "Northshire Community Health NHS Trust", Sector.HEALTH),
    OrgPlan(SEN, "Northshire Council SEN Team", Sector.EDUCATION),
    *(OrgPlan(s.key, s.name, Sector.EDUCATION) for s in SCHOOLS),
    OrgPlan(CHARITY, "Northshire Family Breaks", Sector.VOLUNTARY),
)

_TEAMS = (
    TeamPlan(SAFEGUARDING, COUNCIL, "Safeguarding & Support", TeamKind.CWDT_HUB, SITE_NORTH),
    TeamPlan(STRENGTHENING, COUNCIL, "Strengthening Families", TeamKind.CWDT_HUB, SITE_NORTH),
    TeamPlan(REVIEW, COUNCIL, "Review & Intervention", TeamKind.CWDT_HUB, SITE_SOUTH),
    TeamPlan(NURSING, TRUST, "Community children's nursing", TeamKind.HEALTH_SERVICE, SITE_NORTH),
    TeamPlan(THERAPIES, TRUST, "Children's therapies", TeamKind.HEALTH_SERVICE, SITE_SOUTH),
    TeamPlan(CAMHS, TRUST, "CAMHS learning disability team", TeamKind.HEALTH_SERVICE, SITE_SOUTH),
    TeamPlan(PAEDIATRICS, TRUST, "Community paediatrics", TeamKind.HEALTH_SERVICE, SITE_NORTH),
    TeamPlan(SEN_TEAM, SEN, "SEN casework", TeamKind.SEN_TEAM, SITE_NORTH),
    *(TeamPlan(s.key, s.key, s.name, TeamKind.SCHOOL, s.name) for s in SCHOOLS),
    TeamPlan(SHORT_BREAKS, CHARITY, "Short breaks", TeamKind.SHORT_BREAKS, SITE_SOUTH),
)


@dataclass(frozen=True)
class Post:
    """``count`` practitioners doing one job in one team; the first few may be demo sign-ins."""

    org: str
    teams: tuple[str, ...]
    job: str
    count: int
    role: str = Role.PRACTITIONER
    demo: tuple[str, ...] = ()


_HUBS = (SAFEGUARDING, STRENGTHENING, REVIEW)
_ROSTER = (
    Post(COUNCIL, _HUBS, J.OPERATIONS_MANAGER, 1, Role.OPERATIONS_MANAGER, (DemoUser.OPS_MANAGER,)),
    Post(COUNCIL, (SAFEGUARDING,), J.TEAM_MANAGER, 1, Role.TEAM_MANAGER, (DemoUser.TEAM_MANAGER,)),
    Post(COUNCIL, (STRENGTHENING,), J.TEAM_MANAGER, 1, Role.TEAM_MANAGER),
    Post(COUNCIL, (REVIEW,), J.TEAM_MANAGER, 1, Role.TEAM_MANAGER),
    Post(COUNCIL, (SAFEGUARDING,), J.SOCIAL_WORKER, 8, demo=(DemoUser.SOCIAL_WORKER,)),
    Post(COUNCIL, (STRENGTHENING,), J.SOCIAL_WORKER, 3),
    Post(COUNCIL, (STRENGTHENING,), J.SWAP, 1),
    Post(COUNCIL, (STRENGTHENING,), J.FAMILY_SUPPORT_WORKER, 5, demo=(DemoUser.FAMILY_SUPPORT,)),
    Post(COUNCIL, (REVIEW,), J.SOCIAL_WORKER, 1),
    Post(COUNCIL, (REVIEW,), J.SWAP, 1),
    Post(COUNCIL, (REVIEW,), J.FAMILY_SUPPORT_WORKER, 4),
    Post(TRUST, (NURSING,), J.TEAM_MANAGER, 1, Role.TEAM_MANAGER),
    Post(TRUST, (NURSING,), J.COMMUNITY_NURSE, 5, demo=(DemoUser.NURSE,)),
    Post(TRUST, (THERAPIES,), J.PHYSIOTHERAPIST, 2),
    Post(TRUST, (THERAPIES,), J.OCCUPATIONAL_THERAPIST, 2),
    Post(TRUST, (THERAPIES,), J.SPEECH_THERAPIST, 3),
    Post(TRUST, (CAMHS,), J.CAMHS_CLINICIAN, 2),
    Post(TRUST, (PAEDIATRICS,), J.PAEDIATRICIAN, 3),
    Post(SEN, (SEN_TEAM,), J.SEN_OFFICER, 4),
    Post("brookfield", ("brookfield",), J.TEACHER, 4, demo=(DemoUser.TEACHER,)),
    Post("brookfield", ("brookfield",), J.SENCO, 1),
    Post("willowmere", ("willowmere",), J.TEACHER, 2),
    Post("willowmere", ("willowmere",), J.SENCO, 1),
    Post("ashgrove", ("ashgrove",), J.TEACHER, 1),
    Post("ashgrove", ("ashgrove",), J.SENCO, 1),
    Post("northtown", ("northtown",), J.TEACHER, 1),
    Post("northtown", ("northtown",), J.SENCO, 1),
    Post(CHARITY, (SHORT_BREAKS,), J.SHORT_BREAKS_WORKER, 2),
)

# (skills every holder of the job has, skills some have): 1 to 4 skills in all.
_SKILLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    J.OPERATIONS_MANAGER: ((Skill.SAFEGUARDING,), (Skill.TRANSITION,)),
    J.TEAM_MANAGER: ((Skill.SAFEGUARDING,), (Skill.LEARNING_DISABILITY, Skill.COMPLEX_HEALTH)),
    J.SOCIAL_WORKER: (
        (Skill.SAFEGUARDING,),
        (Skill.LEARNING_DISABILITY, Skill.AUTISM_COMMUNICATION, Skill.MENTAL_HEALTH),
    ),
    J.SWAP: ((Skill.SAFEGUARDING, Skill.TRANSITION), (Skill.MENTAL_HEALTH, Skill.COMPLEX_HEALTH)),
    J.FAMILY_SUPPORT_WORKER: ((Skill.LEARNING_DISABILITY,), (Skill.AUTISM_COMMUNICATION, Skill.MOVING_AND_HANDLING)),
    J.COMMUNITY_NURSE: ((Skill.COMPLEX_HEALTH,), (Skill.LIFE_LIMITING, Skill.MOVING_AND_HANDLING)),
    J.PAEDIATRICIAN: ((Skill.COMPLEX_HEALTH,), (Skill.LIFE_LIMITING, Skill.AUTISM_COMMUNICATION, Skill.SAFEGUARDING)),
    J.PHYSIOTHERAPIST: ((Skill.PHYSICAL_DISABILITY,), (Skill.MOVING_AND_HANDLING,)),
    J.OCCUPATIONAL_THERAPIST: ((Skill.PHYSICAL_DISABILITY,), (Skill.SENSORY_IMPAIRMENT, Skill.MOVING_AND_HANDLING)),
    J.SPEECH_THERAPIST: ((Skill.AUTISM_COMMUNICATION, Skill.COMMUNICATION_AIDS), (Skill.SENSORY_IMPAIRMENT,)),
    J.CAMHS_CLINICIAN: ((Skill.MENTAL_HEALTH,), (Skill.AUTISM_COMMUNICATION, Skill.LEARNING_DISABILITY)),
    J.SEN_OFFICER: ((Skill.EHC_PLANNING,), (Skill.TRANSITION,)),
    J.TEACHER: (
        (Skill.LEARNING_DISABILITY,),
        (Skill.AUTISM_COMMUNICATION, Skill.COMMUNICATION_AIDS, Skill.SENSORY_IMPAIRMENT),
    ),
    J.SENCO: ((Skill.EHC_PLANNING,), (Skill.AUTISM_COMMUNICATION, Skill.LEARNING_DISABILITY)),
    J.SHORT_BREAKS_WORKER: ((Skill.LEARNING_DISABILITY,), (Skill.MOVING_AND_HANDLING, Skill.AUTISM_COMMUNICATION)),
}

_NHS_DOMAIN, _OTHER_DOMAIN = "example.nhs.uk", "example.org"


def plan_workforce(plan: AreaPlan, src: Source) -> None:
    """Add the organisations, teams, practitioners and the two sign-ins that are not practitioners."""
    plan.organisations.extend(_ORGANISATIONS)
    plan.teams.extend(_TEAMS)
    taken: set[str] = set()
    for post in _ROSTER:
        for n in range(post.count):
            fixed = post.demo[n] if n < len(post.demo) else None
            plan.practitioners.append(_practitioner(post, src, taken, fixed))
    plan.other_users.append(_user(DemoUser.COMMISSIONER, Role.COMMISSIONER, src, _OTHER_DOMAIN))
    plan.other_users.append(_user(DemoUser.ADMIN, Role.ADMINISTRATOR, src, _OTHER_DOMAIN))


def _practitioner(post: Post, src: Source, taken: set[str], fixed: str | None) -> PractitionerPlan:
    first, last = src.fake.first_name(), src.fake.last_name()
    username = fixed or _username(first, last, taken)
    taken.add(username)
    domain = _NHS_DOMAIN if post.org == TRUST else _OTHER_DOMAIN
    user = UserPlan(username, first, last, post.role, f"{username}@{domain}")
    core, extra = _SKILLS[post.job]
    skills = core + tuple(src.rng.sample(extra, src.rng.randint(0, min(len(extra), 4 - len(core)))))
    mobile = post.org in (TRUST, CHARITY) or src.chance(0.3)
    phone = f"07700 900 {src.rng.randrange(1000):03d}" if mobile else f"01632 960 {src.rng.randrange(1000):03d}"
    # The demo sign-ins work full time, so their caseloads are typical of the job.
    capacity = 1.0 if fixed else src.rng.choice((0.6, 0.8, 1.0, 1.0, 1.0, 1.2))
    return PractitionerPlan(user, post.org, post.job, post.teams, skills, phone, capacity)


def _user(username: str, role: str, src: Source, domain: str) -> UserPlan:
    return UserPlan(username, src.fake.first_name(), src.fake.last_name(), role, f"{username}@{domain}")


def _username(first: str, last: str, taken: set[str]) -> str:
    stem = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
    username, n = stem, 1
    while username in taken:
        n += 1
        username = f"{stem}{n}"
    return username
