"""The allocation screen's forms: the facts of the child, then the hub, worker and relationship."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.allocation.choices import RespiteFunding, RiskTier, WorkerRelationship
from joinedup.allocation.models import Hub
from joinedup.organisations.models import Practitioner

FACT_FIELDS = (
    "risk_tier",
    "section_47_open",
    "single_assessment_needed",
    "child_protection_plan",
    "looked_after_or_edge_of_care",
    "complex_needs_beyond_disability",
    "overnight_respite",
    "stable_support_package",
    "change_in_need_not_time_limited",
)


class ChildFactsForm(forms.Form):
    """What the manager knows about the child's situation; the rules turn it into a suggestion."""

    risk_tier = forms.ChoiceField(
        label="Risk",
        choices=RiskTier.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of risk"},
    )
    section_47_open = forms.BooleanField(label="A section 47 enquiry is open", required=False)
    single_assessment_needed = forms.BooleanField(
        label="A single assessment (initial or updated) is needed", required=False
    )
    child_protection_plan = forms.BooleanField(
        label="On a child protection plan, or at risk of needing one", required=False
    )
    looked_after_or_edge_of_care = forms.BooleanField(label="Looked after, or on the edge of care", required=False)
    complex_needs_beyond_disability = forms.BooleanField(
        label="Needs beyond those that come from the child's disability", required=False
    )
    overnight_respite = forms.ChoiceField(
        label="Overnight respite",
        choices=RespiteFunding.choices,
        widget=forms.RadioSelect,
        initial=RespiteFunding.NONE,
        error_messages={"required": "Select whether there is overnight respite"},
    )
    stable_support_package = forms.BooleanField(
        label="A stable support package the family manage well (for example direct payments)", required=False
    )
    change_in_need_not_time_limited = forms.BooleanField(
        label="Need has increased and it is not time limited", required=False
    )


class AllocateForm(forms.Form):
    hub = forms.ModelChoiceField(
        queryset=Hub.objects.none(), label="Hub", empty_label=None, error_messages={"required": "Select a hub"}
    )
    practitioner = forms.ModelChoiceField(
        queryset=Practitioner.objects.none(),
        label="Worker",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a worker", "invalid_choice": "Select a worker from the list"},
    )
    relationship = forms.ChoiceField(
        label="How they work with the child",
        choices=WorkerRelationship.choices,
        widget=forms.RadioSelect,
        initial=WorkerRelationship.ALLOCATED,
        error_messages={"required": "Select how they will work with the child"},
    )
    over_capacity_reason = forms.CharField(
        label="Reason for allocating beyond capacity (operations or service managers only)",
        required=False,
        widget=forms.Textarea,
        max_length=1000,
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], workers: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["hub"].label_from_instance = lambda h: h.team.name  # type: ignore[attr-defined]
        self.fields["practitioner"].queryset = workers  # type: ignore[attr-defined]
        self.fields["practitioner"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.full_name}, {p.get_job_role_display()}"
        )
