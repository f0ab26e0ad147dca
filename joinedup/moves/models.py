"""A family's move to another area (B8; NG213 1.15.10): where to, when, who in the new area gets
the information pack, who provides equipment, and how the record ended (closed or transferred)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.moves.choices import ContactKind, MoveOutcome, MoveStatus


class ChildMove(UUIDModel):
    """One move of one child. The new area is an area in joinedup (``to_area``) or, when the family
    moves to an area that does not use joinedup, the name of its local authority (``to_area_name``).

    ``pack`` is the information pack as last sent (the versioned JSON structure of docs/rules/MOVES.md),
    so what the new area and the family received stays as it was. ``version`` rises on every change."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="moves")
    from_area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="+")
    to_area = models.ForeignKey(
        "organisations.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="moves_in"
    )
    to_area_name = models.CharField(max_length=200, blank=True)
    new_address = models.TextField(blank=True)
    new_postcode = models.CharField(max_length=10, blank=True)
    moving_on = models.DateField()
    status = models.CharField(max_length=10, choices=MoveStatus.choices, default=MoveStatus.PLANNED)
    pack = models.JSONField(default=dict, blank=True)
    pack_sent_at = models.DateTimeField(null=True, blank=True)
    pack_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family_told_at = models.DateTimeField(null=True, blank=True)
    old_team_told_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=MoveOutcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    closure = models.ForeignKey("closure.Closure", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MoveStatus.values), name="move_status_valid"),
            models.CheckConstraint(
                condition=Q(to_area__isnull=False, to_area_name="") | Q(to_area__isnull=True) & ~Q(to_area_name=""),
                name="move_to_one_area",
            ),
            models.CheckConstraint(
                condition=~Q(status=MoveStatus.PACK_SENT) | Q(pack_sent_at__isnull=False),
                name="move_pack_sent_has_time",
            ),
            models.CheckConstraint(
                condition=(
                    ~Q(status=MoveStatus.COMPLETED) & Q(outcome="")
                    | Q(status=MoveStatus.COMPLETED, outcome__in=MoveOutcome.values, completed_at__isnull=False)
                    & ~Q(outcome_reason="")
                ),
                name="move_completed_has_outcome_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=MoveOutcome.TRANSFERRED) | Q(to_area__isnull=False),
                name="move_transfer_to_area_in_joinedup",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=~Q(status=MoveStatus.COMPLETED), name="move_one_open_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"ChildMove {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != MoveStatus.COMPLETED

    @property
    def destination(self) -> str:
        return self.to_area.name if self.to_area is not None else self.to_area_name


class MoveContact(UUIDModel):
    """Someone to tell about the move: a practitioner in the new area (in joinedup: chosen from that
    area's practitioners; otherwise named, with an e-mail address) or an equipment provider (named).
    ``told_at`` is when they were sent the pack or told of the move."""

    move = models.ForeignKey(ChildMove, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    told_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ContactKind.values), name="move_contact_kind_valid"),
            models.CheckConstraint(
                condition=Q(practitioner__isnull=False, name="", email="")
                | Q(practitioner__isnull=True) & ~Q(name="") & ~Q(email=""),
                name="move_contact_is_practitioner_or_named",
            ),
            models.CheckConstraint(
                condition=Q(practitioner__isnull=True) | Q(kind=ContactKind.NEW_AREA),
                name="move_contact_practitioner_in_new_area",
            ),
            models.UniqueConstraint(
                fields=["move", "practitioner"],
                condition=Q(practitioner__isnull=False),
                name="move_contact_practitioner_once",
            ),
        ]

    def __str__(self) -> str:
        return f"MoveContact {self.pk}"
