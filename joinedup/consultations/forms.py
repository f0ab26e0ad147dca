"""The consultation form: input checks only; what a consultation must say is in rules.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.consultations import rules
from joinedup.consultations.choices import AdvisedTeam
from joinedup.ui.fields import GovDateField


class ConsultationForm(forms.Form):
    advised_team = forms.ChoiceField(
        label="Which team you advised",
        choices=AdvisedTeam.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the team you advised", "invalid_choice": "Select the team you advised"},
    )
    advised_team_name = forms.CharField(
        label="Name of the team (optional unless another team)",
        max_length=200,
        required=False,
        help_text="For example: Nuneaton early help locality team",
    )
    advised_contact = forms.CharField(
        label="Who you advised",
        max_length=200,
        help_text="Their name and role, for example: Sam Lee, early help key worker",
        error_messages={"required": "Enter who you advised"},
    )
    given_on = GovDateField(label="Date the advice was given", help_text="For example, 27 3 2026")
    question = forms.CharField(
        label="What you were asked",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter what you were asked"},
    )
    advice = forms.CharField(
        label="The advice you gave",
        widget=forms.Textarea,
        max_length=8000,
        error_messages={"required": "Enter the advice you gave"},
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_given_on(self) -> date:
        given_on: date = self.cleaned_data["given_on"]
        for v in rules.given_on_violations(given_on=given_on, today=self.today):
            raise forms.ValidationError(v.message)
        return given_on
