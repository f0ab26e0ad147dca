"""Plan a whole demo area from a seed, in memory: the same seed and day always give the same plan."""

from __future__ import annotations

from datetime import date

from joinedup.accounts.choices import Role
from joinedup.core.dates import age_on
from joinedup.demo.casework import plan_casework
from joinedup.demo.cast import plan_monday
from joinedup.demo.families import plan_families
from joinedup.demo.plan import AREA_NAME, AreaPlan, ChildPlan, DemoUser, Source, UserPlan
from joinedup.demo.workforce import plan_workforce

SMALLEST = 10


def plan_area(*, children: int, seed: int, today: date) -> AreaPlan:
    """The workforce, ``children`` children 0 to 18 (plus ~5% young adults), families and teams, and
    who plays each part of the Monday morning (``joinedup.demo.cast``)."""
    if children < SMALLEST:
        raise ValueError(f"A demo area needs at least {SMALLEST} children")
    src = Source.from_seed(seed)
    plan = AreaPlan(area_name=AREA_NAME)
    plan_workforce(plan, src)
    plan_families(plan, src, children=children, today=today)
    _choose_family_sign_ins(plan, today)
    # The demo parent's children are on the demo social worker's caseload, with them as key worker,
    # so the social worker, the team manager and the parent all see the same family.
    forced = dict.fromkeys(plan.families[0].children, DemoUser.SOCIAL_WORKER)
    plan_casework(plan, src, today=today, forced_key_worker=forced)
    plan_monday(plan, src, today=today)  # last: the rest of the area is the same with or without it
    return plan


def _choose_family_sign_ins(plan: AreaPlan, today: date) -> None:
    """The parent is the main contact of the first family (siblings held by Safeguarding & Support)."""
    family = plan.families[0]
    link = next(lk for lk in plan.carer_links if lk.child == family.children[0] and lk.is_main_contact)
    carer = next(c for c in plan.carers if c.key == link.carer)
    plan.parent_carer = carer.key
    plan.other_users.append(
        UserPlan(DemoUser.PARENT, carer.first_name, carer.last_name, Role.PARENT_CARER, carer.email)
    )
    child = _young_person(plan.children, today)
    plan.young_person = child.local_id
    plan.other_users.append(UserPlan(DemoUser.YOUNG_PERSON, child.given_name, child.family_name, Role.YOUNG_PERSON, ""))


def _young_person(children: list[ChildPlan], today: date) -> ChildPlan:
    """A 17 to 19-year-old who has written their All About Me (the families plan always has one)."""
    return next(c for c in children if 17 <= age_on(c.date_of_birth, today) <= 19 and c.about_me is not None)
