"""Consultations: advice given about a child to another team, on the child's file (C12)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.consultations.choices import AdvisedTeam
from joinedup.core.models import UUIDModel


class Consultation(UUIDModel):
    """Specialist advice a Children with Disabilities Team worker gave another team about a child.

    "Any consultation should be recorded within the child's file by the Children with
    Disabilities Team worker providing the consultation" (CwDT 8.5): ``adviser`` is who gave the
    advice and recorded it. ``advised_team_name`` names the team when it is ``OTHER`` (and may
    name the area team or locality otherwise).
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="consultations")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    advised_team = models.CharField(max_length=20, choices=AdvisedTeam.choices)
    advised_team_name = models.CharField(max_length=200, blank=True)
    advised_contact = models.CharField(max_length=200)
    given_on = models.DateField()
    question = models.TextField()
    advice = models.TextField()
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(advised_team__in=AdvisedTeam.values), name="consultation_advised_team_valid"
            ),
            models.CheckConstraint(
                condition=~Q(advised_team=AdvisedTeam.OTHER) | ~Q(advised_team_name=""),
                name="consultation_other_team_named",
            ),
            models.CheckConstraint(condition=~Q(question="") & ~Q(advice=""), name="consultation_question_and_advice"),
        ]
        indexes = [models.Index(fields=["child", "-given_on"], name="consultation_child_given_idx")]

    def __str__(self) -> str:
        return f"Consultation {self.pk}"
