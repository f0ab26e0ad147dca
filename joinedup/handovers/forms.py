"""Forms for handovers (B6): input checks only; policy is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.handovers.rules import CANCEL_REASON_MAX, REASON_MAX
from joinedup.organisations.models import Practitioner
from joinedup.teams.forms import PractitionerChoiceField


class StartForm(forms.Form):
    to_practitioner = PractitionerChoiceField(
        queryset=Practitioner.objects.none(),
        label="Who will take over",
        empty_label="Choose a practitioner",
        error_messages={"required": "Select who will take over", "invalid_choice": "Select someone from the list"},
    )
    reason = forms.CharField(
        label="Why this person is right for the child",
        widget=forms.Textarea,
        max_length=REASON_MAX,
        help_text="The child's needs and preferences, who they know. Not only that they do the same job.",
        error_messages={"required": "Enter why this person is right for the child"},
    )
    old_leaves_team = forms.BooleanField(
        label="The person handing over leaves the child's team when the handover completes", required=False
    )

    def __init__(self, *args: Any, choices: QuerySet[Practitioner], radios: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_practitioner"]
        field.queryset = choices  # type: ignore[attr-defined]  # ModelChoiceField
        if radios:
            field.widget = forms.RadioSelect(choices=field.choices)  # type: ignore[attr-defined]  # ModelChoiceField
            field.empty_label = None  # type: ignore[attr-defined]  # ModelChoiceField


class ReadForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have read the handover summary",
        error_messages={"required": "Confirm you have read the handover summary"},
    )


class CompleteForm(forms.Form):
    """Nothing to enter: the page shows what will move; the button confirms."""


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why the handover is cancelled",
        widget=forms.Textarea,
        max_length=CANCEL_REASON_MAX,
        error_messages={"required": "Enter why the handover is cancelled"},
    )
