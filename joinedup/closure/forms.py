"""The closing form and the closure reason form: input checks only; policy is in rules.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.closure import rules
from joinedup.closure.choices import RetentionFrom
from joinedup.closure.models import ClosureReason
from joinedup.ui.fields import GovDateField


class CloseCaseForm(forms.Form):
    reason = forms.ModelChoiceField(
        queryset=ClosureReason.objects.none(),
        label="Why the case is closing",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select why the case is closing",
            "invalid_choice": "Select why the case is closing",
        },
    )
    closed_on = GovDateField(label="Date the case closed", help_text="For example, 27 3 2026")
    note = forms.CharField(
        label="Closing summary",
        widget=forms.Textarea,
        max_length=4000,
        help_text="What was achieved, what the family were told, and where the child's support goes next",
        error_messages={"required": "Enter a closing summary"},
    )

    def __init__(
        self, *args: Any, reasons: QuerySet[ClosureReason], date_of_birth: date, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = reasons  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["reason"].label_from_instance = lambda r: r.label  # type: ignore[attr-defined]
        self.date_of_birth = date_of_birth
        self.today = today

    def clean_closed_on(self) -> date:
        closed_on: date = self.cleaned_data["closed_on"]
        for v in rules.closing_date_violations(closed_on=closed_on, date_of_birth=self.date_of_birth, today=self.today):
            raise forms.ValidationError(v.message)
        return closed_on


class ClosureReasonForm(forms.Form):
    """A closure reason and its retention rule (C11). The limits are rules (C11-REASON-EDIT, C11-REASON-IN-USE)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    label = forms.CharField(
        label="Reason",
        max_length=200,
        help_text="As managers see it when they close a case",
        error_messages={"required": "Enter the reason", "max_length": "Reason must be 200 characters or fewer"},
    )
    active = forms.ChoiceField(
        label="Can managers choose this reason when they close a case?",
        choices=[("yes", "Yes"), ("no", "No, it is no longer used")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if managers can choose this reason"},
    )
    retention_from = forms.ChoiceField(
        label="The retention period starts on",
        choices=RetentionFrom.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when the retention period starts",
            "invalid_choice": "Select when the retention period starts",
        },
    )
    retention_years = forms.IntegerField(
        label="Years the record is kept",
        widget=forms.TextInput,
        help_text="For example 25 from the date of birth keeps the record until the child's 25th birthday",
        error_messages={
            "required": "Enter how many years the record is kept",
            "invalid": "Years the record is kept must be a whole number, like 25",
        },
    )

    def clean_active(self) -> bool:
        return bool(self.cleaned_data["active"] == "yes")
