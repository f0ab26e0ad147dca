"""Forms for the child's record: input checks only, GOV.UK error wording. Policy is in rules.py."""

from __future__ import annotations

from django import forms

from joinedup.people.choices import EhcPlanStatus, LegalStatus, Need, WrittenBy
from joinedup.ui.fields import GovDateField


def _text(label: str, hint: str = "", max_length: int = 5000) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        widget=forms.Textarea,
        max_length=max_length,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


def nhs_number_field() -> forms.CharField:
    """An optional NHS number, typed with or without spaces; rules.py checks the check digit (A1)."""
    return forms.CharField(
        label="NHS number (optional)", required=False, max_length=14, help_text="10 digits, for example 943 476 5919"
    )


def needs_field() -> forms.MultipleChoiceField:
    """Disabilities and needs from the CwDT 1.2 list; never a diagnosis (NG213 1.17.3)."""
    return forms.MultipleChoiceField(
        label="Disabilities and needs",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A diagnosis is not needed for any of these",
    )


class VersionedForm(forms.Form):
    """Carries the version the editor started from, so a later save by someone else is caught (G5)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AllAboutMeForm(VersionedForm):
    about_me = _text("About me", "In the child's own words where possible")
    what_matters_to_me = _text("What matters to me")
    life_goals = _text("My life goals")
    ambitions = _text("My ambitions")
    likes = _text("Things I like")
    dislikes = _text("Things I do not like")
    how_to_support_me = _text("How best to support me")
    written_by = forms.ChoiceField(
        label="Who wrote this",
        choices=WrittenBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who wrote this"},
    )


class CommunicationProfileForm(VersionedForm):
    how_i_communicate = _text("How I communicate", "For example: Makaton signs, pointing, eye gaze, some words")
    communication_aids = _text("Communication aids I use", "For example: a communication book, a tablet app")
    what_works = _text("What works well")
    what_to_avoid = _text("What to avoid")


class ChildDetailsForm(VersionedForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the child's first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the child's last name"}
    )
    preferred_name = forms.CharField(label="Known as (optional)", max_length=100, required=False)
    date_of_birth = GovDateField(label="Date of birth", help_text="For example, 27 3 2015")
    nhs_number = nhs_number_field()
    local_id = forms.CharField(label="Local ID", max_length=30, error_messages={"required": "Enter the local ID"})
    address = forms.CharField(label="Address (optional)", required=False, widget=forms.Textarea, max_length=500)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    needs = needs_field()
    ehc_plan_status = forms.ChoiceField(
        label="EHC plan",
        choices=EhcPlanStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the EHC plan status"},
    )
    legal_status = forms.ChoiceField(
        label="Legal status",
        choices=LegalStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the legal status"},
    )
    school_or_setting = forms.CharField(label="School or setting (optional)", required=False, max_length=200)
    diagnosis = forms.CharField(
        label="Diagnosis (optional)",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text="Never required: support follows need, not diagnosis",
    )
    is_young_carer = forms.BooleanField(label="This child is a young carer", required=False)
    young_carer_referred_on = GovDateField(label="Referred to the young carers service on (optional)", required=False)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, date of birth or NHS number",
        max_length=100,
        error_messages={"required": "Enter a name, date of birth or NHS number"},
    )
