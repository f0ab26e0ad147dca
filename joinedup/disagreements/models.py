"""Disagreements within the child's team or with the family (B9) and knowledge shared in the team (B10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.disagreements.choices import (
    DisagreementStatus,
    KnowledgeCategory,
    PartyKind,
    StepKind,
)


class DisagreementQuerySet(models.QuerySet["Disagreement"]):
    def unresolved(self) -> DisagreementQuerySet:
        return self.exclude(status=DisagreementStatus.RESOLVED)


class Disagreement(UUIDModel):
    """A disagreement about a child: within the interagency team, or between the team and the family.

    It climbs a ladder (team, team managers, operations or service manager; CwDT 6.3.4) until it is
    resolved. Each step is a ``DisagreementStep``. A disagreement with an escalation's outcome is
    recorded on the escalation itself (C8-DISAGREEMENT), not here.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="disagreements")
    issue = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=DisagreementStatus.choices, default=DisagreementStatus.OPEN)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = DisagreementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DisagreementStatus.values), name="disagreement_status_valid"),
            models.CheckConstraint(condition=~Q(issue=""), name="disagreement_has_issue"),
            models.CheckConstraint(
                condition=(
                    (
                        Q(status=DisagreementStatus.RESOLVED, resolved_by__isnull=False, resolved_at__isnull=False)
                        & ~Q(resolution="")
                    )
                    | (
                        ~Q(status=DisagreementStatus.RESOLVED)
                        & Q(resolution="", resolved_by__isnull=True, resolved_at__isnull=True)
                    )
                ),
                name="disagreement_resolved_has_resolution",
            ),
        ]
        indexes = [models.Index(fields=["child", "status"], name="disagreement_child_status_idx")]

    def __str__(self) -> str:
        return f"Disagreement {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "disagreements:disagreement-detail", kwargs={"child_id": self.child_id, "disagreement_id": self.pk}
        )


class DisagreementParty(UUIDModel):
    """One side of a disagreement: who (a practitioner of the child's team, a parent or carer, or the
    child) and what they want."""

    disagreement = models.ForeignKey(Disagreement, on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField(max_length=20, choices=PartyKind.choices)
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    carer = models.ForeignKey("people.Carer", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    wants = models.TextField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="disagreement_party_kind_valid"),
            models.CheckConstraint(condition=~Q(wants=""), name="disagreement_party_says_what_they_want"),
            models.CheckConstraint(
                condition=(
                    Q(kind=PartyKind.PRACTITIONER, practitioner__isnull=False, carer__isnull=True)
                    | Q(kind=PartyKind.CARER, practitioner__isnull=True, carer__isnull=False)
                    | Q(kind=PartyKind.CHILD, practitioner__isnull=True, carer__isnull=True)
                ),
                name="disagreement_party_names_one_person",
            ),
            models.UniqueConstraint(
                fields=["disagreement", "practitioner"],
                condition=Q(practitioner__isnull=False),
                name="disagreement_party_practitioner_once",
            ),
            models.UniqueConstraint(
                fields=["disagreement", "carer"], condition=Q(carer__isnull=False), name="disagreement_party_carer_once"
            ),
            models.UniqueConstraint(
                fields=["disagreement"], condition=Q(kind=PartyKind.CHILD), name="disagreement_party_child_once"
            ),
        ]

    def __str__(self) -> str:
        return f"DisagreementParty {self.pk}"


class DisagreementStep(UUIDModel):
    """A dated step on the ladder, by whom: logged, escalated (with why), resolved."""

    disagreement = models.ForeignKey(Disagreement, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=30, choices=StepKind.choices)
    note = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="disagreement_step_kind_valid"),
            models.UniqueConstraint(
                fields=["disagreement", "kind"], name="disagreement_step_once_each"
            ),  # the ladder is climbed once: no step twice
        ]

    def __str__(self) -> str:
        return f"DisagreementStep {self.pk}"


class SharedKnowledge(UUIDModel):
    """Something a team member shares with the rest of the child's team (NG213 1.16.4, 1.16.5)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="shared_knowledge")
    category = models.CharField(max_length=30, choices=KnowledgeCategory.choices)
    title = models.CharField(max_length=120)
    text = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    posted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=KnowledgeCategory.values), name="shared_knowledge_category_valid"
            ),
            models.CheckConstraint(condition=~Q(title="") & ~Q(text=""), name="shared_knowledge_has_title_and_text"),
        ]
        indexes = [models.Index(fields=["child", "posted_at"], name="shared_knowledge_child_idx")]

    def __str__(self) -> str:
        return f"SharedKnowledge {self.pk}"
