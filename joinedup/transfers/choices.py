"""The states of a planned transfer and the steps that move it (CwDT 6.2)."""

from django.db import models


class TransferStatus(models.TextChoices):
    PROPOSED = "PROPOSED", "Waiting for the incoming manager"
    ESCALATED = "ESCALATED", "Not agreed: with the operations manager"
    AGREED = "AGREED", "Agreed: preparing the transfer"
    COMPLETED = "COMPLETED", "Transferred"
    DECLINED = "DECLINED", "Stays in its hub"
    WITHDRAWN = "WITHDRAWN", "Withdrawn"


OPEN_STATUSES = (TransferStatus.PROPOSED, TransferStatus.ESCALATED, TransferStatus.AGREED)


class TransferStep(models.TextChoices):
    PROPOSE = "PROPOSE", "Added to the transfer list"
    AGREE = "AGREE", "Incoming manager agreed"
    NOT_AGREE = "NOT_AGREE", "Incoming manager did not agree: escalated"
    DECIDE_TRANSFER = "DECIDE_TRANSFER", "Operations manager decided: transfer"
    DECIDE_STAY = "DECIDE_STAY", "Operations manager decided: stays"
    SET_TIMESCALE = "SET_TIMESCALE", "Timescale set"
    FAMILY_TOLD = "FAMILY_TOLD", "Family told"
    RECORDING_CONFIRMED = "RECORDING_CONFIRMED", "Case recording confirmed up to date"
    PLAN_SMART = "PLAN_SMART", "Child in need plan confirmed SMART"
    CAPACITY_DELAY = "CAPACITY_DELAY", "Delayed by capacity: operations manager told"
    REVIEWED = "REVIEWED", "Reviewed on the transfer list"
    COMPLETE = "COMPLETE", "Transfer completed"
    WITHDRAW = "WITHDRAW", "Withdrawn"


class TransferRole(models.TextChoices):
    """How the acting manager stands to this transfer."""

    OUTGOING = "OUTGOING", "Manager of the hub holding the case"
    INCOMING = "INCOMING", "Manager of the proposed hub"
    OPERATIONS = "OPERATIONS", "Operations or service manager"
    NONE = "NONE", "No part in this transfer"
