"""Factories for children and families: synthetic data only."""

import datetime as dt

import factory

from joinedup.organisations.tests.factories import AreaFactory
from joinedup.people.models import AllAboutMe, Carer, CarerLink, Child, ChildNeed, CommunicationProfile

# Valid NHS numbers (mod 11) for tests, from the 999 range never issued to real people.
_test_nhs_numbers = iter(f"999{n:06d}" for n in range(1_000_000))


def next_test_nhs_number() -> str:
    from joinedup.people.rules import nhs_number_is_valid

    for stem in _test_nhs_numbers:
        total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10 and nhs_number_is_valid(stem + str(check)):
            return stem + str(check)
    raise RuntimeError("ran out of test NHS numbers")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = dt.date(2015, 6, 1)
    nhs_number = factory.LazyFunction(next_test_nhs_number)
    local_id = factory.Sequence(lambda n: f"JU{n:06d}")

    @factory.post_generation
    def profiles(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            AllAboutMe.objects.create(child=obj)
            CommunicationProfile.objects.create(child=obj)

    @factory.post_generation
    def needs(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            ChildNeed.objects.bulk_create(ChildNeed(child=obj, need=n) for n in extracted)


class CarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carer

    area = factory.SubFactory(AreaFactory)
    full_name = factory.Faker("name", locale="en_GB")
    phone = "07700 900 123"
    email = factory.Sequence(lambda n: f"carer{n}@example.org")


class CarerLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarerLink

    child = factory.SubFactory(ChildFactory)
    carer = factory.SubFactory(CarerFactory, area=factory.SelfAttribute("..child.area"))
    relationship = "MOTHER"
    has_parental_responsibility = True


def shared_and_hidden_siblings(world, **shared_fields):
    """Two siblings of world.child (links both ways): one whose team world.key_worker is in, and one
    held by another hub, with names no other record of the world has, so finding them means a leak."""
    from joinedup.people.models import SiblingLink
    from joinedup.teams.tests.factories import TeamMembershipFactory

    shared = ChildFactory(area=world.area, holding_team=world.hub, **shared_fields)
    TeamMembershipFactory(child=shared, practitioner=world.key_worker, added_by=world.manager.user)
    hidden = ChildFactory(
        area=world.area, holding_team=world.other_hub, given_name="Zephyrine", family_name="Quillfeather"
    )
    for sibling in (shared, hidden):
        SiblingLink.objects.create(child=world.child, sibling=sibling)
        SiblingLink.objects.create(child=sibling, sibling=world.child)
    return shared, hidden
