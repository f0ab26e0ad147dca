"""Load the default closure reasons and retention periods (docs/rules/CLOSURE.md explains each).

Data, not code: an administrator changes a label, a period or switches a reason off in the
database; this migration only seeds a new installation. Reversing removes the defaults unless a
closure already uses them (PROTECT).
"""

import uuid

from django.db import migrations

# code, label, retention from, years
DEFAULTS = [
    ("MOVED_AREA", "The family moved to another area", "DATE_OF_BIRTH", 25),
    ("NOT_NEEDED", "No longer needs the service", "DATE_OF_BIRTH", 25),
    ("NOT_WANTED", "Family circumstances changed and the service is not wanted", "DATE_OF_BIRTH", 25),
    ("TURNED_18", "Turned 18: moves to adult services", "DATE_OF_BIRTH", 25),
    ("DIED", "The child died", "CLOSURE", 15),
    ("OTHER", "Another reason (say why in the closing summary)", "DATE_OF_BIRTH", 25),
]


def load(apps, schema_editor):
    ClosureReason = apps.get_model("closure", "ClosureReason")
    for position, (code, label, retention_from, years) in enumerate(DEFAULTS, start=1):
        ClosureReason.objects.get_or_create(
            code=code,
            defaults={
                "id": uuid.uuid4(),
                "label": label,
                "retention_from": retention_from,
                "retention_years": years,
                "active": True,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    ClosureReason = apps.get_model("closure", "ClosureReason")
    ClosureReason.objects.filter(code__in=[code for code, *_ in DEFAULTS], closures__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("closure", "0001_closure_reasons_and_closures"),
    ]

    operations = [migrations.RunPython(load, unload)]
