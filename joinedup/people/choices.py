"""Controlled lists for the child's record (A1, A4)."""

from django.db import models


class Need(models.TextChoices):
    """Disabilities and needs: the criteria of CwDT 1.2. A diagnosis is never required."""

    LEARNING_DISABILITY = "LEARNING_DISABILITY", "Learning disability"
    PHYSICAL_DISABILITY = "PHYSICAL_DISABILITY", "Physical disability"
    SENSORY_IMPAIRMENT = "SENSORY_IMPAIRMENT", "Sensory impairment"
    COMPLEX_HEALTH = "COMPLEX_HEALTH", "Complex and enduring health needs"
    LIFE_LIMITING = "LIFE_LIMITING", "Life-limiting illness"
    MENTAL_HEALTH = "MENTAL_HEALTH", "Mental health needs with other disability factors"
    AUTISM_COMMUNICATION = "AUTISM_COMMUNICATION", "Autism with learning disability or communication needs"


class EhcPlanStatus(models.TextChoices):
    NONE = "NONE", "No EHC plan"
    REQUESTED = "REQUESTED", "EHC needs assessment requested"
    ASSESSING = "ASSESSING", "EHC needs assessment under way"
    PLAN = "PLAN", "Has an EHC plan"


class LegalStatus(models.TextChoices):
    CHILD_IN_NEED = "CHILD_IN_NEED", "Child in need"
    CHILD_PROTECTION_PLAN = "CHILD_PROTECTION_PLAN", "Child protection plan"
    LOOKED_AFTER = "LOOKED_AFTER", "Looked after"
    NONE = "NONE", "No statutory status"


class WrittenBy(models.TextChoices):
    OWN_WORDS = "OWN_WORDS", "In the child's own words"
    WITH_SUPPORT = "WITH_SUPPORT", "By the child with support"
    ON_BEHALF = "ON_BEHALF", "By someone who knows them well, on their behalf"


class CarerRelationship(models.TextChoices):
    MOTHER = "MOTHER", "Mother"
    FATHER = "FATHER", "Father"
    STEP_PARENT = "STEP_PARENT", "Step-parent"
    GRANDPARENT = "GRANDPARENT", "Grandparent"
    FOSTER_CARER = "FOSTER_CARER", "Foster carer"
    SPECIAL_GUARDIAN = "SPECIAL_GUARDIAN", "Special guardian"
    OTHER_RELATIVE = "OTHER_RELATIVE", "Other relative"
    OTHER = "OTHER", "Other"


class SiblingKind(models.TextChoices):
    FULL = "FULL", "Brother or sister"
    HALF = "HALF", "Half-brother or half-sister"
    STEP = "STEP", "Step-brother or step-sister"
