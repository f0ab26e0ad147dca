"""Referrals to the Children with Disabilities Team and the criteria they are decided against (C1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.people.choices import SiblingKind
from joinedup.referrals.choices import ReferralSource, ReferralStatus


class ThresholdCriterion(UUIDModel):
    """One criterion for the specialist team (CwDT 1.2, 1.3): data an administrator edits, not code."""

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="threshold_criteria")
    code = models.CharField(max_length=40)
    text = models.CharField(max_length=300, help_text="Plain English, as shown with every decision")
    needs = models.JSONField(default=list, help_text="The Need codes this criterion covers")
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="threshold_criterion_code_unique_in_area"),
        ]

    def __str__(self) -> str:
        return f"ThresholdCriterion {self.code}"


class Referral(UUIDModel):
    """A referral received by the Children with Disabilities Team, for a child who may not yet be known."""

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="referrals")
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    received_on = models.DateField()
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    nhs_number = models.CharField(max_length=10, blank=True)
    needs = models.JSONField(default=list, help_text="The child's disabilities and needs (Need codes)")
    reason = models.TextField()
    severe = models.BooleanField(help_text="The disability is severe or profound (CwDT 1.2)")
    sibling_of = models.ForeignKey(
        "people.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sibling_referrals",
        help_text="A brother or sister already known: one family, one social worker (CwDT 1.4; A4)",
    )
    sibling_kind = models.CharField(max_length=10, choices=SiblingKind.choices, default=SiblingKind.FULL)
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    criteria_met = models.JSONField(default=list, blank=True, help_text="Criteria met, as they read when decided")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"),
            models.CheckConstraint(condition=Q(source__in=ReferralSource.values), name="referral_source_valid"),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.ACCEPTED, child__isnull=False)
                | (~Q(status=ReferralStatus.ACCEPTED) & Q(child__isnull=True)),
                name="referral_child_when_accepted",
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.RECEIVED, decided_at__isnull=True)
                | (~Q(status=ReferralStatus.RECEIVED) & Q(decided_at__isnull=False, decided_by__isnull=False)),
                name="referral_decided_when_not_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("referrals:referral-detail", kwargs={"referral_id": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"
