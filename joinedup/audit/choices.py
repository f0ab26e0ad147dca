"""What an audit event records."""

from django.db import models


class AuditAction(models.TextChoices):
    VIEWED = "VIEWED", "Opened the record"
    LISTED = "LISTED", "Saw in a list"
    SEARCHED = "SEARCHED", "Found in a search"
    CREATED = "CREATED", "Created"
    UPDATED = "UPDATED", "Changed"
    ENDED = "ENDED", "Ended"
    AUDIT_VIEWED = "AUDIT_VIEWED", "Looked at who has seen the record"
    BREAK_GLASS = "BREAK_GLASS", "Used emergency access"
