"""Transfer forms: input checks only; which steps are allowed is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.allocation.models import Hub
from joinedup.transfers.choices import TransferStep
from joinedup.ui.fields import GovDateField


class ProposeTransferForm(forms.Form):
    to_hub = forms.ModelChoiceField(
        queryset=Hub.objects.none(),
        label="Move to",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the hub the child should move to"},
    )
    reason = forms.CharField(
        label="Why the child should move hub",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: risk has reduced and the plan is stable (CIN review of 3 March)",
        error_messages={"required": "Enter why the child should move hub"},
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_hub"].queryset = hubs  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["to_hub"].label_from_instance = lambda h: h.team.name  # type: ignore[attr-defined]


class StepForm(forms.Form):
    step = forms.ChoiceField(
        label="What has happened", widget=forms.RadioSelect, error_messages={"required": "Select what has happened"}
    )
    on = GovDateField(label="Date (for a timescale, telling the family, or introductions)", required=False)
    note = forms.CharField(label="Note or reason", widget=forms.Textarea, max_length=2000, required=False)

    def __init__(self, *args: Any, steps: list[TransferStep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.value, s.label) for s in steps]  # type: ignore[attr-defined]
