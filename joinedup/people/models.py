"""The child and family: the record every practitioner shares (A1 to A4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from joinedup.core.models import TimeStampedModel, UUIDModel
from joinedup.people.choices import (
    CarerRelationship,
    EhcPlanStatus,
    LegalStatus,
    Need,
    SiblingKind,
    WrittenBy,
)


def full_name(given_name: str, family_name: str) -> str:
    """How a child's name reads on every page (``Child.full_name``, and read models' plain rows)."""
    return f"{given_name} {family_name}"


class Child(TimeStampedModel):
    """A disabled child or young person, 0 to 25, and the facts every practitioner needs (A1).

    ``holding_team`` is the team that holds the case (e.g. a CwDT hub); its managers may see
    the child even when they are not in the child's interagency team (G1).
    """

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="children")
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    nhs_number = models.CharField(max_length=10, null=True, blank=True, unique=True)
    local_id = models.CharField(max_length=30)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    ehc_plan_status = models.CharField(max_length=20, choices=EhcPlanStatus.choices, default=EhcPlanStatus.NONE)
    legal_status = models.CharField(max_length=30, choices=LegalStatus.choices, default=LegalStatus.NONE)
    school_or_setting = models.CharField(max_length=200, blank=True)
    # Optional and never required for anything (NG213 1.17.3).
    diagnosis = models.TextField(blank=True)
    holding_team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="children_held"
    )
    is_young_carer = models.BooleanField(default=False)
    young_carer_referred_on = models.DateField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="child_record"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "local_id"], name="child_local_id_unique_in_area"),
            models.CheckConstraint(
                condition=Q(nhs_number__isnull=True) | Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="child_nhs_number_ten_digits",
            ),
            models.CheckConstraint(
                condition=Q(ehc_plan_status__in=EhcPlanStatus.values), name="child_ehc_status_valid"
            ),
            models.CheckConstraint(condition=Q(legal_status__in=LegalStatus.values), name="child_legal_status_valid"),
        ]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="child_name_idx"),
            models.Index(fields=["date_of_birth"], name="child_dob_idx"),
        ]

    def __str__(self) -> str:
        return f"Child {self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:child-detail", kwargs={"child_id": self.pk})

    @property
    def full_name(self) -> str:
        return full_name(self.given_name, self.family_name)

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.given_name


class ChildNeed(models.Model):
    """One of the child's disabilities or needs, from the controlled list (CwDT 1.2)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=30, choices=Need.choices)
    is_main = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "need"], name="child_need_unique"),
            models.CheckConstraint(condition=Q(need__in=Need.values), name="child_need_valid"),
        ]

    def __str__(self) -> str:
        return f"ChildNeed {self.pk}"


class AllAboutMe(models.Model):
    """The child's own voice: views, goals, ambitions, preferences; shown first to everyone (A2).

    ``version`` rises on every save so two people editing at once cannot overwrite each
    other silently (G5).
    """

    child = models.OneToOneField(Child, on_delete=models.CASCADE, primary_key=True, related_name="all_about_me")
    about_me = models.TextField(blank=True)
    what_matters_to_me = models.TextField(blank=True)
    life_goals = models.TextField(blank=True)
    ambitions = models.TextField(blank=True)
    likes = models.TextField(blank=True)
    dislikes = models.TextField(blank=True)
    how_to_support_me = models.TextField(blank=True)
    written_by = models.CharField(max_length=20, choices=WrittenBy.choices, default=WrittenBy.OWN_WORDS)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"AllAboutMe {self.pk}"


class CommunicationProfile(models.Model):
    """How the child communicates, so needs are met at home, school and in health (A3)."""

    child = models.OneToOneField(
        Child, on_delete=models.CASCADE, primary_key=True, related_name="communication_profile"
    )
    how_i_communicate = models.TextField(blank=True)
    communication_aids = models.TextField(blank=True)
    what_works = models.TextField(blank=True)
    what_to_avoid = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"CommunicationProfile {self.pk}"


class Carer(UUIDModel):
    """A parent or carer, with how to reach them (A4). May sign in to the family view."""

    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="carers")
    full_name = models.CharField(max_length=200)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="carer"
    )

    def __str__(self) -> str:
        return f"Carer {self.pk}"


class CarerLink(models.Model):
    """How a carer is related to a child, and whether they hold parental responsibility."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="carer_links")
    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="child_links")
    relationship = models.CharField(max_length=20, choices=CarerRelationship.choices)
    has_parental_responsibility = models.BooleanField(default=False)
    lives_with_child = models.BooleanField(default=True)
    is_main_contact = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "carer"], name="carer_link_unique"),
            models.CheckConstraint(
                condition=Q(relationship__in=CarerRelationship.values), name="carer_link_relationship_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"CarerLink {self.pk}"


class SiblingLink(models.Model):
    """One direction of a sibling relationship; services always write both directions."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sibling_links")
    sibling = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=SiblingKind.choices, default=SiblingKind.FULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "sibling"], name="sibling_link_unique"),
            models.CheckConstraint(condition=~Q(child=F("sibling")), name="sibling_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"SiblingLink {self.pk}"
