"""The audit trail's child column loses its own index: (child, at) serves every look-up by child.

On SQLite, altering a foreign key rebuilds the table, which drops its triggers: the append-only
trigger of 0002 is made again afterwards (PostgreSQL alters in place and keeps it).
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_APPEND_ONLY = """
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""


def append_only_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_break_glass"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="child",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to="people.child",
            ),
        ),
        migrations.RunPython(append_only_again, migrations.RunPython.noop),
    ]
