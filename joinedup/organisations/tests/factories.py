"""Factories for the workforce: synthetic data only."""

import factory

from joinedup.accounts.choices import Role
from joinedup.accounts.models import User
from joinedup.organisations.choices import JobRole, Sector, TeamKind
from joinedup.organisations.models import Area, Organisation, Practitioner, PractitionerSkill, Team


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = Sector.SOCIAL_CARE


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = TeamKind.CWDT_HUB


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.PRACTITIONER
    area = factory.SubFactory(AreaFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook signature
        if create:
            obj.save()


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, area=factory.SelfAttribute("..organisation.area"))
    full_name = factory.Faker("name", locale="en_GB")
    job_role = JobRole.SOCIAL_WORKER
    phone = "01632 960 001"
    email = factory.Sequence(lambda n: f"practitioner{n}@example.org")

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            PractitionerSkill.objects.bulk_create(PractitionerSkill(practitioner=obj, skill=s) for s in extracted)

    @factory.post_generation
    def teams(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.teams.set(extracted)
