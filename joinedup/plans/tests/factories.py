"""Factories for plans: synthetic data only."""

import datetime as dt

import factory

from joinedup.organisations.tests.factories import UserFactory
from joinedup.people.tests.factories import ChildFactory
from joinedup.plans.choices import PlanKind, PlanStatus
from joinedup.plans.models import Action, Outcome, Plan

AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    child = factory.SubFactory(ChildFactory)
    kind = PlanKind.CHILD_IN_NEED
    status = PlanStatus.DRAFT
    start_date = dt.date(2026, 3, 2)
    created_by = factory.SubFactory(UserFactory)
    created_at = AT
    updated_at = AT


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Outcome {n}: sleeps through the night")
    added_at = factory.Sequence(lambda n: AT + dt.timedelta(seconds=n))
    updated_at = AT
    updated_by = factory.SelfAttribute("plan.created_by")


class ActionFactory(factory.django.DjangoModelFactory):
    """A SMART action: someone in the family is responsible and there is a target date."""

    class Meta:
        model = Action

    outcome = factory.SubFactory(OutcomeFactory)
    what = factory.Sequence(lambda n: f"Action {n}: book respite")
    responsible_other = "Mum"
    target_date = dt.date(2026, 6, 1)
    added_at = factory.Sequence(lambda n: AT + dt.timedelta(seconds=n))
    updated_at = AT
    updated_by = factory.SelfAttribute("outcome.updated_by")


def plan_route_kwargs(route: str, child) -> dict:
    """The ids a plans route needs besides the child's: a plan of that child with an outcome and an
    action, made once per child and reused."""
    if route == "plans:plan-add":
        return {}
    action = Action.objects.filter(outcome__plan__child=child).select_related("outcome").first()
    if action is None:
        action = ActionFactory(outcome__plan__child=child, outcome__plan__created_by=UserFactory(area=child.area))
    kwargs = {"plan_id": action.outcome.plan_id}
    if route in ("plans:outcome-edit", "plans:outcome-remove", "plans:action-add"):
        kwargs["outcome_id"] = action.outcome_id
    elif route in ("plans:action-edit", "plans:action-complete"):
        kwargs["action_id"] = action.pk
    return kwargs


def smart_cin_plan(child, by=None) -> Plan:
    """A current child in need plan that is SMART: one outcome with one action, owner and date."""
    plan = PlanFactory(child=child, status=PlanStatus.CURRENT, **({"created_by": by} if by else {}))
    ActionFactory(outcome=OutcomeFactory(plan=plan))
    return plan
