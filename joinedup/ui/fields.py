"""GOV.UK form fields for Django forms: a date in three boxes, with GOV.UK error wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes named ``<name>-day`` etc., as govukDateInput expects."""

    def __init__(self) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "-day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "-month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "-year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets)
        # Django would name them "<name>_-day"; GOV.UK's date input posts "<name>-day".
        self.widgets_names = list(widgets)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    """A date typed as day, month and year. Messages follow the GOV.UK date input pattern."""

    widget = DateInputWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        parts = [str(v).strip() if v is not None else "" for v in (value or ["", "", ""])]
        name = str(self.label or "Date")
        if not any(parts):
            if self.required:
                raise forms.ValidationError(f"Enter {name[0].lower() + name[1:]}", code="required")
            return None
        missing = [unit for unit, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{name} must include a {' and a '.join(missing)}", code="incomplete")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1000:
                raise ValueError
            result = date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{name} must be a real date", code="invalid") from None
        self.run_validators(result)
        return result

    def compress(self, data_list: list[Any]) -> Any:  # clean() above does the work
        return data_list
