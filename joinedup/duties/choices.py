"""The kinds of duty the delivery model puts on the team around a child (C5, C10, F3)."""

from __future__ import annotations

from django.db import models


class DutyKind(models.TextChoices):
    CIN_REVIEW = "CIN_REVIEW", "Child in need plan review"
    VISIT = "VISIT", "Visit to the child"
    CARERS_ASSESSMENT_REVIEW = "CARERS_ASSESSMENT_REVIEW", "Carers assessment review"
    EHC_ANNUAL_REVIEW = "EHC_ANNUAL_REVIEW", "EHC plan annual review"
    PFA_PLAN = "PFA_PLAN", "Preparing for Adulthood plan"
    ADULT_SOCIAL_CARE_REFERRAL = "ADULT_SOCIAL_CARE_REFERRAL", "Referral to adult social care"
    POST_18_PLAN = "POST_18_PLAN", "Plan for funding and services after 18"
    JOINT_WORKING_END = "JOINT_WORKING_END", "Joint working ends: decide what happens next"
    EHC_DECISION_TO_ASSESS = "EHC_DECISION_TO_ASSESS", "EHC needs assessment: decision to assess"
    EHC_FINAL_PLAN = "EHC_FINAL_PLAN", "EHC needs assessment: final EHC plan"
    KEY_WORKER_CONTACT = "KEY_WORKER_CONTACT", "Key worker contact with the child and family"


# Duties that happen once in a child's life: once done, they are never scheduled again.
ONE_OFF = frozenset({DutyKind.PFA_PLAN, DutyKind.ADULT_SOCIAL_CARE_REFERRAL, DutyKind.POST_18_PLAN})

# Duties the sweep computes from the child's facts. The others are scheduled by the step that
# creates them (an escalation's joint working, an EHC needs assessment request) and only closed here.
SWEPT = frozenset(
    {
        DutyKind.CIN_REVIEW,
        DutyKind.VISIT,
        DutyKind.CARERS_ASSESSMENT_REVIEW,
        DutyKind.EHC_ANNUAL_REVIEW,
        DutyKind.PFA_PLAN,
        DutyKind.ADULT_SOCIAL_CARE_REFERRAL,
        DutyKind.POST_18_PLAN,
        DutyKind.KEY_WORKER_CONTACT,
    }
)


class DutyStatus(models.TextChoices):
    OPEN = "OPEN", "Open"
    DONE = "DONE", "Done"
    CANCELLED = "CANCELLED", "No longer needed"


class CadenceKind(models.TextChoices):
    """What a manager's cadence agreement sets (C5)."""

    CIN_REVIEW = "CIN_REVIEW", "Child in need plan reviews"
    VISIT = "VISIT", "Visits to the child"
