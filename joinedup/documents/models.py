"""Letters, reports and written updates shared with a child's team (B5), and who was told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import UUIDModel
from joinedup.documents.choices import DocumentKind, FileType


class SharedDocument(UUIDModel):
    """A letter or report uploaded (a hospital letter shared with the school), or an update written
    here. An upload is stored under ``stored_name``, a name joinedup makes up, never the one the
    user's computer gave it; ``original_name`` is kept only to show and to offer on download."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="shared_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    stored_name = models.CharField(max_length=100, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True, choices=FileType.choices)
    size = models.PositiveIntegerField(null=True, blank=True)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=DocumentKind.WRITTEN_UPDATE,
                        stored_name="",
                        original_name="",
                        content_type="",
                        size__isnull=True,
                    )
                    & ~Q(text="")
                )
                | (
                    ~Q(kind=DocumentKind.WRITTEN_UPDATE)
                    & ~Q(stored_name="")
                    & ~Q(original_name="")
                    & Q(content_type__in=FileType.values, size__gt=0)
                ),
                name="document_is_an_update_or_a_file",
            ),
            models.UniqueConstraint(
                fields=["stored_name"], condition=~Q(stored_name=""), name="document_stored_name_unique"
            ),
        ]
        indexes = [models.Index(fields=["child", "shared_at"], name="document_child_shared_idx")]

    def __str__(self) -> str:
        return f"Shared document {self.pk}"

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class Told(UUIDModel):
    """One person told about a shared document (a practitioner in the team, or a parent or carer
    with an account): when they were told, and when they first opened it."""

    document = models.ForeignKey(SharedDocument, on_delete=models.PROTECT, related_name="told")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    told_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="told_once_per_document"),
            models.CheckConstraint(
                condition=Q(opened_at__isnull=True) | Q(opened_at__gte=F("told_at")), name="told_opened_after_told"
            ),
        ]

    def __str__(self) -> str:
        return f"Told {self.pk}"
