"""Forms for plans: input checks only, GOV.UK error wording. What a plan must say is in rules.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.organisations.models import Practitioner
from joinedup.plans import rules
from joinedup.plans.choices import EhcSection, EhcService, FrequencyUnit, PfaArea, PlanKind
from joinedup.teams.forms import PractitionerChoiceField
from joinedup.ui.fields import GovDateField

# Common frequencies, offered as one choice each: "<count>-<unit>".
FREQUENCIES = [
    ("1-DAY", "Every day"),
    ("1-WEEK", "Every week"),
    ("2-WEEK", "Every 2 weeks"),
    ("3-WEEK", "Every 3 weeks"),
    ("4-WEEK", "Every 4 weeks"),
    ("6-WEEK", "Every 6 weeks"),
    ("1-MONTH", "Every month"),
    ("3-MONTH", "Every 3 months"),
    ("6-MONTH", "Every 6 months"),
    ("1-YEAR", "Every year"),
]


def frequency_value(count: int | None, unit: str) -> str:
    return f"{count}-{unit}" if count is not None and unit else ""


def _radios(label: str, choices: Any, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class PlanChangeForm(forms.Form):
    """Every change to a plan may name the review or meeting that agreed it (C6); those two
    optional fields come last."""

    made_at_text = forms.CharField(
        label="Review or meeting that agreed this (optional)",
        required=False,
        max_length=200,
        help_text="For example: child in need review, core group meeting, EHC plan annual review",
        error_messages={"max_length": "The review or meeting must be 200 characters or fewer"},
    )
    made_at_date = GovDateField(label="Date of the review or meeting (optional)", required=False)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.order_fields([name for name in self.fields if not name.startswith("made_at")])

    def clean_made_at_date(self) -> date | None:
        on: date | None = self.cleaned_data.get("made_at_date")
        for v in rules.made_at_violations(made_at_date=on, today=self.today):
            raise forms.ValidationError(v.message)
        return on


class PlanForm(PlanChangeForm):
    kind = _radios("What kind of plan", PlanKind.choices, "Select what kind of plan this is")
    start_date = GovDateField(label="Start date", help_text="For example, 27 3 2026")
    review_date = GovDateField(
        label="Review date (optional)", required=False, help_text="When the plan will next be reviewed"
    )


class OutcomeForm(PlanChangeForm):
    """An outcome; in an EHC plan also its section and service, in a PfA plan its area."""

    text = forms.CharField(
        label="Outcome",
        widget=forms.Textarea,
        max_length=2000,
        help_text="What will be different for the child, in words the family would use. "
        "For example: Sam sleeps through the night at least 5 nights a week",
        error_messages={"required": "Enter the outcome", "max_length": "The outcome must be 2000 characters or fewer"},
    )
    ehc_section = _radios("Section of the EHC plan", EhcSection.choices, rules.SELECT_SECTION)
    ehc_service = _radios("Service", EhcService.choices, rules.SELECT_SERVICE)
    pfa_area = _radios("Preparing for Adulthood area", PfaArea.choices, rules.SELECT_PFA_AREA)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, kind: str, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind != PlanKind.EHC:
            del self.fields["ehc_section"], self.fields["ehc_service"]
        else:
            self.fields["text"].label = "What the plan says"
            self.fields["text"].help_text = "A need, an outcome, or the provision that meets it"
            self.fields["text"].error_messages["required"] = "Enter what the plan says"
        if kind != PlanKind.PREPARING_FOR_ADULTHOOD:
            del self.fields["pfa_area"]
        if editing:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def place(self) -> dict[str, str]:
        """The outcome's words and place in the plan, as the service takes them."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "ehc_section": data.get("ehc_section", ""),
            "ehc_service": data.get("ehc_service", ""),
            "pfa_area": data.get("pfa_area", ""),
        }


class ActionForm(PlanChangeForm):
    what = forms.CharField(
        label="Action",
        widget=forms.Textarea,
        max_length=2000,
        help_text="What will be done. For example: Book two nights of overnight short breaks each month",
        error_messages={
            "required": "Enter what will be done",
            "max_length": "The action must be 2000 characters or fewer",
        },
    )
    responsible_practitioner = PractitionerChoiceField(
        label="Practitioner responsible (optional)",
        queryset=Practitioner.objects.none(),
        required=False,
        empty_label="Not a practitioner",
        help_text="Someone in the child's team",
        error_messages={"invalid_choice": "Select someone in the child's team"},
    )
    responsible_other = forms.CharField(
        label="Or someone in the family (optional)",
        required=False,
        max_length=200,
        help_text="For example: Mum, Dad, or Sam themselves",
        error_messages={"max_length": "Who in the family must be 200 characters or fewer"},
    )
    target_date = GovDateField(
        label="Target date (optional)", required=False, help_text="Give a target date, how often, or both"
    )
    frequency = forms.ChoiceField(
        label="How often (optional)",
        choices=[("", "Not a regular action"), *FREQUENCIES],
        required=False,
        error_messages={"invalid_choice": "Select how often from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args: Any, practitioners: QuerySet[Practitioner], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_practitioner"].queryset = practitioners  # type: ignore[attr-defined]  # ModelChoiceField
        saved = self.initial.get("frequency", "")
        if saved and saved not in dict(FREQUENCIES):  # a frequency recorded some other way stays choosable
            count, unit = saved.split("-")
            recorded = (saved, f"Every {count} {FrequencyUnit(unit).label}s")
            choices = [("", "Not a regular action"), *FREQUENCIES, recorded]
            self.fields["frequency"].choices = choices  # type: ignore[attr-defined]  # ChoiceField
        if editing:
            self.fields["version"].required = True
        else:
            del self.fields["version"]

    def frequency_parts(self) -> tuple[int | None, str]:
        value: str = self.cleaned_data.get("frequency") or ""
        if not value:
            return None, ""
        count, unit = value.split("-")
        return int(count), unit


class CompleteActionForm(PlanChangeForm):
    done_on = GovDateField(label="Date it was done", help_text="For example, 27 3 2026")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MakeCurrentForm(PlanChangeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RemoveOutcomeForm(PlanChangeForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EndPlanForm(PlanChangeForm):
    ended_on = GovDateField(label="Date the plan ended", help_text="For example, 27 3 2026")
    reason = forms.CharField(
        label="Why the plan is ending",
        widget=forms.Textarea,
        max_length=2000,
        help_text="For example: replaced by a new plan agreed at the review, or the case is closing",
        error_messages={
            "required": "Enter why the plan is ending",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
