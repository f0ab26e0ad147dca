"""Factories for EHC needs assessments: synthetic data only."""

import datetime as dt

import factory

from joinedup.ehc import rules, services
from joinedup.ehc.choices import AdviceSection, AssessmentStatus, Decision, RequestedBy
from joinedup.ehc.models import AdviceRequest, EhcNeedsAssessment
from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.tests.factories import ChildFactory
from joinedup.teams.models import TeamMembership

AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 1)


class EhcNeedsAssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment requested on 2 March 2026 and decided (to assess) on 1 April."""

    class Meta:
        model = EhcNeedsAssessment

    child = factory.SubFactory(ChildFactory)
    status = AssessmentStatus.ASSESSING
    requested_on = dt.date(2026, 3, 2)
    requested_by = RequestedBy.PARENT
    recorded_by = factory.SubFactory(UserFactory)
    recorded_at = AT
    decision_due_on = factory.LazyAttribute(lambda a: rules.decision_due(a.requested_on))
    final_due_on = factory.LazyAttribute(lambda a: rules.final_due(a.requested_on))
    decided_on = dt.date(2026, 4, 1)
    decided_by = factory.SelfAttribute("recorded_by")
    decided_at = AT


class AdviceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceRequest

    assessment = factory.SubFactory(EhcNeedsAssessmentFactory)
    practitioner = factory.SubFactory("joinedup.organisations.tests.factories.PractitionerFactory")
    requested_on = dt.date(2026, 4, 2)
    due_on = factory.LazyAttribute(lambda a: rules.advice_due(a.requested_on))
    sections = factory.LazyFunction(lambda: [AdviceSection.HEALTH_NEEDS, AdviceSection.HEALTH_PROVISION])
    requested_by = factory.SelfAttribute("assessment.recorded_by")
    requested_at = AT


def ehc_route_kwargs(route: str, child) -> dict:
    """The ids an EHC route needs besides the child's: an assessment under way for the child, with
    advice asked of the first current member of its team (the community nurse in the world)."""
    if route in ("ehc:assessment", "ehc:request-record"):
        return {}
    advice = AdviceRequest.objects.filter(assessment__child=child).first()
    if advice is None:
        member = TeamMembership.objects.current().filter(child=child).order_by("role_in_team", "id").first()
        assessment = EhcNeedsAssessmentFactory(child=child, recorded_by=UserFactory(area=child.area))
        advice = AdviceRequestFactory(assessment=assessment, practitioner=member.practitioner)
    kwargs = {"assessment_id": advice.assessment_id}
    if route == "ehc:advice-received":
        kwargs["advice_id"] = advice.pk
    return kwargs


# The steps through the services, as a person takes them on the pages.


def request(child, by, on=dt.date(2026, 10, 1)):
    return services.request_assessment(
        child=child, requested_on=on, requested_by=RequestedBy.PARENT, note="", by=by, now=NOW, today=TODAY
    )


def assess(assessment, by, on=dt.date(2026, 10, 20)):
    return services.record_decision(
        assessment=assessment, decision=Decision.ASSESS, decided_on=on, reason="", by=by, now=NOW, today=TODAY
    )
