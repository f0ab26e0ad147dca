"""Disagreement and shared knowledge forms: input shape only; what is needed is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.disagreements.choices import KnowledgeCategory
from joinedup.disagreements.rules import PartyInput

PARTY_SLOTS = 4


class LogDisagreementForm(forms.Form):
    issue = forms.CharField(
        label="What is the disagreement about",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        help_text="A plan, a service, a decision: what the team or the family cannot agree on",
    )

    def __init__(self, *args: Any, party_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, PARTY_SLOTS + 1):
            self.fields[f"party_{slot}_who"] = forms.ChoiceField(
                label=f"Party {slot}: who",
                choices=[("", "Choose a person"), *party_choices],
                required=False,
                help_text="At least two parties" if slot == 1 else "",
            )
            self.fields[f"party_{slot}_wants"] = forms.CharField(
                label=f"Party {slot}: what they want", widget=forms.Textarea, max_length=2000, required=False
            )

    def parties(self) -> list[PartyInput]:
        return [
            PartyInput(
                slot=slot,
                who=self.cleaned_data.get(f"party_{slot}_who") or "",
                wants=self.cleaned_data.get(f"party_{slot}_wants") or "",
            )
            for slot in range(1, PARTY_SLOTS + 1)
        ]


class EscalateDisagreementForm(forms.Form):
    note = forms.CharField(
        label="Why could it not be resolved at this level",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )


class ResolveDisagreementForm(forms.Form):
    resolution = forms.CharField(
        label="How was the disagreement resolved",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        help_text="What was agreed, and what happens next",
    )


class ShareKnowledgeForm(forms.Form):
    category = forms.ChoiceField(
        label="What kind of knowledge is this",
        choices=KnowledgeCategory.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    title = forms.CharField(label="Title", max_length=120, required=False)
    text = forms.CharField(
        label="What you want the team to know", widget=forms.Textarea, max_length=8000, required=False
    )
    link = forms.CharField(
        label="Link (optional)",
        max_length=500,
        required=False,
        help_text="For example, to the guidance or the organisation's website",
    )
    tell_team = forms.BooleanField(label="Tell the rest of the child's team", required=False, initial=True)
