"""Controlled lists for the workforce: sectors, job roles, skills."""

from django.db import models


class Sector(models.TextChoices):
    EDUCATION = "EDUCATION", "Education"
    HEALTH = "HEALTH", "Health"
    SOCIAL_CARE = "SOCIAL_CARE", "Social care"
    VOLUNTARY = "VOLUNTARY", "Voluntary"


class TeamKind(models.TextChoices):
    CWDT_HUB = "CWDT_HUB", "Children with Disabilities Team hub"
    SEN_TEAM = "SEN_TEAM", "SEN team"
    SCHOOL = "SCHOOL", "School or setting"
    HEALTH_SERVICE = "HEALTH_SERVICE", "Health service"
    SHORT_BREAKS = "SHORT_BREAKS", "Short breaks service"
    OTHER = "OTHER", "Other"


class JobRole(models.TextChoices):
    SOCIAL_WORKER = "SOCIAL_WORKER", "Social worker"
    SWAP = "SWAP", "Social work advanced practitioner"
    FAMILY_SUPPORT_WORKER = "FAMILY_SUPPORT_WORKER", "Family support worker"
    TEAM_MANAGER = "TEAM_MANAGER", "Team manager"
    OPERATIONS_MANAGER = "OPERATIONS_MANAGER", "Operations manager"
    COMMUNITY_NURSE = "COMMUNITY_NURSE", "Community children's nurse"
    PAEDIATRICIAN = "PAEDIATRICIAN", "Paediatrician"
    PHYSIOTHERAPIST = "PHYSIOTHERAPIST", "Physiotherapist"
    OCCUPATIONAL_THERAPIST = "OCCUPATIONAL_THERAPIST", "Occupational therapist"
    SPEECH_THERAPIST = "SPEECH_THERAPIST", "Speech and language therapist"
    CAMHS_CLINICIAN = "CAMHS_CLINICIAN", "CAMHS clinician"
    TEACHER = "TEACHER", "Teacher"
    SENCO = "SENCO", "SENCO"
    SEN_OFFICER = "SEN_OFFICER", "SEN officer"
    SHORT_BREAKS_WORKER = "SHORT_BREAKS_WORKER", "Short breaks worker"
    COMMISSIONER = "COMMISSIONER", "Commissioner"


class Skill(models.TextChoices):
    """What a practitioner is skilled to address. The first seven match the needs (CwDT 1.2)."""

    LEARNING_DISABILITY = "LEARNING_DISABILITY", "Learning disability"
    PHYSICAL_DISABILITY = "PHYSICAL_DISABILITY", "Physical disability"
    SENSORY_IMPAIRMENT = "SENSORY_IMPAIRMENT", "Sensory impairment"
    COMPLEX_HEALTH = "COMPLEX_HEALTH", "Complex and enduring health needs"
    LIFE_LIMITING = "LIFE_LIMITING", "Life-limiting illness"
    MENTAL_HEALTH = "MENTAL_HEALTH", "Mental health"
    AUTISM_COMMUNICATION = "AUTISM_COMMUNICATION", "Autism with learning disability or communication needs"
    SAFEGUARDING = "SAFEGUARDING", "Safeguarding"
    COMMUNICATION_AIDS = "COMMUNICATION_AIDS", "Communication aids"
    MOVING_AND_HANDLING = "MOVING_AND_HANDLING", "Moving and handling"
    EHC_PLANNING = "EHC_PLANNING", "EHC needs assessment and planning"
    TRANSITION = "TRANSITION", "Preparing for adulthood"
