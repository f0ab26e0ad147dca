"""The local area and its workforce: organisations, teams and practitioners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from joinedup.core.models import UUIDModel
from joinedup.organisations.choices import JobRole, Sector, Skill, TeamKind


class Area(UUIDModel):
    """A local area (one council and its partners): the tenant every record belongs to."""

    name = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return f"Area {self.name}"


class Organisation(UUIDModel):
    """A council service, NHS trust, school or charity working in an area."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="organisation_name_unique_in_area"),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="organisation_sector_valid"),
        ]

    def __str__(self) -> str:
        return f"Organisation {self.name}"


class Team(UUIDModel):
    """A working team: a CwDT hub, a school's SEN team, a community nursing team."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=TeamKind.choices, default=TeamKind.OTHER)
    site = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return f"Team {self.name}"


class Practitioner(UUIDModel):
    """A worker from education, health, social care or a charity, with their contact details.

    Managers are practitioners too: a team manager manages the teams in ``teams``; an
    operations or service manager manages every team of their organisation.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practitioner")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="practitioners")
    teams = models.ManyToManyField(Team, related_name="practitioners", blank=True)
    full_name = models.CharField(max_length=200)
    job_role = models.CharField(max_length=30, choices=JobRole.choices)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(job_role__in=JobRole.values), name="practitioner_job_role_valid"),
        ]

    def __str__(self) -> str:
        return f"Practitioner {self.pk}"

    @property
    def sector(self) -> str:
        return self.organisation.sector


class PractitionerSkill(models.Model):
    """One skill or specialism of a practitioner, from the controlled list."""

    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(max_length=30, choices=Skill.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "skill"], name="practitioner_skill_unique"),
            models.CheckConstraint(condition=Q(skill__in=Skill.values), name="practitioner_skill_valid"),
        ]

    def __str__(self) -> str:
        return f"PractitionerSkill {self.pk}"
