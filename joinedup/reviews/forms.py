"""Visit and review forms: input checks only; what a visit and a review must record is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.allocation.models import Hub
from joinedup.reviews.choices import SeenAlone, Step
from joinedup.ui.fields import GovDateField

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, required: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required},
    )


def _text(label: str, required: str, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=8000,
        help_text=help_text,
        error_messages={"required": required},
    )


class VisitForm(forms.Form):
    visited_on = GovDateField(label="Date of the visit", help_text="For example, 27 11 2026")
    seen = _yes_no("Was the child seen?", "Select yes if the child was seen")
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=SeenAlone.choices,
        widget=forms.RadioSelect,
        help_text="Where it is right for the child, and they can say what they want to",
        error_messages={"required": "Select whether the child was seen alone"},
    )
    notes = _text("What happened", "Enter what happened on the visit", rows=6)

    def clean_seen(self) -> bool:
        return bool(self.cleaned_data["seen"] == "yes")


class CinReviewForm(forms.Form):
    held_on = GovDateField(label="Date of the review", help_text="For example, 27 11 2026")
    attendees = _text("Who took part", "Enter who took part", "One per line, with their role", rows=4)
    child_views = _text(
        "What the child or young person said",
        "Enter what the child said",
        "In their words, or how their views were gathered: through their communication aid, or what was observed",
    )
    family_views = _text("What the family said", "Enter what the family said")
    decisions = _text("What was decided", "Enter what was decided", rows=6)
    plan_still_smart = _yes_no(
        "Is the plan still SMART?",
        "Select yes if the plan is still SMART",
        "Every outcome has actions, each with who does it and by when",
    )
    carers_assessment_offered = _yes_no(
        "Was a carers assessment offered?",
        "Select yes if a carers assessment was offered",
        "Carers are told at every review that they can have one (CwDT 7.3.1)",
    )
    carers_taken_up = forms.ChoiceField(
        label="Did they want a carers assessment?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    combined_with_ehc_review = forms.BooleanField(label="Held together with the EHC plan review", required=False)
    step = forms.ChoiceField(
        label="Which hub should hold the case?",
        choices=Step.choices,
        widget=forms.RadioSelect,
        initial=Step.STAY,
        error_messages={"required": "Select whether the case stays in this hub"},
    )
    to_hub = forms.ModelChoiceField(
        label="Hub to move to (for a step up or down)",
        queryset=Hub.objects.none(),
        required=False,
        empty_label="Not moving",
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_hub"].queryset = hubs  # type: ignore[attr-defined]  # a ModelChoiceField
        self.fields["to_hub"].label_from_instance = lambda hub: hub.team.name  # type: ignore[attr-defined]

    def clean_plan_still_smart(self) -> bool:
        return bool(self.cleaned_data["plan_still_smart"] == "yes")

    def clean_carers_assessment_offered(self) -> bool:
        return bool(self.cleaned_data["carers_assessment_offered"] == "yes")

    def clean_carers_taken_up(self) -> bool | None:
        answer = self.cleaned_data.get("carers_taken_up")
        return None if not answer else answer == "yes"
