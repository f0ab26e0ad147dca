"""Visits to the child and child in need plan reviews: the records that complete duties (C5, E3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.reviews.choices import SeenAlone, Step


class Visit(UUIDModel):
    """A visit to the child. Only a visit where the child was seen counts as the statutory visit."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    seen = models.BooleanField(help_text="The child was seen")
    seen_alone = models.CharField(max_length=15, choices=SeenAlone.choices)
    notes = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(seen_alone__in=SeenAlone.values), name="visit_seen_alone_valid"),
            models.CheckConstraint(
                condition=Q(seen=True) | Q(seen_alone=SeenAlone.NOT_RELEVANT) | Q(seen_alone=SeenAlone.NO),
                name="visit_not_seen_not_alone",
            ),
        ]

    def __str__(self) -> str:
        return f"Visit {self.pk}"


class CinReview(UUIDModel):
    """A child in need plan review: who came, what the child and family said, what was decided.

    The child's and family's own words are recorded with every review (E3); a step up or down
    starts the planned transfer of CwDT 6.2 (the hub's manager adds the child to the transfer list).
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cin_reviews")
    held_on = models.DateField()
    attendees = models.TextField(help_text="Who took part, one per line")
    child_views = models.TextField(help_text="What the child or young person said, in their words")
    family_views = models.TextField(help_text="What the family said")
    decisions = models.TextField()
    plan_still_smart = models.BooleanField()
    carers_assessment_offered = models.BooleanField()
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.STAY)
    to_hub = models.ForeignKey("allocation.Hub", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    combined_with_ehc_review = models.BooleanField(default=False)
    transfer = models.ForeignKey(
        "transfers.Transfer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(step__in=Step.values), name="cin_review_step_valid"),
            models.CheckConstraint(
                condition=Q(step=Step.STAY, to_hub__isnull=True) | (~Q(step=Step.STAY) & Q(to_hub__isnull=False)),
                name="cin_review_step_names_a_hub",
            ),
        ]

    def __str__(self) -> str:
        return f"CinReview {self.pk}"
