"""The words of the CwDT delivery model: hubs, risk tiers, worker relationships, respite funding."""

from django.db import models


class HubCode(models.TextChoices):
    """The three hubs of the Children with Disabilities Team (CwDT 2.8)."""

    SAFEGUARDING_SUPPORT = "SAFEGUARDING_SUPPORT", "Safeguarding & Support"
    STRENGTHENING_FAMILIES = "STRENGTHENING_FAMILIES", "Strengthening Families"
    REVIEW_INTERVENTION = "REVIEW_INTERVENTION", "Review & Intervention"


class RiskTier(models.TextChoices):
    """Risk as the WSCB Threshold for Services puts it: tier 2 low, tier 3 low to medium, tier 4 high."""

    LOW = "LOW", "Low (tier 2)"
    LOW_TO_MEDIUM = "LOW_TO_MEDIUM", "Low to medium (tier 3)"
    HIGH = "HIGH", "High (tier 3 to 4)"


class WorkerRelationship(models.TextChoices):
    """The three ways a worker stands to a child's case (CwDT 4.2.1, 4.2.2, 5.5)."""

    ALLOCATED = "ALLOCATED", "Allocated: holds the case"
    ASSIGNED = "ASSIGNED", "Assigned: family support worker doing the direct work on a Strengthening Families case"
    ATTACHED = "ATTACHED", "Attached: a specific piece of work for a social worker"


class RespiteFunding(models.TextChoices):
    NONE = "NONE", "No overnight respite"
    DIRECT_PAYMENTS = "DIRECT_PAYMENTS", "Overnight respite through direct payments"
    OTHER = "OTHER", "Overnight respite arranged another way"
