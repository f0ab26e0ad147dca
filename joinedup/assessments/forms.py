"""Assessment and Resource Panel forms: input checks only; what each must record is in rules.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.assessments.choices import CarersOutcome, PackageKind, PanelOutcome, TransitionsAfter
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer
from joinedup.teams.forms import PractitionerChoiceField
from joinedup.ui.fields import GovDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
MONTHS = [("6", "6 months"), ("12", "12 months")]
EXAMPLE_DATE = "For example, 27 11 2026"


def _yes_no(label: str, required: str, *, optional: bool = False, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=not optional,
        help_text=help_text,
        error_messages={"required": required},
    )


def _answer(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _text(label: str, required: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=8000,
        help_text=help_text,
        error_messages={"required": required},
    )


def _person(label: str, required: str, help_text: str = "") -> PractitionerChoiceField:
    return PractitionerChoiceField(
        label=label,
        queryset=Practitioner.objects.none(),
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required, "invalid_choice": required},
    )


def _money(label: str, required: str, *, optional: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=not optional,
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=help_text,
        widget=forms.TextInput(),
        error_messages={
            "required": required,
            "invalid": f"{label} must be an amount in pounds, like 1200 or 1200.50",
            "min_value": f"{label} must be more than £0",
            "max_digits": f"{label} must be less than £10,000,000",
            "max_whole_digits": f"{label} must be less than £10,000,000",
            "max_decimal_places": f"{label} must be in pounds and pence, like 1200.50",
        },
    )


def _months() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="When is it reviewed next?",
        choices=MONTHS,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="As agreed with the carer: 6 months or 12 months (CwDT 7.3.1)",
        error_messages={"required": "Select 6 months or 12 months"},
    )


def _with_people(form: forms.Form, name: str, people: QuerySet[Practitioner]) -> None:
    form.fields[name].queryset = people  # type: ignore[attr-defined]  # a ModelChoiceField


class StartSingleAssessmentForm(forms.Form):
    social_worker = _person(
        "Social worker doing the assessment",
        "Select the social worker doing the assessment",
        "Single assessments are only done by social workers. The social workers in the child's team are listed.",
    )
    started_on = GovDateField(label="Date started", help_text=EXAMPLE_DATE)

    def __init__(self, *args: Any, social_workers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_people(self, "social_worker", social_workers)


class CompleteSingleAssessmentForm(forms.Form):
    completed_on = GovDateField(label="Date completed", help_text=EXAMPLE_DATE)
    outcome = _text(
        "What the assessment found",
        "Enter what the assessment found",
        "The child's and family's needs, and what support is recommended",
        rows=6,
    )
    carers_offered = _yes_no(
        "Were the parents and carers offered a carers assessment?",
        "Select yes if a carers assessment was offered",
        help_text="Every carer is told of their right to a carers assessment during the single assessment",
    )
    carers_taken_up = _yes_no(
        "Do they want a carers assessment?", "Select yes if they want a carers assessment", optional=True
    )

    def clean_carers_offered(self) -> bool | None:
        return _answer(self.cleaned_data.get("carers_offered"))

    def clean_carers_taken_up(self) -> bool | None:
        return _answer(self.cleaned_data.get("carers_taken_up"))


class CarerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class CarersAssessmentForm(forms.Form):
    carer = CarerChoiceField(
        label="Which parent or carer was assessed?",
        queryset=Carer.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the parent or carer", "invalid_choice": "Select the parent or carer"},
    )
    assessor = _person(
        "Who did the assessment",
        "Select who did the assessment",
        "A family support worker or a social worker in the child's team",
    )
    assessed_on = GovDateField(label="Date of the assessment", help_text=EXAMPLE_DATE)
    outcomes = forms.MultipleChoiceField(
        label="Outcomes",
        choices=CarersOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Select at least one outcome", "invalid_choice": "Select outcomes from the list"},
    )
    notes = _text(
        "The carer's needs and what was agreed",
        "Enter the carer's needs and what was agreed",
        "For example, which services they were signposted to, or the respite or small financial package agreed",
        rows=6,
    )
    review_months = _months()

    def __init__(self, *args: Any, carers: QuerySet[Carer], assessors: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers  # type: ignore[attr-defined]  # a ModelChoiceField
        _with_people(self, "assessor", assessors)


class CarersReviewForm(forms.Form):
    reviewer = _person("Who did the review", "Select who did the review", "A family support worker or a social worker")
    reviewed_on = GovDateField(label="Date of the review", help_text=EXAMPLE_DATE)
    notes = _text(
        "What has changed",
        "Enter what has changed and whether the support still meets the carer's needs",
        "And whether the support still meets the carer's needs",
    )
    review_months = _months()

    def __init__(self, *args: Any, reviewers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_people(self, "reviewer", reviewers)


class TransitionsForm(forms.Form):
    worker = _person(
        "Who did the assessment",
        "Select the allocated or assigned worker",
        "The child's allocated or assigned worker, for continuity (CwDT 7.3.2)",
    )
    after = forms.ChoiceField(
        label="What did it follow?",
        choices=TransitionsAfter.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it followed an enhanced review or an updating single assessment"},
    )
    assessed_on = GovDateField(label="Date of the assessment", help_text=EXAMPLE_DATE)
    transitional_needs = _text(
        "Transitional needs",
        "Enter the transitional needs of the young person and their family",
        "Towards employment, independent living, good health, and friends, relationships and community",
        rows=6,
    )
    referral_made_on = GovDateField(
        label="Date of the referral to adult social care (optional)",
        required=False,
        help_text="Leave empty if the referral has not been made yet. It is due by the 16th birthday.",
    )

    def __init__(self, *args: Any, workers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_people(self, "worker", workers)


class ReferralForm(forms.Form):
    referral_made_on = GovDateField(label="Date of the referral to adult social care", help_text=EXAMPLE_DATE)


class PackageForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of package?",
        choices=PackageKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select direct payments or short breaks"},
    )
    asked = _text(
        "What the package would provide",
        "Enter what the package would provide",
        "For example, 6 hours a week of a personal assistant, or 2 overnight short breaks a month",
    )
    amount = _money("Amount a year", "Enter the amount a year", help_text="In pounds, for example 4800")
    overnight_respite = _yes_no(
        "Does it include overnight respite?",
        "Select yes if it includes overnight respite",
        help_text="Overnight respite is considered in a completed single assessment and agreed at the Resource Panel",
    )

    def clean_overnight_respite(self) -> bool:
        return bool(_answer(self.cleaned_data.get("overnight_respite")))


class PackageChangeForm(forms.Form):
    asked = _text(
        "What the revised package would provide",
        "Enter what the package would provide",
        "The whole package, as revised",
    )
    amount = _money("New amount a year", "Enter the new amount a year", help_text="The whole amount, in pounds")
    adds_overnight = _yes_no(
        "Does the change add overnight respite?", "Select yes if the change adds overnight respite"
    )
    reviewed_on = GovDateField(
        label="Date of the review that identified the change (for a small increase)",
        required=False,
        help_text="A small increase is identified at a review. A larger change needs an updated single assessment.",
    )

    def __init__(self, *args: Any, has_overnight: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_overnight:
            del self.fields["adds_overnight"]

    def clean_adds_overnight(self) -> bool:
        return bool(_answer(self.cleaned_data.get("adds_overnight")))


class PanelDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What did the panel decide?",
        choices=PanelOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the panel decided"},
    )
    amount_approved = _money(
        "Amount approved a year",
        "Enter the amount a year the panel approved",
        optional=True,
        help_text="Only if approved: no more than was asked for",
    )
    decided_on = GovDateField(label="Date of the decision", help_text=EXAMPLE_DATE)
    reason = forms.CharField(
        label="Reasons (required if declined or deferred)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        required=False,
    )
