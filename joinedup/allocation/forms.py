"""The allocation screen's forms (the child's facts, then hub, worker and relationship) and a hub's settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from joinedup.allocation import rules
from joinedup.allocation.choices import HubCode, RespiteFunding, RiskTier, WorkerRelationship
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
    review_interval_days = forms.TypedChoiceField(
        label="How often the child in need plan is reviewed (Review & Intervention)",
        choices=[],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="Set when a Review & Intervention worker is allocated: every 6 or 12 months",
    )

    def __init__(
        self, *args: Any, hubs: QuerySet[Hub], workers: QuerySet[Practitioner], hub: Hub | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        options = list(hub.review_interval_options) if hub is not None else []
        if options:
            self.fields["review_interval_days"].choices = [  # type: ignore[attr-defined]  # a ChoiceField
                (days, f"Every {round(days / 30.4)} months") for days in options
            ]
        else:
            del self.fields["review_interval_days"]
        self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]  # ModelChoiceField
        self.fields["hub"].label_from_instance = lambda h: h.team.name  # type: ignore[attr-defined]
        self.fields["practitioner"].queryset = workers  # type: ignore[attr-defined]
        self.fields["practitioner"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.full_name}, {p.get_job_role_display()}"
        )


def _whole_number(label: str, *, hint: str, missing: str, example: str) -> forms.IntegerField:
    """A whole number typed into a text box (GOV.UK: not type=number); rules.py checks the range."""
    return forms.IntegerField(
        label=label,
        help_text=hint,
        widget=forms.TextInput,
        error_messages={"required": missing, "invalid": f"{label} must be a whole number, like {example}"},
    )


class HubSettingsForm(forms.Form):
    """A hub's configuration (C2, C4, C5). Input shape only: the limits are rules (C2-HUB-CONFIG, C5-CADENCE)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    tier = forms.CharField(
        label="Threshold tier",
        max_length=100,
        help_text="As the threshold for services describes the hub's children, for example Tier 3 to 4",
        error_messages={
            "required": "Enter the threshold tier",
            "max_length": "Threshold tier must be 100 characters or fewer",
        },
    )
    worker_roles = forms.MultipleChoiceField(
        label="Job roles that work in this hub",
        choices=[(r.value, r.label) for r in rules.HUB_WORKER_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Only workers with these job roles are offered on the allocation screen for this hub",
        error_messages={"invalid_choice": "Select job roles from the list"},
    )
    default_capacity = _whole_number(
        "Default caseload capacity",
        hint="The most children a worker holds, unless their own capacity is set. The model says up to 50",
        missing="Enter the default caseload capacity",
        example="50",
    )
    cin_review_days = _whole_number(
        "Days between child in need plan reviews",
        hint="At most. For example 42 for every 6 weeks, 91 for every 3 months",
        missing="Enter how often child in need plans are reviewed",
        example="42",
    )
    review_interval_options = forms.CharField(
        label="Review intervals a manager chooses from at allocation, in days",
        max_length=100,
        help_text="Whole days separated by commas, for example 182, 365 for every 6 or 12 months",
        error_messages={"required": "Enter at least one review interval"},
    )
    visit_days = _whole_number(
        "Days between visits to the child",
        hint="At most. For example 42 for at least every 6 weeks, 182 for at least every 6 months",
        missing="Enter how often the child is visited",
        example="42",
    )

    def __init__(self, *args: Any, code: HubCode, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # R&I chooses each child's review interval at allocation (CwDT 5.2); the others review on a fixed cadence.
        del self.fields["cin_review_days" if code in rules.REVIEW_SET_AT_ALLOCATION else "review_interval_options"]

    def clean_review_interval_options(self) -> tuple[int, ...]:
        parts = [p.strip() for p in self.cleaned_data["review_interval_options"].replace(" ", ",").split(",")]
        try:
            return tuple(int(p) for p in parts if p)
        except ValueError:
            raise forms.ValidationError(
                "Enter review intervals as whole numbers of days separated by commas, like 182, 365"
            ) from None

    def settings(self) -> rules.HubSettings:
        data = self.cleaned_data
        return rules.HubSettings(
            tier=data["tier"],
            worker_roles=tuple(data["worker_roles"]),
            default_capacity=data["default_capacity"],
            cin_review_days=data.get("cin_review_days"),
            review_interval_options=data.get("review_interval_options", ()),
            visit_days=data["visit_days"],
        )
