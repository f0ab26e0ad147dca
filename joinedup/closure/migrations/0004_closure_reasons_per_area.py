"""Give every area its own copy of the closure reasons, so each area's administrators edit their own.

Until now one list served the whole installation. Each existing area gets a copy of every reason as
it stands (edits kept), and its past closures point at its own copy: nothing about a past closure
changes, least of all the retention date it was given. The shared rows are then removed. An area
created later gets the defaults the first time its reasons are needed (`load_default_reasons`).

Reversing merges the copies back into one list, keeping the first area's wording and periods.
"""

import uuid

from django.db import migrations

COPIED = ("code", "label", "retention_from", "retention_years", "active", "position")


def split(apps, schema_editor):
    Area = apps.get_model("organisations", "Area")
    ClosureReason = apps.get_model("closure", "ClosureReason")
    Closure = apps.get_model("closure", "Closure")
    shared = list(ClosureReason.objects.filter(area__isnull=True).order_by("position", "code"))
    for area in Area.objects.order_by("name"):
        for reason in shared:
            copy = ClosureReason.objects.create(
                id=uuid.uuid4(), area=area, version=0, **{name: getattr(reason, name) for name in COPIED}
            )
            Closure.objects.filter(reason=reason, child__area=area).update(reason=copy)
    ClosureReason.objects.filter(area__isnull=True, closures__isnull=True).delete()


def merge(apps, schema_editor):
    ClosureReason = apps.get_model("closure", "ClosureReason")
    Closure = apps.get_model("closure", "Closure")
    codes = ClosureReason.objects.order_by().values_list("code", flat=True).distinct()
    for code in list(codes):
        rows = list(ClosureReason.objects.filter(code=code).order_by("area__name", "id"))
        keep, others = rows[0], rows[1:]
        Closure.objects.filter(reason__in=others).update(reason=keep)
        ClosureReason.objects.filter(pk__in=[r.pk for r in others]).delete()
        ClosureReason.objects.filter(pk=keep.pk).update(area=None)


class Migration(migrations.Migration):

    dependencies = [
        ("closure", "0003_closure_reason_area_and_version"),
    ]

    operations = [migrations.RunPython(split, merge)]
