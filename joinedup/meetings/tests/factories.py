"""Factories for meetings: synthetic data only."""

import datetime as dt

import factory
from django.utils import timezone

from joinedup.meetings.models import Meeting
from joinedup.organisations.tests.factories import OrganisationFactory, PractitionerFactory
from joinedup.people.tests.factories import ChildFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting a week from now, at a place."""

    class Meta:
        model = Meeting

    child = factory.SubFactory(ChildFactory)
    title = "Team around the child meeting"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    place = "Riverside Children's Centre"
    organiser = factory.SubFactory(
        PractitionerFactory,
        organisation=factory.SubFactory(OrganisationFactory, area=factory.SelfAttribute("...child.area")),
    )
    agenda = "1. How things are going\n2. Short breaks"
    created_by = factory.SelfAttribute("organiser.user")
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


def meeting_route_kwargs(route: str, child) -> dict:
    """The meeting id a meetings route needs besides the child's: one planned meeting per child, reused."""
    if route in ("meetings:meeting-list", "meetings:meeting-schedule"):
        return {}
    meeting = Meeting.objects.filter(child=child).first() or MeetingFactory(child=child)
    return {"meeting_id": meeting.pk}
