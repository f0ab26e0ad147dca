"""Finding a record's audit trail by its local ID (administrators see no names)."""

from django import forms


class AuditLookupForm(forms.Form):
    local_id = forms.CharField(
        label="Local ID of the record",
        max_length=30,
        help_text="For example, NS000123. It is on letters and on the child's page.",
        error_messages={"required": "Enter the local ID of the record"},
    )
