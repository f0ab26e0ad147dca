"""Referral and criterion forms: input checks only; what a referral and a decision need is in rules.py."""

from __future__ import annotations

from django import forms

from joinedup.people.choices import Need, SiblingKind
from joinedup.people.forms import needs_field, nhs_number_field
from joinedup.referrals.choices import Decision, ReferralSource
from joinedup.ui.fields import GovDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


class ReferralForm(forms.Form):
    source = forms.ChoiceField(
        label="Who referred the child",
        choices=ReferralSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who referred the child"},
    )
    received_on = GovDateField(label="Date the referral was received", help_text="For example, 27 3 2026")
    given_name = forms.CharField(
        label="Child's first name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    family_name = forms.CharField(
        label="Child's last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovDateField(label="Child's date of birth", help_text="For example, 27 3 2015")
    nhs_number = nhs_number_field()
    needs = needs_field()
    severe = forms.ChoiceField(
        label="Is the disability severe or profound?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the disability is severe or profound"},
    )
    reason = forms.CharField(
        label="Why the child is referred",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter why the child is referred"},
    )
    sibling_local_id = forms.CharField(
        label="Local ID of a brother or sister already known (optional)",
        max_length=30,
        required=False,
        help_text=(
            "One family, one social worker: the team is responsible for all siblings of a child it holds, "
            "whatever their own needs"
        ),
    )
    sibling_kind = forms.ChoiceField(
        label="How they are related",
        choices=SiblingKind.choices,
        initial=SiblingKind.FULL,
        widget=forms.RadioSelect,
        required=False,
    )

    def clean_sibling_kind(self) -> str:
        return str(self.cleaned_data.get("sibling_kind") or SiblingKind.FULL)

    def clean_severe(self) -> bool:
        return bool(self.cleaned_data["severe"] == "yes")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the referral is accepted"},
    )
    reason = forms.CharField(
        label="Reason (needed if not accepted)",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        help_text="For example: signpost to the area team",
    )
    local_id = forms.CharField(
        label="Local ID for the child's record (optional)",
        max_length=30,
        required=False,
        help_text="Leave blank to have one made, starting with R",
    )


class CriterionForm(forms.Form):
    text = forms.CharField(
        label="Criterion", max_length=300, widget=forms.Textarea, error_messages={"required": "Enter the criterion"}
    )
    needs = forms.MultipleChoiceField(
        label="Needs it covers",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A referral meets the criterion when it names one of these and the disability is severe or profound",
    )
    active = forms.ChoiceField(
        label="Is this criterion used for decisions?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this criterion is used for decisions"},
    )

    def clean_active(self) -> bool:
        return bool(self.cleaned_data["active"] == "yes")
