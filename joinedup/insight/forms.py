"""The month picker of the monthly performance page."""

from __future__ import annotations

from typing import Any

from django import forms


class MonthForm(forms.Form):
    month = forms.ChoiceField(label="Month", choices=[])

    def __init__(self, *args: Any, months: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = months  # type: ignore[attr-defined]  # a ChoiceField
