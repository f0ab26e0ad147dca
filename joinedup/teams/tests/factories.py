"""Factories for interagency teams and key workers."""

import datetime as dt

import factory
from django.utils import timezone

from joinedup.organisations.tests.factories import PractitionerFactory, UserFactory
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.models import KeyWorkerAssignment, TeamMembership


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    child = factory.SubFactory(ChildFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    role_in_team = "Social worker"
    start_date = dt.date(2026, 1, 5)
    added_by = factory.SubFactory(UserFactory)
    added_at = factory.LazyFunction(timezone.now)


class KeyWorkerAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyWorkerAssignment

    child = factory.SubFactory(ChildFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    start_date = dt.date(2026, 1, 5)
    reason = "Knows the family well and has the skills for the child's main needs"
    assigned_by = factory.SubFactory(UserFactory)
    assigned_at = factory.LazyFunction(timezone.now)
