"""The emergency access form: input checks only; policy is in rules.py."""

from django import forms


class BreakGlassForm(forms.Form):
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=14,
        help_text="10 digits, for example 943 476 5919",
        error_messages={"required": "Enter the child's NHS number"},
    )
    reason = forms.CharField(
        label="Why do you need emergency access?",
        widget=forms.Textarea,
        max_length=1000,
        help_text="For example: the child has arrived at A&E and we need their care plan now",
        error_messages={"required": "Enter why you need emergency access"},
    )
