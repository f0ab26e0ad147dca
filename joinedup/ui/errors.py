"""Show a service's refusal on the form that asked for the change."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from joinedup.core.rules import Violation


def add_violations(form: forms.BaseForm, violations: Iterable[Violation]) -> None:
    """Each broken rule becomes an error on its field, or on the whole form if it has none."""
    for v in violations:
        form.add_error(v.field if v.field in form.fields else None, v.message)
