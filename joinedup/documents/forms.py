"""The form to share a letter or update: input checks only; what a share needs is in rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet

from joinedup.documents import rules
from joinedup.documents.choices import DocumentKind
from joinedup.organisations.models import Practitioner
from joinedup.people.models import Carer


class _PersonChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]  # stubs' generic default
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Practitioner):
            return f"{obj.full_name}, {obj.organisation.name}"
        return f"{obj.full_name} (parent or carer)"


class ShareForm(forms.Form):
    """Most checks are the rules' (B5-SHARE-CONTENT, B5-UPLOAD-*, B5-SHARE-TOLD), so one press shows
    every error at once; the file field allows an empty file so the rules can say so in GOV.UK words."""

    kind = forms.ChoiceField(
        label="What are you sharing?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are sharing", "invalid_choice": "Select what you are sharing"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        required=False,
        help_text="For example: Letter from the epilepsy clinic after the March appointment",
    )
    file = forms.FileField(
        label="Upload the letter or report (not needed for a written update)",
        required=False,
        allow_empty_file=True,
        max_length=None,
        widget=forms.FileInput,
        error_messages={"invalid": "Select a file", "missing": "Select a file"},
    )
    text = forms.CharField(
        label="The update, or a note about the letter",
        widget=forms.Textarea,
        max_length=20000,
        required=False,
        help_text="Needed for a written update. Everyone you tell can read it.",
    )
    practitioners = _PersonChoice(
        label="Practitioners to tell",
        queryset=Practitioner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Everyone in the child's team, from every service",
    )
    carers = _PersonChoice(
        label="Parents and carers to tell",
        queryset=Carer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Those with a joinedup account: they can read it in their family view",
    )

    def __init__(
        self, *args: Any, practitioners: QuerySet[Practitioner], carers: QuerySet[Carer], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practitioners"].queryset = practitioners  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        self.fields["carers"].queryset = carers  # type: ignore[attr-defined]  # ModelMultipleChoiceField
        largest = rules.megabytes(settings.JOINEDUP_DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = f"A PDF, Word document (DOCX), JPG, PNG or text file, smaller than {largest}"
        if not carers.exists():
            del self.fields["carers"]
