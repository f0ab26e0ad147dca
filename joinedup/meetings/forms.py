"""Meeting forms: input checks only; what a meeting must have is in rules.py."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet

from joinedup.meetings import rules
from joinedup.meetings.choices import InviteeResponse
from joinedup.meetings.models import Invitee
from joinedup.meetings.services import AgreedAction
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer, Child
from joinedup.plans.models import Outcome
from joinedup.ui.errors import add_violations
from joinedup.ui.fields import GovDateField

LONDON = ZoneInfo("Europe/London")
ACTION_SLOTS = 3
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class _PersonChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Practitioner):
            return f"{obj.full_name}, {obj.organisation.name}"
        return str(obj.full_name)


class _OutcomeChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.get_kind_display()}: {obj.text[:80]}"


class _OwnerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}, {obj.organisation.name}"


class WhenWhereForm(forms.Form):
    """The time and place of a meeting: shared by scheduling and moving it."""

    starts_on = GovDateField(label="Date of the meeting", help_text="For example, 27 3 2027")
    starts_time = forms.CharField(
        label="Start time",
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the start time"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    place = forms.CharField(
        label="Place (optional if there is a video link)",
        max_length=300,
        required=False,
        help_text="For example: Riverside Children's Centre, room 2",
    )
    video_link = forms.URLField(
        label="Video link (optional if there is a place)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a video link that starts with https://"},
    )

    def clean_starts_time(self) -> time:
        match = _TIME.match(self.cleaned_data["starts_time"].strip())
        if match is None:
            raise forms.ValidationError("Enter the start time in the 24-hour clock, for example 14:30")
        return time(int(match.group(1)), int(match.group(2)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("starts_time") is not None:
            data["starts_at"] = datetime.combine(data["starts_on"], data["starts_time"], tzinfo=LONDON)
        return data


class ScheduleForm(WhenWhereForm):
    title = forms.CharField(
        label="What the meeting is for",
        max_length=200,
        help_text="For example: Team around the child meeting",
        error_messages={"required": "Enter what the meeting is for"},
    )
    agenda = forms.CharField(
        label="Agenda", widget=forms.Textarea, max_length=8000, error_messages={"required": "Enter the agenda"}
    )
    arrangements = forms.CharField(
        label="Accessible arrangements (optional)",
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text="For example: an interpreter, step-free access, communication aids, a quiet room",
    )
    practitioners = _PersonChoice(
        label="Practitioners to invite",
        queryset=Practitioner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Everyone in the child's team, from every service",
    )
    carers = _PersonChoice(
        label="Parents and carers to invite",
        queryset=Carer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    young_person = forms.BooleanField(label="Invite the child or young person", required=False)

    field_order = [
        "title",
        "starts_on",
        "starts_time",
        "place",
        "video_link",
        "agenda",
        "arrangements",
        "practitioners",
        "carers",
        "young_person",
    ]

    def __init__(
        self, *args: Any, practitioners: QuerySet[Practitioner], carers: QuerySet[Carer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practitioners"].queryset = practitioners  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        self.fields["carers"].queryset = carers  # type: ignore[attr-defined]  # ModelMultipleChoiceField


class MoveForm(WhenWhereForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why the meeting is cancelled",
        widget=forms.Textarea,
        max_length=500,
        help_text="Everyone invited is told",
        error_messages={"required": "Enter why the meeting is cancelled"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label="Minutes",
        widget=forms.Textarea,
        max_length=20000,
        help_text="Who came, what was discussed and what was decided",
        error_messages={"required": "Enter the minutes of the meeting"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, outcomes: QuerySet[Outcome], owners: QuerySet[Practitioner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ACTION_SLOTS + 1):
            self.fields[f"action_{n}_what"] = forms.CharField(
                label=f"Action {n} (optional): what was agreed", max_length=1000, required=False
            )
            self.fields[f"action_{n}_outcome"] = _OutcomeChoice(
                label=f"Action {n}: the plan outcome it works towards",
                queryset=outcomes,
                required=False,
                empty_label="Select an outcome",
            )
            self.fields[f"action_{n}_owner"] = _OwnerChoice(
                label=f"Action {n}: who is responsible", queryset=owners, required=False, empty_label="Select a person"
            )
            self.fields[f"action_{n}_target_date"] = GovDateField(
                label=f"Action {n}: target date", required=False, help_text="For example, 27 3 2027"
            )

    def clean(self) -> dict[str, Any]:
        """B5-MEETING-ACTION on the rows typed; the complete ones become ``actions``."""
        data = super().clean() or {}
        rows, actions = [], []
        for n in range(1, ACTION_SLOTS + 1):
            what = str(data.get(f"action_{n}_what") or "").strip()
            outcome, owner = data.get(f"action_{n}_outcome"), data.get(f"action_{n}_owner")
            target = data.get(f"action_{n}_target_date")
            if f"action_{n}_target_date" in self.errors:
                continue  # an unreadable date is already an error on its field
            rows.append(rules.ActionRow(n, bool(what), outcome is not None, owner is not None, target is not None))
            if what and outcome is not None and owner is not None and target is not None:
                actions.append(AgreedAction(outcome=outcome, what=what, owner=owner, target_date=target))
        add_violations(self, rules.action_violations(actions=rows))
        data["actions"] = actions
        return data


def invitee_name(invitee: Invitee, child: Child) -> str:
    if invitee.practitioner is not None:
        return f"{invitee.practitioner.full_name}, {invitee.practitioner.organisation.name}"
    if invitee.carer is not None:
        return f"{invitee.carer.full_name} (parent or carer)"
    return f"{child.full_name} (the child or young person)"


class ResponsesForm(forms.Form):
    """One question per invitee: how they answered."""

    def __init__(self, *args: Any, invitees: list[Invitee], child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in invitees:
            self.fields[f"response_{i.pk}"] = forms.ChoiceField(
                label=invitee_name(i, child),
                choices=InviteeResponse.choices,
                initial=i.response,
                widget=forms.RadioSelect,
                error_messages={"required": "Select how they replied", "invalid_choice": "Select how they replied"},
            )
        self.invitees = invitees

    def responses(self) -> dict[UUID, str]:
        return {i.pk: self.cleaned_data[f"response_{i.pk}"] for i in self.invitees}
