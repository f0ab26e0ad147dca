"""Forms for the interagency team and key worker: input checks only; policy is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.organisations.models import Practitioner
from joinedup.teams.models import PreferredBy
from joinedup.teams.rules import LEVELS, LONGEST_CONTACT_DAYS
from joinedup.ui.fields import GovDateField


class PractitionerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}, {obj.get_job_role_display()}, {obj.organisation.name}"


class AddTeamMemberForm(forms.Form):
    practitioner = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        label="Practitioner",
        empty_label="Choose a practitioner",
        error_messages={"required": "Select a practitioner", "invalid_choice": "Select a practitioner from the list"},
    )
    role_in_team = forms.CharField(
        label="Role in the child's team",
        max_length=100,
        help_text="For example: school nurse, class teacher, speech and language therapist",
        error_messages={"required": "Enter their role in the child's team"},
    )
    start_date = GovDateField(label="Start date", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, candidates: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = candidates  # type: ignore[attr-defined]  # ModelChoiceField


class EndTeamMemberForm(forms.Form):
    end_date = GovDateField(label="Date they left the team")
    reason = forms.CharField(
        label="Why they are leaving the team",
        max_length=200,
        error_messages={"required": "Enter why they are leaving the team"},
    )


class AssignKeyWorkerForm(forms.Form):
    practitioner = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        label="Who will be the key worker",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the key worker", "invalid_choice": "Select someone in the child's team"},
    )
    reason = forms.CharField(
        label="Why this person",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: fit to the child's main needs, the child's preferences, "
        "an existing relationship with the family",
        error_messages={"required": "Enter why this practitioner is the right key worker"},
    )

    def __init__(self, *args: Any, members: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = members  # type: ignore[attr-defined]  # ModelChoiceField


class KeyWorkerPreferenceForm(forms.Form):
    """B3: someone the child or family would like as key worker, in their words."""

    practitioner = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        label="Who they would like",
        empty_label="Choose a practitioner",
        error_messages={
            "required": "Select who they would like",
            "invalid_choice": "Select a practitioner from the list",
        },
    )
    preferred_by = forms.ChoiceField(
        label="Who asked for them",
        choices=PreferredBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for them"},
    )
    in_their_words = forms.CharField(
        label="What they said",
        widget=forms.Textarea,
        max_length=2000,
        help_text="In their words where you can, for example: “I like Sam, she knows how I talk”",
        error_messages={"required": "Enter what they said, in their words"},
    )

    def __init__(self, *args: Any, candidates: QuerySet[Practitioner], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "preference")
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = candidates  # type: ignore[attr-defined]  # ModelChoiceField


def _level_choices() -> list[tuple[str, str]]:
    return [(code, f"{lv.label}: in touch every {lv.contact_days} days") for code, lv in LEVELS.items()]


class KeyWorkingLevelForm(forms.Form):
    """B4: set or review the level of key working support."""

    level = forms.ChoiceField(
        label="Level of key working support",
        choices=_level_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of key working support"},
    )
    tailored_days = forms.IntegerField(
        label="Days between contacts, if different for this child (optional)",
        required=False,
        min_value=1,
        max_value=LONGEST_CONTACT_DAYS,
        help_text="Leave empty to use the level's usual frequency",
        error_messages={
            "invalid": "Days between contacts must be a whole number",
            "min_value": f"Days between contacts must be between 1 and {LONGEST_CONTACT_DAYS}",
            "max_value": f"Days between contacts must be between 1 and {LONGEST_CONTACT_DAYS}",
        },
    )
    review_on = GovDateField(label="Review by", help_text="Within a year, for example, 27 3 2027")
    reason = forms.CharField(
        label="Why this level suits the child and family now",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Their needs and the family's circumstances",
        error_messages={"required": "Enter why this level suits the child and family's circumstances"},
    )
