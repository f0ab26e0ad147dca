"""Demo families: children grouped with their carers and siblings, and the hub that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from joinedup.demo import children as facts
from joinedup.demo.plan import (
    REVIEW,
    SAFEGUARDING,
    STRENGTHENING,
    AreaPlan,
    CarerLinkPlan,
    CarerPlan,
    ChildPlan,
    FamilyPlan,
    SiblingPlan,
    Source,
)
from joinedup.demo.voice import about_me_for, communication_for
from joinedup.people.choices import CarerRelationship as R
from joinedup.people.choices import LegalStatus, SiblingKind

HUB_SHARES = {SAFEGUARDING: 0.35, STRENGTHENING: 0.40}  # Review & Intervention holds the rest
YOUNG_ADULT_SHARE = 0.05  # young people 19 to 25 with EHC plans, on top of the 0 to 18s
_FOSTERED = {SAFEGUARDING: 0.15, STRENGTHENING: 0.0, REVIEW: 0.0}  # looked after: S&S only (C2)
_TOWNS = (
    ("Northtown", "NS1"),
    ("Northtown", "NS2"),
    ("Southbridge", "NS4"),
    ("Eastholme", "NS6"),
    ("Westmoor", "NS8"),
    ("Kirkby Marsh", "NS9"),
    ("Hollins Green", "NS11"),
)
_STREETS = ("Road", "Street", "Close", "Avenue", "Lane", "Drive", "Way", "Gardens", "Crescent", "Terrace")
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class _Role:
    relationship: str
    parental_responsibility: bool
    lives_with_child: bool
    is_main_contact: bool
    is_female: bool
    own_surname: bool = False


_M, _F = R.MOTHER, R.FATHER
_HOUSEHOLDS: dict[str, tuple[tuple[_Role, float], ...]] = {  # each carer with the chance they are there
    "parents": ((_Role(_M, True, True, True, True), 1), (_Role(_F, True, True, False, False), 1)),
    "mother": ((_Role(_M, True, True, True, True), 1), (_Role(_F, True, False, False, False, True), 0.3)),
    "father": ((_Role(_F, True, True, True, False), 1),),
    "stepfamily": ((_Role(_M, True, True, True, True), 1), (_Role(R.STEP_PARENT, False, True, False, False, True), 1)),
    "guardians": (
        (_Role(R.SPECIAL_GUARDIAN, True, True, True, True), 1),
        (_Role(R.SPECIAL_GUARDIAN, True, True, False, False), 0.5),
    ),
    "foster": (
        (_Role(R.FOSTER_CARER, False, True, True, True, True), 1),
        (_Role(R.FOSTER_CARER, False, True, False, False, True), 0.5),
        (_Role(_M, True, False, False, True, True), 0.5),
    ),
}
_HOUSEHOLD_WEIGHTS = {"parents": 55, "mother": 28, "father": 5, "stepfamily": 7, "guardians": 5}


@dataclass
class _Context:
    today: date
    ids: Iterator[str]
    nhs_used: set[str] = field(default_factory=set)
    remaining: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Group:
    ages: tuple[int, ...]
    allowed_hubs: tuple[str, ...]
    household: str = ""  # chosen by hub when empty
    force_voice: bool = False


def plan_families(plan: AreaPlan, src: Source, *, children: int, today: date) -> None:
    """``children`` aged 0 to 18 (a third of them with siblings in the team) plus young adults."""
    groups = _groups(src, children)
    total = sum(len(g.ages) for g in groups)
    shares = {hub: round(share * total) for hub, share in HUB_SHARES.items()}
    remaining = {**shares, REVIEW: total - sum(shares.values())}
    ctx = _Context(today=today, ids=iter(facts.local_ids(src, total)), remaining=remaining)
    for n, group in enumerate(groups):
        _plan_family(plan, src, ctx, f"family-{n + 1:04d}", group)


def _groups(src: Source, children: int) -> list[_Group]:
    """Sibling groups first (S&S or SF, never R&I), then young adults, then children on their own.

    The first group is the demo parent's family; the first child on their own, aged 17, is the
    demo young person.
    """
    sizes = [2]
    while (left := children - sum(sizes)) > 0:
        sizes.append(min(left, src.rng.choices((1, 2, 3), weights=(813, 150, 37))[0]))
    siblings = [_Group(tuple(facts.sibling_ages(src, s)), (SAFEGUARDING, STRENGTHENING)) for s in sizes if s > 1]
    siblings[0] = _Group(siblings[0].ages, (SAFEGUARDING,), "parents")
    adults = [_Group((src.rng.randint(19, 25),), (REVIEW,)) for _ in range(round(children * YOUNG_ADULT_SHARE))]
    alone = [_Group((facts.random_age(src),), (SAFEGUARDING, STRENGTHENING, REVIEW)) for s in sizes if s == 1]
    if alone:
        alone[0] = _Group((17,), alone[0].allowed_hubs, force_voice=True)
    return siblings + adults + alone


def _choose_hub(src: Source, ctx: _Context, group: _Group) -> str:
    size = len(group.ages)
    fits = [h for h in group.allowed_hubs if ctx.remaining[h] >= size]
    if not fits:
        return max(group.allowed_hubs, key=lambda h: ctx.remaining[h])
    return src.rng.choices(fits, weights=[ctx.remaining[h] for h in fits])[0]


def _household(src: Source, group: _Group, hub: str) -> str:
    if group.household:
        return group.household
    if len(group.ages) == 1 and group.ages[0] < 18 and src.chance(_FOSTERED[hub]):
        return "foster"
    return facts.weighted(src, _HOUSEHOLD_WEIGHTS)


def _plan_family(plan: AreaPlan, src: Source, ctx: _Context, key: str, group: _Group) -> None:
    hub = _choose_hub(src, ctx, group)
    ctx.remaining[hub] -= len(group.ages)
    household = _household(src, group, hub)
    surname = src.fake.last_name()
    address, postcode = _address(src)
    legal = LegalStatus.LOOKED_AFTER if household == "foster" else facts.legal_status_for(src, hub, 0)
    kids = [
        _child(
            src,
            ctx,
            key=key,
            hub=hub,
            age=age,
            surname=surname,
            home=(address, postcode),
            legal=LegalStatus.NONE if age > 17 else legal,
            force_voice=group.force_voice,
        )
        for age in group.ages
    ]
    carers = _carers(src, key, household, surname, address)
    plan.children.extend(kids)
    plan.carers.extend(c for c, _ in carers)
    plan.families.append(FamilyPlan(key, hub, tuple(k.local_id for k in kids), tuple(c.key for c, _ in carers)))
    plan.carer_links.extend(_links(kids, carers))
    plan.siblings.extend(_siblings(src, kids))


def _child(
    src: Source,
    ctx: _Context,
    *,
    key: str,
    hub: str,
    age: int,
    surname: str,
    home: tuple[str, str],
    legal: str,
    force_voice: bool,
) -> ChildPlan:
    # Boys outnumber girls among disabled children known to social care.
    given = src.fake.first_name_female() if src.chance(0.4) else src.fake.first_name_male()
    preferred = facts.preferred_name_for(src, given)
    dob = facts.born(src, age, ctx.today)
    needs = facts.needs_for(src, age)
    school = facts.school_for(src, age)
    opened = facts.opened_on(src, dob, ctx.today)
    young_carer = age >= 9 and src.chance(0.04)
    return ChildPlan(
        local_id=next(ctx.ids),
        given_name=given,
        family_name=surname,
        preferred_name=preferred,
        date_of_birth=dob,
        nhs_number=facts.new_nhs_number(src, ctx.nhs_used),
        address=home[0],
        postcode=home[1],
        ehc_plan_status=facts.ehc_status_for(src, age, school),
        legal_status=legal,
        school_or_setting=school,
        diagnosis=facts.diagnosis_for(src, needs[0], age),
        hub_key=hub,
        needs=needs,
        family_key=key,
        opened_on=opened,
        is_young_carer=young_carer,
        young_carer_referred_on=_between(src, opened, ctx.today) if young_carer and src.chance(0.5) else None,
        about_me=about_me_for(src, known_as=preferred or given, age=age, needs=needs, school=school, force=force_voice),
        communication=communication_for(src, needs=needs),
    )


def _carers(src: Source, key: str, household: str, surname: str, home: str) -> list[tuple[CarerPlan, _Role]]:
    carers = []
    for n, (role, chance) in enumerate(_HOUSEHOLDS[household]):
        if not src.chance(chance):
            continue
        first = src.fake.first_name_female() if role.is_female else src.fake.first_name_male()
        last = src.fake.last_name() if role.own_surname else surname
        address = home if role.lives_with_child else _address(src)[0]
        email = f"{first}.{last}{src.rng.randint(1, 99)}@example.com".lower().replace("'", "").replace(" ", "")
        phone = f"07700 900 {src.rng.randrange(1000):03d}"
        carer = CarerPlan(f"{key}-carer-{n + 1}", first, last, phone, email if src.chance(0.7) else "", address)
        carers.append((carer, role))
    return carers


def _links(kids: list[ChildPlan], carers: list[tuple[CarerPlan, _Role]]) -> list[CarerLinkPlan]:
    return [
        CarerLinkPlan(
            child=kid.local_id,
            carer=carer.key,
            relationship=role.relationship,
            has_parental_responsibility=role.parental_responsibility,
            lives_with_child=role.lives_with_child,
            is_main_contact=role.is_main_contact,
        )
        for kid in kids
        for carer, role in carers
    ]


def _siblings(src: Source, kids: list[ChildPlan]) -> list[SiblingPlan]:
    """Both directions of every pair, as the services write them."""
    links = []
    for i, a in enumerate(kids):
        for b in kids[i + 1 :]:
            kind = SiblingKind.FULL if src.chance(0.85) else SiblingKind.HALF
            links += [SiblingPlan(a.local_id, b.local_id, kind), SiblingPlan(b.local_id, a.local_id, kind)]
    return links


def _address(src: Source) -> tuple[str, str]:
    town, district = src.rng.choice(_TOWNS)
    street = f"{src.rng.randint(1, 180)} {src.fake.last_name()} {src.rng.choice(_STREETS)}"
    inward = f"{src.rng.randint(1, 9)}{''.join(src.rng.choices(_POSTCODE_LETTERS, k=2))}"
    return f"{street}\n{town}", f"{district} {inward}"


def _between(src: Source, start: date, end: date) -> date:
    return start + timedelta(days=src.rng.randrange(max(1, (end - start).days)))
