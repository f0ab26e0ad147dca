"""Triggers that name a child in ``duties_factchange`` whenever a fact the duty rules read changes.

The rules read (``duties.facts``): the child's date of birth, holding team and created date; the hub
holding the case and its cadence; allocations; completed transfers; cadence agreements; duties
done; carers assessments, their reviews and the carers still linked; current plans; key worker
assignments; levels of key working support; team memberships and the members' job roles. A row
inserted, deleted or changed in any of those names its child, so the nightly sweep reads only
those children (issue 6). A hub's cadence names every child it holds; a practitioner's job role,
every child whose team they are in. Changes that cannot alter a duty are left out where that is
cheap to tell: an open or cancelled duty (the sweep's own writes), a child's other details.

Triggers, not application code, so that a change made by any path (a service, a bulk update, a
data fix in SQL) is seen. On both databases: the tests run on SQLite and PostgreSQL.
"""

from django.db import migrations

# (table, the child ids a row names, as a SELECT over the row {R}; when a change matters, or None)
SOURCES = [
    ("allocation_allocation", "SELECT {R}.child_id", None),
    ("transfers_transfer", "SELECT {R}.child_id", None),
    ("duties_cadenceagreement", "SELECT {R}.child_id", None),
    ("duties_duty", "SELECT {R}.child_id", "{R}.status = 'DONE'"),
    ("assessments_carersassessment", "SELECT {R}.child_id", None),
    (
        "assessments_carersassessmentreview",
        "SELECT child_id FROM assessments_carersassessment WHERE id = {R}.assessment_id",
        None,
    ),
    ("people_carerlink", "SELECT {R}.child_id", None),
    ("plans_plan", "SELECT {R}.child_id", None),
    ("teams_keyworkerassignment", "SELECT {R}.child_id", None),
    ("teams_keyworkingsupport", "SELECT {R}.child_id", None),
    ("teams_teammembership", "SELECT {R}.child_id", None),
    ("people_child", "SELECT {R}.id", None),
    ("allocation_hub", "SELECT id FROM people_child WHERE holding_team_id = {R}.team_id", None),
    (
        "organisations_practitioner",
        "SELECT child_id FROM teams_teammembership WHERE practitioner_id = {R}.id AND end_date IS NULL",
        None,
    ),
]
# Tables where only some columns are facts: an UPDATE matters only when one of them changes (and an
# INSERT or DELETE not at all for a practitioner: they have no team membership yet, or none left).
FACT_COLUMNS = {
    "people_child": ("date_of_birth", "holding_team_id", "created_at"),
    "allocation_hub": ("team_id", "code", "cin_review_days", "visit_days"),
    "organisations_practitioner": ("job_role",),
}
UPDATE_ONLY = {"organisations_practitioner"}
INSERT = "INSERT INTO duties_factchange (child_id) "


def _triggers(distinct: str):  # type: ignore[no-untyped-def]
    """(name, event, WHEN condition or None, body statement) for every trigger, in a database's
    words for "differs, nulls included" (``distinct``)."""
    for table, select, when in SOURCES:
        events = ["UPDATE"] if table in UPDATE_ONLY else ["INSERT", "DELETE", "UPDATE"]
        for event in events:
            name = f"duties_fact_{table}_{event.lower()}"
            if event == "INSERT":
                yield name, table, event, when and when.format(R="NEW"), INSERT + select.format(R="NEW")
            elif event == "DELETE":
                yield name, table, event, when and when.format(R="OLD"), INSERT + select.format(R="OLD")
            else:
                conditions = []
                if when:
                    conditions.append(f"({when.format(R='OLD')} OR {when.format(R='NEW')})")
                if table in FACT_COLUMNS:
                    changed = " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in FACT_COLUMNS[table])
                    conditions.append(f"({changed})")
                body = INSERT + select.format(R="OLD") + " UNION " + select.format(R="NEW")
                yield name, table, event, " AND ".join(conditions) or None, body


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, table, event, when, body in _triggers("IS DISTINCT FROM" if postgres else "IS NOT"):
        condition = f"WHEN ({when})" if when else ""
        if postgres:
            schema_editor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN {body}; RETURN NULL; END; $$ LANGUAGE plpgsql"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {condition} EXECUTE FUNCTION {name}()"
            )
        else:
            schema_editor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {condition} BEGIN {body}; END"
            )


def reverse(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, table, *_ in _triggers("IS DISTINCT FROM" if postgres else "IS NOT"):
        if postgres:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("duties", "0003_fact_changes_and_sweep_runs"),
        ("allocation", "0002_hub_version_and_positive_settings"),
        ("assessments", "0001_assessments_and_resource_panel"),
        ("organisations", "0001_initial"),
        ("people", "0002_child_name_trigram"),
        ("plans", "0001_plans_outcomes_actions_changes"),
        ("teams", "0002_key_worker_preferences_and_support_level"),
        ("transfers", "0001_transfer_list"),
    ]
    operations = [migrations.RunPython(forward, reverse)]
