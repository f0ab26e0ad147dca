"""Where a disagreement is on the ladder (B9), who takes part, and what knowledge is shared (B10)."""

from django.db import models


class DisagreementStatus(models.TextChoices):
    """The escalation ladder (NG213 1.16.2; CwDT 6.3.4): the team, its managers, then the top rung."""

    OPEN = "OPEN", "Open within the team"
    TEAM_MANAGERS = "TEAM_MANAGERS", "Escalated to the team managers"
    OPERATIONS = "OPERATIONS", "Escalated to the operations or service manager"
    RESOLVED = "RESOLVED", "Resolved"


# The ladder in order; the last rung is the top: nobody is above the operations or service manager.
LADDER = (DisagreementStatus.OPEN, DisagreementStatus.TEAM_MANAGERS, DisagreementStatus.OPERATIONS)


class StepKind(models.TextChoices):
    LOGGED = "LOGGED", "Logged"
    ESCALATED_TO_TEAM_MANAGERS = "ESCALATED_TO_TEAM_MANAGERS", "Escalated to the team managers"
    ESCALATED_TO_OPERATIONS = "ESCALATED_TO_OPERATIONS", "Escalated to the operations or service manager"
    RESOLVED = "RESOLVED", "Resolved"


class PartyKind(models.TextChoices):
    PRACTITIONER = "PRACTITIONER", "A practitioner in the child's team"
    CARER = "CARER", "A parent or carer"
    CHILD = "CHILD", "The child or young person"


class Rank(models.TextChoices):
    """How far up the ladder a person taking part stands, for this child (from the access policy)."""

    MEMBER = "MEMBER", "A member of the child's team"
    TEAM_MANAGER = "TEAM_MANAGER", "A team manager of the hub holding the case"
    OPERATIONS_MANAGER = "OPERATIONS_MANAGER", "The operations or service manager"


class KnowledgeCategory(models.TextChoices):
    """What interagency team members share with each other (NG213 1.16.5)."""

    PRACTICE_OR_LAW = "PRACTICE_OR_LAW", "Changes in clinical practice, legislation or statutory guidance"
    CARING_TECHNIQUES = "CARING_TECHNIQUES", "Caring techniques"
    NETWORKS = "NETWORKS", "Professional networks"
    SUPPORT_ORGANISATIONS = "SUPPORT_ORGANISATIONS", "Organisations that can provide support"
