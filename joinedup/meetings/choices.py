"""Where a meeting has got to, and how an invitee answered."""

from django.db import models


class MeetingStatus(models.TextChoices):
    PLANNED = "PLANNED", "Planned"
    HELD = "HELD", "Held"
    CANCELLED = "CANCELLED", "Cancelled"


class InviteeResponse(models.TextChoices):
    INVITED = "INVITED", "Invited"
    ACCEPTED = "ACCEPTED", "Accepted"
    DECLINED = "DECLINED", "Declined"
