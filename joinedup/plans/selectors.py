"""Reads of a child's plans for pages, the API and other modules: fixed query counts, explicit order."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from joinedup.access import policy
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Child
from joinedup.plans import rules
from joinedup.plans.choices import EhcSection, EhcService, PfaArea, PlanKind, PlanStatus
from joinedup.plans.models import Action, Outcome, Plan, PlanChange
from joinedup.teams.models import TeamMembership

NO_CURRENT_CIN_PLAN = "There is no current child in need plan"

# The lettered sections of an EHC plan that each (section, service) pair is written in: B to D
# needs, E outcomes, F to H provision (SEND Code of Practice 9.62). Outcomes share section E.
EHC_LETTERS = {
    (EhcSection.NEEDS, EhcService.EDUCATION): "B",
    (EhcSection.NEEDS, EhcService.HEALTH): "C",
    (EhcSection.NEEDS, EhcService.SOCIAL_CARE): "D",
    (EhcSection.OUTCOMES, EhcService.EDUCATION): "E",
    (EhcSection.OUTCOMES, EhcService.HEALTH): "E",
    (EhcSection.OUTCOMES, EhcService.SOCIAL_CARE): "E",
    (EhcSection.PROVISION, EhcService.EDUCATION): "F",
    (EhcSection.PROVISION, EhcService.HEALTH): "G",
    (EhcSection.PROVISION, EhcService.SOCIAL_CARE): "H",
}


@dataclass(frozen=True)
class PlanSummary:
    """A plan and what it lacks to be SMART (C6-SMART)."""

    plan: Plan
    gaps: list[str]

    @property
    def is_smart(self) -> bool:
        return not self.gaps


@dataclass
class OutcomeGroup:
    """Outcomes shown together: one EHC plan section and service, one PfA area, or the whole plan."""

    label: str
    outcomes: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    gaps: list[str]
    groups: list[OutcomeGroup]
    changes: list[PlanChange]


def with_parts(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Plans with their outcomes and actions, and the practitioner responsible for each action, in
    three queries, however many."""
    actions = Action.objects.order_by("added_at", "id").select_related("responsible_practitioner")
    outcomes = Outcome.objects.order_by("added_at", "id").prefetch_related(Prefetch("actions", queryset=actions))
    return plans.prefetch_related(Prefetch("outcomes", queryset=outcomes))


def facts_of(plan: Plan) -> rules.PlanFacts:
    """What C6-SMART needs to know, read from a plan fetched ``with_parts`` (no further queries)."""
    return rules.PlanFacts(
        outcomes=tuple(
            rules.OutcomeFacts(
                text=o.text,
                actions=tuple(
                    rules.ActionFacts(
                        what=a.what,
                        has_responsible=a.has_responsible,
                        has_target_date=a.target_date is not None,
                        has_frequency=a.has_frequency,
                    )
                    for a in o.actions.all()
                ),
            )
            for o in plan.outcomes.all()
        )
    )


def _status_order() -> Case:
    return Case(
        When(status=PlanStatus.CURRENT, then=Value(0)),
        When(status=PlanStatus.DRAFT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def plans_of(child: Child) -> list[PlanSummary]:
    """Every plan of the child: current first, then drafts, then ended; newest first within each."""
    plans = with_parts(Plan.objects.filter(child=child))
    plans = plans.order_by(_status_order(), "-start_date", "kind", "id")
    return [PlanSummary(plan=p, gaps=rules.smart_gaps(facts_of(p))) for p in plans]


def _groups(plan: Plan) -> list[OutcomeGroup]:
    outcomes = list(plan.outcomes.all())
    if plan.kind == PlanKind.EHC:
        groups: dict[tuple[str, str], OutcomeGroup] = {}
        for (section, service), letter in EHC_LETTERS.items():
            label = f"{EhcSection(section).label}: {EhcService(service).label.lower()} (section {letter})"
            groups[(section, service)] = OutcomeGroup(label=label)
        unplaced = OutcomeGroup(label="Not yet placed in a section")
        for o in outcomes:
            groups.get((o.ehc_section, o.ehc_service), unplaced).outcomes.append(o)
        return [g for g in [*groups.values(), unplaced] if g.outcomes]
    if plan.kind == PlanKind.PREPARING_FOR_ADULTHOOD:
        areas = {area: OutcomeGroup(label=str(label)) for area, label in PfaArea.choices}
        unplaced = OutcomeGroup(label="Not yet linked to a Preparing for Adulthood area")
        for o in outcomes:
            areas.get(o.pfa_area, unplaced).outcomes.append(o)
        return [g for g in [*areas.values(), unplaced] if g.outcomes]
    return [OutcomeGroup(label="", outcomes=outcomes)] if outcomes else []


def plan_page(plan: Plan) -> PlanPage:
    """One plan for its page: outcomes grouped by EHC section and service or PfA area, what it
    lacks to be SMART, and every change with who made it and where it was agreed."""
    plan = with_parts(Plan.objects.filter(pk=plan.pk).select_related("created_by__practitioner")).get()
    changes = PlanChange.objects.filter(plan=plan).select_related("by__practitioner").order_by("-at", "-id")
    return PlanPage(plan=plan, gaps=rules.smart_gaps(facts_of(plan)), groups=_groups(plan), changes=list(changes))


def cin_plan_smartness(child: Child) -> tuple[Plan | None, list[str]]:
    """The child's current child in need plan and what it lacks to be SMART (CwDT 6.2.5, for C7).

    ``(None, ["There is no current child in need plan"])`` when there is none: a transfer cannot
    go ahead without one. The caller has already loaded the child through access.
    """
    plan = with_parts(Plan.objects.current().filter(child=child, kind=PlanKind.CHILD_IN_NEED)).first()
    if plan is None:
        return None, [NO_CURRENT_CIN_PLAN]
    return plan, rules.smart_gaps(facts_of(plan))


def responsible_choices(child: Child, *, keep_id: UUID | None = None) -> QuerySet[Practitioner]:
    """Who may be made responsible for an action: the child's current team, and the person already
    responsible (``keep_id``) even if they have since left it, so an edit does not lose them."""
    in_team = Q(pk__in=TeamMembership.objects.current().filter(child=child).values("practitioner_id"))
    scope = in_team | Q(pk=keep_id) if keep_id is not None else in_team
    return Practitioner.objects.filter(scope).select_related("organisation").order_by("full_name", "id")


def family_plans(child: Child) -> list[Plan]:
    """The plans the family view shows (policy.plans_for_family), with outcomes and actions."""
    return list(with_parts(policy.plans_for_family(child)).order_by("kind", "-start_date", "id"))
