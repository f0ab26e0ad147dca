"""EHC needs assessment forms: input checks only; what each step needs is in rules and services."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from joinedup.ehc.choices import AdviceSection, Decision, RequestedBy
from joinedup.organisations.models import Practitioner
from joinedup.plans.models import Outcome, Plan
from joinedup.ui.fields import GovDateField

NOT_RECORDED = "NONE"


def _text(label: str, *, required: bool = False, help_text: str = "", message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=required,
        help_text=help_text,
        error_messages={"required": message or f"Enter {label.lower()}"},
    )


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    field.choices = choices


def _date(label: str) -> GovDateField:
    return GovDateField(label=label, help_text="For example, 27 3 2026")


class RequestForm(forms.Form):
    requested_on = _date("Date the request was received")
    requested_by = forms.ChoiceField(
        label="Who asked for the assessment?",
        choices=RequestedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for the assessment"},
    )
    note = _text("Notes about the request (optional)")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What was decided?",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child will be assessed"},
    )
    decided_on = _date("Date of the decision")
    reason = _text(
        "Reasons",
        help_text="Needed if the child will not be assessed: the family is told why, and that they can appeal",
    )


class AdviceRequestForm(forms.Form):
    practitioner = forms.ChoiceField(
        label="Who are you asking for advice?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who you are asking for advice",
            "invalid_choice": "Select someone in the child's team: advice is asked of the child's team",
        },
    )
    requested_on = _date("Date advice was asked for")
    sections = forms.MultipleChoiceField(
        label="Which sections of the EHC plan does this advice feed?",
        choices=AdviceSection.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The practitioner sees these beside the request, so they know how their advice is used",
        error_messages={"required": "Select which sections of the EHC plan the advice feeds"},
    )
    outcomes = forms.MultipleChoiceField(
        label="Which outcomes of the EHC plan does it feed? (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select outcomes from the child's EHC plan"},
    )
    question = _text("What the advice should cover (optional)")

    def __init__(
        self, *args: Any, practitioners: Sequence[Practitioner], outcomes: Sequence[Outcome], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = [
            (str(p.pk), f"{p.full_name}, {p.get_job_role_display()} ({p.organisation.name})") for p in practitioners
        ]
        _set_choices(self, "practitioner", people)
        if outcomes:
            _set_choices(self, "outcomes", [(str(o.pk), o.text) for o in outcomes])
        else:
            del self.fields["outcomes"]


class AdviceReceivedForm(forms.Form):
    received_on = _date("Date the advice was received")


class DraftForm(forms.Form):
    issued_on = _date("Date the draft plan was sent to the family")


class FinalForm(forms.Form):
    issued_on = _date("Date the final plan was issued")
    plan = forms.ChoiceField(
        label="Which EHC plan in Plans is the final plan?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the EHC plan, or that it is not in Plans yet"},
    )

    def __init__(self, *args: Any, plans: Sequence[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not plans:
            del self.fields["plan"]
            return
        started = [
            (str(p.pk), f"EHC plan started {p.start_date:%-d %B %Y} ({p.get_status_display().lower()})") for p in plans
        ]
        _set_choices(self, "plan", [*started, (NOT_RECORDED, "It is not in Plans yet")])


class StopForm(forms.Form):
    stopped_on = _date("Date the assessment stopped")
    reason = _text("Why is it stopping?", required=True, message="Enter why the assessment is stopping")
