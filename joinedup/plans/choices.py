"""The words of plans (C6): the kinds of plan, their states, EHC plan sections and PfA areas."""

from django.db import models


class PlanKind(models.TextChoices):
    """The plans a child can have (CwDT 2.5, 2.6, 3.2; C10 for Preparing for Adulthood)."""

    CHILD_IN_NEED = "CHILD_IN_NEED", "Child in need plan"
    CHILD_PROTECTION = "CHILD_PROTECTION", "Child protection plan"
    EHC = "EHC", "Education, health and care (EHC) plan"
    HEALTH_CARE = "HEALTH_CARE", "Health care plan"
    SHORT_BREAKS = "SHORT_BREAKS", "Short breaks plan"
    PREPARING_FOR_ADULTHOOD = "PREPARING_FOR_ADULTHOOD", "Preparing for Adulthood plan"


# Each kind as it reads inside a sentence: "There is already a current EHC plan".
IN_A_SENTENCE = {
    PlanKind.CHILD_IN_NEED: "child in need plan",
    PlanKind.CHILD_PROTECTION: "child protection plan",
    PlanKind.EHC: "EHC plan",
    PlanKind.HEALTH_CARE: "health care plan",
    PlanKind.SHORT_BREAKS: "short breaks plan",
    PlanKind.PREPARING_FOR_ADULTHOOD: "Preparing for Adulthood plan",
}


class PlanStatus(models.TextChoices):
    """A plan is drafted, becomes the current plan, and ends; an ended plan is kept as it was."""

    DRAFT = "DRAFT", "Draft"
    CURRENT = "CURRENT", "Current"
    ENDED = "ENDED", "Ended"


class EhcSection(models.TextChoices):
    """Where an entry sits in an EHC plan: the needs, the outcomes sought, or the provision."""

    NEEDS = "NEEDS", "Needs"
    OUTCOMES = "OUTCOMES", "Outcomes"
    PROVISION = "PROVISION", "Provision"


class EhcService(models.TextChoices):
    """Which of the three services an EHC plan entry is about (NG213 1.15.20)."""

    EDUCATION = "EDUCATION", "Education"
    HEALTH = "HEALTH", "Health"
    SOCIAL_CARE = "SOCIAL_CARE", "Social care"


class PfaArea(models.TextChoices):
    """The Preparing for Adulthood areas (C10, CwDT 7.3)."""

    EMPLOYMENT = "EMPLOYMENT", "Employment"
    INDEPENDENT_LIVING = "INDEPENDENT_LIVING", "Independent living"
    GOOD_HEALTH = "GOOD_HEALTH", "Good health"
    COMMUNITY = "COMMUNITY", "Friends, relationships and community"


class FrequencyUnit(models.TextChoices):
    """The unit of an action's frequency: every <count> <unit>."""

    DAY = "DAY", "day"
    WEEK = "WEEK", "week"
    MONTH = "MONTH", "month"
    YEAR = "YEAR", "year"


class PlanChangeKind(models.TextChoices):
    """What a change to a plan did; each change is kept with who, when and where it was agreed."""

    CREATED = "CREATED", "Plan started"
    OUTCOME_ADDED = "OUTCOME_ADDED", "Outcome added"
    OUTCOME_CHANGED = "OUTCOME_CHANGED", "Outcome changed"
    OUTCOME_REMOVED = "OUTCOME_REMOVED", "Outcome removed"
    ACTION_ADDED = "ACTION_ADDED", "Action added"
    ACTION_CHANGED = "ACTION_CHANGED", "Action changed"
    ACTION_DONE = "ACTION_DONE", "Action done"
    MADE_CURRENT = "MADE_CURRENT", "Made the current plan"
    ENDED = "ENDED", "Plan ended"
