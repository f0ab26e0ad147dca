"""Meetings of the child's team (B5): when, where, who is invited, the agenda and the minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.meetings.choices import InviteeResponse, MeetingStatus


class Meeting(UUIDModel):
    """A meeting about one child, coordinated by the key worker or another member of the team
    (NG213 1.15.8: "coordinating meetings ... not the parents"). ``starts_at`` is stored aware (UTC)
    and shown in Europe/London. ``version`` rises on every change (G5)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    organiser = models.ForeignKey("organisations.Practitioner", on_delete=models.PROTECT, related_name="+")
    agenda = models.TextField()
    arrangements = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes = models.TextField(blank=True)
    minutes_recorded_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MeetingStatus.values), name="meeting_status_valid"),
            models.CheckConstraint(condition=~Q(place="") | ~Q(video_link=""), name="meeting_has_place_or_link"),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.HELD) | (~Q(minutes="") & Q(minutes_recorded_at__isnull=False)),
                name="meeting_held_has_minutes",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="meeting_cancelled_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["child", "starts_at"], name="meeting_child_starts_idx")]

    def __str__(self) -> str:
        return f"Meeting {self.pk}"


class Invitee(UUIDModel):
    """One person invited: a practitioner from the child's team, a parent or carer, or the young
    person. ``told_at`` is when they were last told about the meeting (invited, moved, cancelled)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    practitioner = models.ForeignKey(
        "organisations.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    carer = models.ForeignKey("people.Carer", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_young_person = models.BooleanField(default=False)
    response = models.CharField(max_length=10, choices=InviteeResponse.choices, default=InviteeResponse.INVITED)
    told_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(practitioner__isnull=False, carer__isnull=True, is_young_person=False)
                    | Q(practitioner__isnull=True, carer__isnull=False, is_young_person=False)
                    | Q(practitioner__isnull=True, carer__isnull=True, is_young_person=True)
                ),
                name="invitee_is_one_person",
            ),
            models.CheckConstraint(condition=Q(response__in=InviteeResponse.values), name="invitee_response_valid"),
            models.UniqueConstraint(
                fields=["meeting", "practitioner"],
                condition=Q(practitioner__isnull=False),
                name="invitee_practitioner_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "carer"], condition=Q(carer__isnull=False), name="invitee_carer_once"
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(is_young_person=True), name="invitee_young_person_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Invitee {self.pk}"
