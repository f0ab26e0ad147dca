"""Duty forms: input checks only; what a completed duty and an agreement need is in rules/services."""

from __future__ import annotations

from django import forms

from joinedup.duties.choices import CadenceKind
from joinedup.ui.fields import GovDateField


class DutyDoneForm(forms.Form):
    done_on = GovDateField(label="Date it was done", help_text="For example, 27 11 2026")
    note = forms.CharField(
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="Record the visit or review itself on the child's file",
    )


class CadenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you agreeing?",
        choices=CadenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select reviews or visits"},
    )
    weeks = forms.IntegerField(
        label="Every how many weeks",
        min_value=1,
        max_value=104,
        help_text="Review & Intervention reviews: 26 for 6 months, 52 for 12 months",
        error_messages={
            "required": "Enter every how many weeks",
            "invalid": "Enter a whole number of weeks, like 8",
            "min_value": "Enter 1 week or more",
            "max_value": "Enter 104 weeks or fewer",
        },
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why"},
    )
