"""Escalation and family support forms: input checks only; what is allowed is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.escalations.choices import DisagreementParty, EscalationKind, EscalationOutcome, RequestStep
from joinedup.organisations.models import Practitioner
from joinedup.ui.fields import GovDateField

TIME_LIMITED = {"YES": True, "NO": False, "NOT_KNOWN": None}


class RaiseEscalationForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you raising",
        choices=EscalationKind.choices,
        widget=forms.RadioSelect,
        help_text="A safeguarding concern goes to the Safeguarding & Support duty team manager; "
        "a change in need goes to the manager of the hub holding the case",
        error_messages={"required": "Select whether this is a change in need or a safeguarding concern"},
    )
    what_has_changed = forms.CharField(
        label="What has changed",
        widget=forms.Textarea,
        max_length=4000,
        help_text="What you saw or were told, when, and by whom",
        error_messages={"required": "Enter what has changed"},
    )
    is_time_limited = forms.ChoiceField(
        label="Is the increased need time limited",
        choices=[
            ("YES", "Yes: it is expected to pass"),
            ("NO", "No: it is not time limited"),
            ("NOT_KNOWN", "Not known yet"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the increased need is time limited"},
    )

    def clean_is_time_limited(self) -> bool | None:
        return TIME_LIMITED[self.cleaned_data["is_time_limited"]]


class DecideEscalationForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What happens next",
        choices=EscalationOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happens next"},
    )
    assessment_worker = forms.ModelChoiceField(
        queryset=Practitioner.objects.none(),
        label="Social worker for the section 47 enquiry or updated single assessment",
        required=False,
        empty_label="Select a social worker",
    )
    joint_working_until = GovDateField(
        label="Date joint working ends", required=False, help_text="For joint working. For example, 27 3 2027"
    )
    outcome_note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        help_text="Needed when nothing changes: say why",
    )

    def __init__(self, *args: Any, social_workers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment_worker"].queryset = social_workers  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["assessment_worker"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]


class RequestFamilySupportForm(forms.Form):
    what_family_needs = forms.CharField(
        label="Exactly what support the family needs",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter exactly what support the family needs"},
    )
    proposed_work = forms.CharField(
        label="The piece of work you propose to meet the need",
        widget=forms.Textarea,
        max_length=4000,
        help_text="For example: direct work with the child, parenting support, supervising family contact",
        error_messages={"required": "Enter the piece of work proposed to meet the need"},
    )
    agreed_by_manager = forms.BooleanField(
        label="The responsible team manager agrees to this request",
        required=False,  # the rule says why it is needed (C9-REQUEST)
    )


class ConsiderRequestForm(forms.Form):
    step = forms.ChoiceField(
        label="What has been decided",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what has been decided"},
    )
    worker = forms.ModelChoiceField(
        queryset=Practitioner.objects.none(),
        label="Family support worker to attach",
        required=False,
        empty_label="Select a family support worker",
    )
    alternative = forms.CharField(
        label="The other way of meeting the need, agreed with the referring team manager",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )
    escalation_note = forms.CharField(
        label="Why it is escalated to the operations manager", widget=forms.Textarea, max_length=4000, required=False
    )

    def __init__(self, *args: Any, steps: list[RequestStep], workers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s.value, s.label) for s in steps]  # type: ignore[attr-defined]
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["worker"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]


class DisagreeForm(forms.Form):
    party = forms.ChoiceField(
        label="Who disagrees with the decision",
        choices=[
            (DisagreementParty.TEAM_MANAGERS, "I do, as a team manager"),
            (DisagreementParty.FAMILY, "The family"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who disagrees"},
    )
    reason = forms.CharField(
        label="Why they disagree",
        widget=forms.Textarea,
        max_length=4000,
        required=False,  # the rule says why it is needed (C8-DISAGREEMENT)
        help_text="What the disagreement is about, and what should happen instead",
    )


class FinalDecisionForm(DecideEscalationForm):
    """The operations manager's final decision: any outcome, with reasons (C8-FINAL-DECISION)."""

    outcome = forms.ChoiceField(
        label="What is the final decision",
        choices=EscalationOutcome.choices,
        widget=forms.RadioSelect,
        help_text="Choose the team manager's outcome for their decision to stand, or another to replace it",
        error_messages={"required": "Select the final decision"},
    )
    outcome_note = forms.CharField(
        label="Reasons for the final decision",
        widget=forms.Textarea,
        max_length=4000,
        required=False,  # the rule says why it is needed (C8-FINAL-DECISION)
        help_text="The managers involved and the person who raised it are told",
    )
