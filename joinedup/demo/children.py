"""The facts of one demo child: age, identifiers, needs, EHC plan, legal status, school, address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from joinedup.demo.plan import REVIEW, SAFEGUARDING, STRENGTHENING, Source
from joinedup.demo.workforce import SCHOOLS
from joinedup.people.choices import EhcPlanStatus as E
from joinedup.people.choices import LegalStatus as L
from joinedup.people.choices import Need
from joinedup.people.rules import nhs_number_is_valid

# Ages 0 to 18 as the team's caseload has them: most are of school age.
_AGE_BANDS = ((range(0, 5), 12), (range(5, 11), 38), (range(11, 16), 32), (range(16, 19), 18))
_MAIN_NEED: dict[str, int] = {
    Need.AUTISM_COMMUNICATION: 30,
    Need.LEARNING_DISABILITY: 25,
    Need.PHYSICAL_DISABILITY: 13,
    Need.COMPLEX_HEALTH: 12,
    Need.MENTAL_HEALTH: 9,
    Need.SENSORY_IMPAIRMENT: 6,
    Need.LIFE_LIMITING: 5,
}
_DIAGNOSES: dict[str, tuple[str, ...]] = {
    Need.AUTISM_COMMUNICATION: (
        "Autism",
        "Autism and global developmental delay",
        "Autism; awaiting assessment for ADHD",
    ),
    Need.LEARNING_DISABILITY: (
        "Down syndrome",
        "Fragile X syndrome",
        "Global developmental delay",
        "Angelman syndrome",
    ),
    Need.PHYSICAL_DISABILITY: ("Cerebral palsy (spastic quadriplegia)", "Cerebral palsy (diplegia)", "Spina bifida"),
    Need.COMPLEX_HEALTH: ("Epilepsy (Dravet syndrome)", "Gastrostomy fed; chronic lung disease", "Tracheostomy"),
    Need.MENTAL_HEALTH: ("Anxiety with learning disability", "Pathological demand avoidance profile"),
    Need.SENSORY_IMPAIRMENT: ("Profound bilateral hearing loss", "Cerebral visual impairment", "CHARGE syndrome"),
    Need.LIFE_LIMITING: ("Duchenne muscular dystrophy", "Spinal muscular atrophy type 1", "Batten disease"),
}
_LEGAL = {  # children not looked after, by the hub that holds them
    SAFEGUARDING: {L.CHILD_PROTECTION_PLAN: 18, L.CHILD_IN_NEED: 72, L.NONE: 10},
    STRENGTHENING: {L.CHILD_IN_NEED: 85, L.NONE: 15},
    REVIEW: {L.CHILD_IN_NEED: 65, L.NONE: 35},
}
_NURSERIES = ("Little Oaks Nursery", "Sunflower Pre-school", "Westmoor Children's Centre nursery")
_PRIMARIES = ("Meadow Lane Primary School", "St Cuthbert's RC Primary School", "Hollins Green Primary School")
_SECONDARIES = ("Southbridge Academy", "Kirkby Marsh School", "Eastholme Community College")
_POST_16 = ("Northshire College", "Southbridge Sixth Form")
_POST_19 = (
    "Northshire College (supported learning)",
    "Supported internship, Northshire General Hospital",
    "Northshire College (independent living skills)",
    "Apprenticeship, Westmoor Garden Centre",
)
_NICKNAMES = {
    "Alexander": "Alex",
    "Benjamin": "Ben",
    "Christopher": "Chris",
    "Daniel": "Danny",
    "Elizabeth": "Lizzie",
    "Joshua": "Josh",
    "Matthew": "Matt",
    "Oliver": "Ollie",
    "Samuel": "Sam",
    "Thomas": "Tom",
    "William": "Will",
    "Jessica": "Jess",
    "Rebecca": "Becky",
    "Katherine": "Kate",
    "Charlotte": "Charlie",
    "Abigail": "Abi",
    "Jacob": "Jake",
    "Frederick": "Freddie",
    "Harrison": "Harry",
    "Isabella": "Bella",
    "Nathan": "Nate",
}


def weighted[T](src: Source, weights: dict[T, int]) -> T:
    """One key of ``weights``, chosen in proportion to its weight."""
    return src.rng.choices(list(weights), weights=list(weights.values()))[0]


def random_age(src: Source) -> int:
    band = src.rng.choices([b for b, _ in _AGE_BANDS], weights=[w for _, w in _AGE_BANDS])[0]
    return src.rng.choice(band)


def born(src: Source, age: int, today: date) -> date:
    """A date of birth that makes the child exactly ``age`` today."""
    try:
        birthday = today.replace(year=today.year - age)
    except ValueError:  # 29 February in a year that has none
        birthday = today.replace(year=today.year - age, day=28)
    return birthday - timedelta(days=src.rng.randrange(365))


def new_nhs_number(src: Source, used: set[str]) -> str:
    """A valid NHS number from the 999 range, which is never issued to real people."""
    while True:
        number = f"999{src.rng.randrange(1_000_000):06d}"
        total = sum(int(d) * w for d, w in zip(number, range(10, 1, -1), strict=True))
        number += str((11 - total % 11) % 11)
        if len(number) == 10 and nhs_number_is_valid(number) and number not in used:
            used.add(number)
            return number


def needs_for(src: Source, age: int) -> tuple[str, ...]:
    """One to three needs; the main one first. Autism and mental health needs show later on."""
    too_young = {Need.MENTAL_HEALTH} if age >= 2 else {Need.MENTAL_HEALTH, Need.AUTISM_COMMUNICATION}
    weights = {n: w for n, w in _MAIN_NEED.items() if age >= 8 or n not in too_young}
    main = weighted(src, weights)
    others = [n for n in weights if n != main]
    extra = src.rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
    return (main, *src.rng.sample(others, extra))


def diagnosis_for(src: Source, main_need: str, age: int) -> str:
    """Optional, as it should be (A1); autism is rarely diagnosed before three."""
    if age < 3 and main_need == Need.AUTISM_COMMUNICATION:
        return ""
    return src.rng.choice(_DIAGNOSES[main_need]) if src.chance(0.6) else ""


def ehc_status_for(src: Source, age: int, school: str) -> str:
    if age > 18 or any(s.name == school and s.is_special for s in SCHOOLS):
        return E.PLAN  # a special school place, and education past 18, come with an EHC plan
    if age < 2:
        return weighted(src, {E.NONE: 90, E.REQUESTED: 10})
    if age < 5:
        return weighted(src, {E.PLAN: 30, E.ASSESSING: 15, E.REQUESTED: 15, E.NONE: 40})
    return weighted(src, {E.PLAN: 60, E.ASSESSING: 7, E.REQUESTED: 5, E.NONE: 28})


def legal_status_for(src: Source, hub: str, age: int) -> str:
    return L.NONE if age > 17 else weighted(src, _LEGAL[hub])


def school_for(src: Source, age: int) -> str:
    """The school or setting: most children of school age go to one of the area's four schools."""
    local = [s for s in SCHOOLS if s.youngest <= age <= s.oldest]
    chance = 0.6 if age >= 4 else 0.15 if age >= 2 else 0.0
    if local and src.chance(chance):
        return src.rng.choices([s.name for s in local], weights=[s.weight for s in local])[0]
    return _other_setting(src, age)


def _other_setting(src: Source, age: int) -> str:
    if age < 2:
        return ""
    if age < 4:
        return src.rng.choice(_NURSERIES) if src.chance(0.7) else ""
    if age < 11:
        return src.rng.choice(_PRIMARIES)
    if age < 16:
        return "Home educated" if src.chance(0.05) else src.rng.choice(_SECONDARIES)
    return src.rng.choice(_POST_16 if age < 19 else _POST_19)


def preferred_name_for(src: Source, given_name: str) -> str:
    nickname = _NICKNAMES.get(given_name, "")
    return nickname if nickname and src.chance(0.6) else ""


def opened_on(src: Source, date_of_birth: date, today: date) -> date:
    """When the team opened the case: within the last six years, never before birth."""
    earliest = max(date_of_birth, today - timedelta(days=6 * 365))
    latest = today - timedelta(days=14)
    if earliest >= latest:
        return earliest
    return earliest + timedelta(days=src.rng.randrange((latest - earliest).days))


def sibling_ages(src: Source, size: int) -> list[int]:
    """Ages for a sibling group: distinct years, one to six years apart, all 0 to 18."""
    first = random_age(src)
    ages = {first}
    while len(ages) < size:
        ages.add(min(18, max(0, first + src.rng.choice((-1, 1)) * src.rng.randint(1, 6))))
    return sorted(ages, reverse=True)


def local_ids(src: Source, count: int) -> Sequence[str]:
    """The council's case numbers (unique in the area)."""
    return [f"NS{n}" for n in src.rng.sample(range(100_000, 1_000_000), count)]
