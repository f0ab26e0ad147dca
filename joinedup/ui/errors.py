"""Show a service's refusal on the form that asked for the change."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from joinedup.core.rules import Violation


def add_violations(
    form: forms.BaseForm, violations: Iterable[Violation], *, fields: dict[str, str] | None = None
) -> None:
    """Each broken rule becomes an error on its field, or on the whole form if it has none.

    ``fields`` maps a rule's field name to the form's where they differ.
    """
    for v in violations:
        name = (fields or {}).get(v.field or "", v.field)
        form.add_error(name if name in form.fields else None, v.message)
