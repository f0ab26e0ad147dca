"""Moving area forms: input checks only; what a move must have is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.moves.choices import ContactKind, MoveOutcome
from joinedup.organisations.models import Area, Practitioner
from joinedup.ui.fields import GovDateField


class _AreaChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class _PractitionerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}, {obj.get_job_role_display()}, {obj.organisation.name}"


class PlanForm(forms.Form):
    to_area = _AreaChoice(
        queryset=Area.objects.none(),
        required=False,
        label="Area in joinedup the family is moving to (if it uses joinedup)",
        empty_label="It does not use joinedup",
    )
    to_area_name = forms.CharField(
        label="Local authority the family is moving to (if it does not use joinedup)",
        max_length=200,
        required=False,
        help_text="For example: Westshire County Council",
    )
    new_address = forms.CharField(label="New address (if known)", widget=forms.Textarea, required=False)
    new_postcode = forms.CharField(
        label="New postcode (if known)",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    moving_on = GovDateField(label="When the family expects to move", help_text="For example, 27 3 2027")

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_area"].queryset = areas  # type: ignore[attr-defined]  # a ModelChoiceField


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="Who is this?",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who this is"},
    )
    practitioner = _PractitionerChoice(
        queryset=Practitioner.objects.none(),
        required=False,
        label="Practitioner in the new area",
        empty_label="Choose a practitioner",
    )
    name = forms.CharField(label="Name", max_length=200, required=False)
    role = forms.CharField(label="Role (optional)", max_length=200, required=False)
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def __init__(self, *args: Any, practitioners: QuerySet[Practitioner] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if practitioners is None:  # the new area does not use joinedup: everyone is named
            del self.fields["practitioner"]
        else:
            self.fields["practitioner"].queryset = practitioners  # type: ignore[attr-defined]  # a ModelChoiceField
            self.fields[
                "practitioner"
            ].help_text = "For a practitioner in the new area. Leave blank for an equipment provider."
            self.fields["name"].label = "Name (for an equipment provider)"


class SendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CompleteForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happens to the record?",
        choices=MoveOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to close or transfer the record"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        max_length=2000,
        help_text="Recorded with the closure or the transfer, for example: the family moved on 3 May",
        error_messages={"required": "Enter the reason"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, can_transfer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_transfer:
            self.fields["outcome"].choices = [(MoveOutcome.CLOSED.value, MoveOutcome.CLOSED.label)]  # type: ignore[attr-defined]
            self.fields["outcome"].help_text = "The new area does not use joinedup, so the record is closed"
