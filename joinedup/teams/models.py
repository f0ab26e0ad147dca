"""The child's interagency team and key worker history (B1, B2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel


class TeamMembershipQuerySet(models.QuerySet["TeamMembership"]):
    def current(self) -> TeamMembershipQuerySet:
        """Memberships that have not ended. A future start still counts: they are joining."""
        return self.filter(end_date__isnull=True)


class TeamMembership(UUIDModel):
    """A practitioner's place in one child's interagency team, across sectors (B1)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="memberships")
    practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="memberships")
    role_in_team = models.CharField(max_length=100)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["child", "practitioner"],
                condition=Q(end_date__isnull=True),
                name="one_current_membership_per_practitioner",
            ),
        ]
        indexes = [models.Index(fields=["practitioner", "end_date"], name="membership_practitioner_idx")]

    def __str__(self) -> str:
        return f"TeamMembership {self.pk}"

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class KeyWorkerAssignmentQuerySet(models.QuerySet["KeyWorkerAssignment"]):
    def current(self) -> KeyWorkerAssignmentQuerySet:
        return self.filter(end_date__isnull=True)


class KeyWorkerAssignment(UUIDModel):
    """Who is (or was) the child's key worker, from when to when, and why they were chosen (B2)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="key_worker_assignments")
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, related_name="key_worker_assignments"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()

    objects = KeyWorkerAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(end_date__isnull=True), name="one_current_key_worker_per_child"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="key_worker_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="key_worker_reason_required"),
        ]

    def __str__(self) -> str:
        return f"KeyWorkerAssignment {self.pk}"


class PreferredBy(models.TextChoices):
    CHILD = "CHILD", "The child or young person"
    FAMILY = "FAMILY", "The family or carers"


class KeyWorkerPreference(UUIDModel):
    """Someone the child or family have said they would like as key worker, in their words (B3).

    The key worker is to be "someone the child or young person is comfortable with" and chosen on
    their "needs and preferences" (NG213 1.15.5, 1.15.9). One row per person asked for; kept as history.
    """

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="key_worker_preferences")
    practitioner = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    preferred_by = models.CharField(max_length=10, choices=PreferredBy.choices)
    in_their_words = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "practitioner"], name="one_preference_per_person"),
            models.CheckConstraint(condition=Q(preferred_by__in=PreferredBy.values), name="preferred_by_valid"),
            models.CheckConstraint(condition=~Q(in_their_words=""), name="preference_words_required"),
        ]

    def __str__(self) -> str:
        return f"KeyWorkerPreference {self.pk}"


class SupportLevel(models.TextChoices):
    """How much key working support a child has (B4, NG213 1.15.2); defaults in ``rules.LEVELS``."""

    LIGHT = "LIGHT", "Light"
    STANDARD = "STANDARD", "Standard"
    INTENSIVE = "INTENSIVE", "Intensive"


class KeyWorkingSupport(UUIDModel):
    """The level of key working support set for a child, how often the key worker is in touch, and
    when it is next reviewed (B4). Every setting and review is a new row; the newest applies."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="key_working_support")
    level = models.CharField(max_length=12, choices=SupportLevel.choices)
    contact_days = models.PositiveIntegerField(help_text="Days between the key worker's contacts")
    reason = models.TextField()
    review_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(level__in=SupportLevel.values), name="support_level_valid"),
            models.CheckConstraint(condition=Q(contact_days__gte=1), name="support_contact_days_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="support_reason_required"),
        ]
        indexes = [models.Index(fields=["child", "set_at"], name="support_child_set_idx")]

    def __str__(self) -> str:
        return f"KeyWorkingSupport {self.pk}"
