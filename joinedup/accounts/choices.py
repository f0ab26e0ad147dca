"""The roles a signed-in person can have (DESIGN.md, Who uses it)."""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "PRACTITIONER", "Practitioner"
    TEAM_MANAGER = "TEAM_MANAGER", "Team manager"
    OPERATIONS_MANAGER = "OPERATIONS_MANAGER", "Operations or service manager"
    COMMISSIONER = "COMMISSIONER", "Commissioner"
    ADMINISTRATOR = "ADMINISTRATOR", "Administrator"
    PARENT_CARER = "PARENT_CARER", "Parent or carer"
    YOUNG_PERSON = "YOUNG_PERSON", "Young person"


STAFF_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.OPERATIONS_MANAGER})
MANAGER_ROLES = frozenset({Role.TEAM_MANAGER, Role.OPERATIONS_MANAGER})
FAMILY_ROLES = frozenset({Role.PARENT_CARER, Role.YOUNG_PERSON})
