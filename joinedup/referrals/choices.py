"""Referrals to the Children with Disabilities Team and the default threshold criteria (CwDT 1.2; C1)."""

from django.db import models

from joinedup.people.choices import Need


class ReferralSource(models.TextChoices):
    MASH = "MASH", "Multi-agency safeguarding hub (MASH)"
    HEALTH = "HEALTH", "Health"
    EDUCATION = "EDUCATION", "Education"
    EARLY_HELP = "EARLY_HELP", "Early help"
    AREA_TEAM = "AREA_TEAM", "Area social care team"
    FAMILY = "FAMILY", "The family"
    OTHER = "OTHER", "Other"


class ReferralStatus(models.TextChoices):
    RECEIVED = "RECEIVED", "Waiting for a decision"
    ACCEPTED = "ACCEPTED", "Accepted: single assessment"
    NOT_ACCEPTED = "NOT_ACCEPTED", "Not accepted"


class Decision(models.TextChoices):
    ACCEPT = "ACCEPT", "Accept: the Safeguarding & Support hub does a single assessment"
    NOT_ACCEPT = "NOT_ACCEPT", "Do not accept"


# The criteria of CwDT 1.2, loaded for an area the first time its referrals are opened. Each is
# about a severe or profound disability and names needs, never a diagnosis (F2).
DEFAULT_CRITERIA: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "LEARNING_OR_PHYSICAL",
        "Severe or profound learning or physical disability",
        (Need.LEARNING_DISABILITY, Need.PHYSICAL_DISABILITY),
    ),
    ("SENSORY", "Severe or profound sensory impairment", (Need.SENSORY_IMPAIRMENT,)),
    ("COMPLEX_HEALTH", "Complex and enduring health needs", (Need.COMPLEX_HEALTH,)),
    ("LIFE_LIMITING", "Life-limiting illness", (Need.LIFE_LIMITING,)),
    ("MENTAL_HEALTH", "Mental health needs, in combination with other disability factors", (Need.MENTAL_HEALTH,)),
    (
        "AUTISM",
        "Autism together with a learning disability or significant communication needs",
        (Need.AUTISM_COMMUNICATION,),
    ),
)
