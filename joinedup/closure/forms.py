"""The closing form: input checks only; whether the case may close is in rules.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.closure import rules
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
