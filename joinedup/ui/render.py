"""Turn Django bound fields into GOV.UK Frontend macro parameters, in one place (ADR 0003)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from joinedup.ui.fields import DateInputWidget


def _error(bf: BoundField) -> dict[str, str] | None:
    return {"text": str(bf.errors[0])} if bf.errors else None


def _hint(bf: BoundField) -> dict[str, str] | None:
    return {"text": str(bf.help_text)} if bf.help_text else None


def _choices(bf: BoundField) -> list[tuple[Any, Any]]:
    return list(getattr(bf.field, "choices", []))


def field_params(bf: BoundField, **extra: Any) -> dict[str, Any]:
    """Parameters for the GOV.UK component that fits this field, under key ``component``."""
    widget = bf.field.widget
    label_classes = extra.pop("label_classes", "govuk-label--s")
    base: dict[str, Any] = {
        "id": bf.auto_id or bf.html_name,
        "name": bf.html_name,
        "hint": _hint(bf),
        "errorMessage": _error(bf),
    }
    legend = {"text": str(bf.label), "classes": label_classes.replace("label", "fieldset__legend")}
    if isinstance(widget, DateInputWidget):
        values = bf.value()
        if not isinstance(values, list | tuple):
            values = widget.decompress(values)
        items = [
            {
                "name": unit,
                "label": unit.capitalize(),
                "value": v or "",
                "classes": ("govuk-input--width-4" if unit == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if bf.errors else ""),
            }
            for unit, v in zip(("day", "month", "year"), values, strict=True)
        ]
        params = {
            "component": "date",
            "id": base["id"],
            "namePrefix": bf.html_name,
            "items": items,
            "hint": base["hint"],
            "errorMessage": base["errorMessage"],
            "fieldset": {"legend": legend},
        }
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        chosen = {str(v) for v in (bf.value() or [])}
        params = {
            **base,
            "component": "checkboxes",
            "idPrefix": base["id"],
            "fieldset": {"legend": legend},
            "items": [{"value": v, "text": str(t), "checked": str(v) in chosen} for v, t in _choices(bf)],
        }
    elif isinstance(widget, forms.RadioSelect):
        chosen_value = "" if bf.value() is None else str(bf.value())
        params = {
            **base,
            "component": "radios",
            "idPrefix": base["id"],
            "fieldset": {"legend": legend},
            "items": [
                {"value": v, "text": str(t), "checked": str(v) == chosen_value} for v, t in _choices(bf) if v != ""
            ],
        }
    elif isinstance(widget, forms.CheckboxInput):
        params = {
            **base,
            "component": "checkboxes",
            "idPrefix": base["id"],
            "items": [{"value": "on", "text": str(bf.label), "checked": bool(bf.value())}],
        }
    elif isinstance(widget, forms.Select):
        chosen_value = "" if bf.value() is None else str(bf.value())
        params = {
            **base,
            "component": "select",
            "label": {"text": str(bf.label), "classes": label_classes},
            "items": [{"value": v, "text": str(t), "selected": str(v) == chosen_value} for v, t in _choices(bf)],
        }
    elif isinstance(widget, forms.Textarea):
        params = {
            **base,
            "component": "textarea",
            "value": bf.value() or "",
            "rows": 4,
            "label": {"text": str(bf.label), "classes": label_classes},
        }
    elif isinstance(widget, forms.FileInput):  # never pre-filled: a browser cannot be given a file back
        params = {**base, "component": "file", "label": {"text": str(bf.label), "classes": label_classes}}
    elif isinstance(widget, forms.HiddenInput):
        params = {"component": "hidden", "name": bf.html_name, "value": "" if bf.value() is None else bf.value()}
    else:
        params = {
            **base,
            "component": "input",
            "value": "" if bf.value() is None else bf.value(),
            "label": {"text": str(bf.label), "classes": label_classes},
            "type": getattr(widget, "input_type", "text"),
        }
    params.update(extra)
    return params


def error_summary_params(form: forms.BaseForm) -> dict[str, Any] | None:
    """The GOV.UK error summary: every error, linked to its field, in the order of the form."""
    if not form.is_bound or not form.errors:
        return None
    items = [{"text": str(e)} for e in form.non_field_errors()]
    for name in form.fields:
        bf = form[name]
        for error in bf.errors:
            anchor = bf.auto_id or name
            if isinstance(bf.field.widget, DateInputWidget):
                anchor = f"{anchor}-day"
            items.append({"text": str(error), "href": f"#{anchor}"})
    return {"titleText": "There is a problem", "errorList": items}
