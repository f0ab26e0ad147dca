"""The words of CwDT 7.3: where a carers assessment was offered, its outcomes, packages, the panel."""

from django.db import models


class OfferedAt(models.TextChoices):
    """Carers are told of their entitlement "during the single assessment and at review" (CwDT 7.3.1)."""

    SINGLE_ASSESSMENT = "SINGLE_ASSESSMENT", "At a single assessment"
    CIN_REVIEW = "CIN_REVIEW", "At a child in need review"


class CarersOutcome(models.TextChoices):
    """The outcomes a carers assessment may lead to (CwDT 7.3.1)."""

    ADVICE = "ADVICE", "Advice"
    GUIDANCE = "GUIDANCE", "Guidance"
    SIGNPOSTING = "SIGNPOSTING", "Signposting to other services"
    RESPITE = "RESPITE", "Respite support"
    SMALL_FINANCIAL_PACKAGE = "SMALL_FINANCIAL_PACKAGE", "Other support, including a small financial package"


class TransitionsAfter(models.TextChoices):
    """A transitions assessment follows "an enhanced review or an updating single assessment" (CwDT 7.3.2)."""

    ENHANCED_REVIEW = "ENHANCED_REVIEW", "An enhanced review"
    UPDATED_SINGLE_ASSESSMENT = "UPDATED_SINGLE_ASSESSMENT", "An updating single assessment"


class PackageKind(models.TextChoices):
    DIRECT_PAYMENTS = "DIRECT_PAYMENTS", "Direct payments"
    SHORT_BREAKS = "SHORT_BREAKS", "Short breaks"


class PackageStatus(models.TextChoices):
    WAITING = "WAITING", "Waiting for the Resource Panel"
    IN_PLACE = "IN_PLACE", "In place"
    DECLINED = "DECLINED", "Not agreed by the Resource Panel"


class RequestKind(models.TextChoices):
    """What a Resource Panel request asks for (CwDT 7.3.3)."""

    NEW_PACKAGE = "NEW_PACKAGE", "A new package, identified at or after a single assessment"
    SMALL_INCREASE = "SMALL_INCREASE", "A small increase, identified at a review"
    CHANGE = "CHANGE", "A larger change, after an updated single assessment"


class RequestStatus(models.TextChoices):
    WAITING = "WAITING", "Waiting for the Resource Panel"
    APPROVED = "APPROVED", "Approved"
    DECLINED = "DECLINED", "Declined"


class PanelOutcome(models.TextChoices):
    APPROVED = "APPROVED", "Approved"
    DECLINED = "DECLINED", "Declined"
    DEFERRED = "DEFERRED", "Deferred to a later panel"


REVIEW_MONTHS = (6, 12)  # CwDT 7.3.1: "reviewed/reassessed every 6 months or 12 months (as agreed)"
