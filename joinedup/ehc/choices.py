"""The words of an EHC needs assessment (F3): who asked, where it has got to, what advice feeds."""

from __future__ import annotations

from django.db import models


class RequestedBy(models.TextChoices):
    """Who asked the local authority for the assessment (SEND Code of Practice 9.8 to 9.10)."""

    PARENT = "PARENT", "A parent or carer"
    YOUNG_PERSON = "YOUNG_PERSON", "The young person"
    SCHOOL = "SCHOOL", "A school, college or early years setting"
    HEALTH = "HEALTH", "A health professional"
    SOCIAL_CARE = "SOCIAL_CARE", "Social care"
    OTHER = "OTHER", "Someone else"


class AssessmentStatus(models.TextChoices):
    """Where the assessment has got to. Requested, then a decision; if assessing, advice is asked
    for, a draft plan issued, then the final plan. It can be stopped at any point while open."""

    REQUESTED = "REQUESTED", "Requested: decision to assess due"
    NOT_ASSESSING = "NOT_ASSESSING", "Decided not to assess"
    ASSESSING = "ASSESSING", "Assessing: advice requested"
    DRAFT_ISSUED = "DRAFT_ISSUED", "Draft plan issued"
    FINAL_ISSUED = "FINAL_ISSUED", "Final plan issued"
    STOPPED = "STOPPED", "Stopped"


# A child is waiting while the assessment is in one of these; the others have ended.
OPEN_STATUSES = frozenset({AssessmentStatus.REQUESTED, AssessmentStatus.ASSESSING, AssessmentStatus.DRAFT_ISSUED})


class Step(models.TextChoices):
    """The steps of the process, each recorded on its own page."""

    DECIDE = "DECIDE", "Record the decision to assess"
    ASK_ADVICE = "ASK_ADVICE", "Ask for advice"
    RECEIVE_ADVICE = "RECEIVE_ADVICE", "Record advice received"
    ISSUE_DRAFT = "ISSUE_DRAFT", "Record the draft plan issued"
    ISSUE_FINAL = "ISSUE_FINAL", "Record the final plan issued"
    STOP = "STOP", "Stop the assessment"


class Decision(models.TextChoices):
    ASSESS = "ASSESS", "Assess: the child may need an EHC plan"
    NOT_ASSESS = "NOT_ASSESS", "Do not assess"


class AdviceSection(models.TextChoices):
    """The sections of an EHC plan a practitioner's advice feeds (NG213 1.15.20), lettered as in the
    SEND Code of Practice 9.62: needs B to D, outcomes E, provision F to H."""

    EDUCATION_NEEDS = "EDUCATION_NEEDS", "Education needs (section B)"
    HEALTH_NEEDS = "HEALTH_NEEDS", "Health needs (section C)"
    SOCIAL_CARE_NEEDS = "SOCIAL_CARE_NEEDS", "Social care needs (section D)"
    OUTCOMES = "OUTCOMES", "Outcomes (section E)"
    EDUCATION_PROVISION = "EDUCATION_PROVISION", "Education provision (section F)"
    HEALTH_PROVISION = "HEALTH_PROVISION", "Health provision (section G)"
    SOCIAL_CARE_PROVISION = "SOCIAL_CARE_PROVISION", "Social care provision (section H)"
