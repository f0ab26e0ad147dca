"""Forms for the interagency team and key worker: input checks only; policy is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.organisations.models import Practitioner
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
