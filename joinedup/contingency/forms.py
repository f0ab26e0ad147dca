"""Contingency plan forms (B7): input checks only; the policy is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.contingency.choices import AbsenceKind
from joinedup.organisations.models import Practitioner
from joinedup.teams.forms import PractitionerChoiceField
from joinedup.ui.fields import GovDateField


class CoverForm(forms.Form):
    cover = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        label="Who covers",
        empty_label="Choose a practitioner",
        help_text="They take over as key worker of every child at once if this key worker leaves or is away",
        error_messages={"required": "Select who covers", "invalid_choice": "Select a practitioner from the list"},
    )
    reason = forms.CharField(
        label="Why this person",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: knows the families, works in the same hub, has room on their caseload",
        error_messages={"required": "Enter why this practitioner is the right cover"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, candidates: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cover"].queryset = candidates  # type: ignore[attr-defined]  # ModelChoiceField


class InactiveForm(forms.Form):
    kind = forms.ChoiceField(
        label="Why are they no longer working with children?",
        choices=AbsenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why they are away"},
    )
    from_date = GovDateField(label="From", help_text="For example, 27 3 2027")
    note = forms.CharField(
        label="Note (optional)",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="Do not give medical details. Say when they are expected back, if known",
    )
    confirmed = forms.CharField(widget=forms.HiddenInput, required=False)


class ActiveForm(forms.Form):
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, max_length=2000, required=False)
