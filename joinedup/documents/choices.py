"""What a shared letter or update is, and the kinds of file the team may upload."""

from django.db import models


class DocumentKind(models.TextChoices):
    HOSPITAL_LETTER = "HOSPITAL_LETTER", "Hospital letter"
    CLINIC_LETTER = "CLINIC_LETTER", "Clinic letter"
    SCHOOL_REPORT = "SCHOOL_REPORT", "School report"
    WRITTEN_UPDATE = "WRITTEN_UPDATE", "Written update"
    OTHER = "OTHER", "Other letter or report"


class FileType(models.TextChoices):
    """The kinds of file accepted (B5-UPLOAD-TYPE), by the content type they are served with."""

    PDF = "application/pdf", "PDF"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"
    JPEG = "image/jpeg", "JPG image"
    PNG = "image/png", "PNG image"
    TEXT = "text/plain", "Text file"
