"""The words of unplanned changes in need (CwDT 6.3; C8) and family support requests (CwDT 6.4; C9)."""

from django.db import models


class EscalationKind(models.TextChoices):
    CHANGE_IN_NEED = "CHANGE_IN_NEED", "A change in need"
    SAFEGUARDING_CONCERN = "SAFEGUARDING_CONCERN", "A safeguarding concern"


class EscalationStatus(models.TextChoices):
    """Raised, then routed in the same transaction: to a team manager, or to the S&S duty queue.
    Decided; then, if the team managers or the family disagree, with the operations manager for
    the final decision (CwDT 6.3.4)."""

    OPEN = "OPEN", "Raised"
    WITH_MANAGER = "WITH_MANAGER", "With the team manager"
    IN_DUTY_QUEUE = "IN_DUTY_QUEUE", "In the Safeguarding & Support duty queue"
    DECIDED = "DECIDED", "Decided"
    DISAGREED = "DISAGREED", "Disagreement: with the operations manager"
    FINAL = "FINAL", "Final decision made"


# Waiting for a team manager's decision (the duty manager's reach to read the child lasts this long).
WAITING_STATUSES = (EscalationStatus.WITH_MANAGER, EscalationStatus.IN_DUTY_QUEUE)
# A team manager's outcome is recorded (and kept, whatever the operations manager decides).
DECIDED_STATUSES = (EscalationStatus.DECIDED, EscalationStatus.DISAGREED, EscalationStatus.FINAL)
# A disagreement is recorded.
DISAGREED_STATUSES = (EscalationStatus.DISAGREED, EscalationStatus.FINAL)


class DisagreementParty(models.TextChoices):
    """Who disagrees with the outcome (CwDT 6.3.4)."""

    TEAM_MANAGERS = "TEAM_MANAGERS", "A team manager disagrees"
    FAMILY = "FAMILY", "The family disagrees"


class EscalationStep(models.TextChoices):
    """What can be done to an escalation once it is with a manager."""

    DECIDE = "DECIDE", "Decide what happens next"
    DISAGREE = "DISAGREE", "Record a disagreement"
    FINAL_DECISION = "FINAL_DECISION", "Make the final decision"


class EscalationOutcome(models.TextChoices):
    """What the manager decides (CwDT 6.3.1 to 6.3.3)."""

    TRANSFER = "TRANSFER", "Transfer to another hub: add the child to the transfer list"
    JOINT_WORKING = "JOINT_WORKING", "Joint working for a period"
    NO_CHANGE = "NO_CHANGE", "No change"
    SECTION_47 = "SECTION_47", "Section 47 enquiry by a social worker"
    UPDATED_SINGLE_ASSESSMENT = "UPDATED_SINGLE_ASSESSMENT", "Updated single assessment by a social worker"


# "All Section 47 and subsequent single assessments will be undertaken by a social worker" (CwDT 6.3.2).
NEEDS_SOCIAL_WORKER = (EscalationOutcome.SECTION_47, EscalationOutcome.UPDATED_SINGLE_ASSESSMENT)


class EscalationRole(models.TextChoices):
    """How a user stands to an escalation."""

    RECEIVING = "RECEIVING", "Manager it was sent to"
    OPERATIONS = "OPERATIONS", "Operations or service manager"
    HOLDING = "HOLDING", "Manager of the hub holding the case"
    RAISERS_MANAGER = "RAISERS_MANAGER", "Team manager of the person who raised it"
    RAISER = "RAISER", "Person who raised it"
    WORKER = "WORKER", "Social worker doing the enquiry or assessment"
    NONE = "NONE", "No part in this escalation"


class RequestStatus(models.TextChoices):
    WAITING = "WAITING", "Waiting for Strengthening Families"
    ATTACHED = "ATTACHED", "Family support worker attached"
    ALTERNATIVE_AGREED = "ALTERNATIVE_AGREED", "Alternative agreed"
    ESCALATED = "ESCALATED", "With the operations manager"


OPEN_REQUEST_STATUSES = (RequestStatus.WAITING, RequestStatus.ESCALATED)


class RequestStep(models.TextChoices):
    ATTACH = "ATTACH", "Attach a family support worker"
    ALTERNATIVE = "ALTERNATIVE", "Agree another way to meet the need"
    ESCALATE = "ESCALATE", "Escalate to the operations manager"


class RequestRole(models.TextChoices):
    """How a user stands to a family support request."""

    CONSIDERING = "CONSIDERING", "Strengthening Families team manager"
    REFERRING = "REFERRING", "Referring team manager"
    OPERATIONS = "OPERATIONS", "Operations or service manager"
    REQUESTER = "REQUESTER", "Social worker who asked"
    WORKER = "WORKER", "Attached family support worker"
    NONE = "NONE", "No part in this request"
