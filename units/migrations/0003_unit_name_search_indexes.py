"""Indexes for finding units by any part of their name, short name or aliases on PostgreSQL.

The unit pickers match with ``text_contains`` (see ``proposals/text_search.py``): a pg_trgm GIN index
on ``UPPER(col::text)`` answers fragments of three characters or more, one on the text with every
character written three times answers fragments of one or two (消防, 住建). SQLite has no such indexes.
"""

from django.db import migrations

COLUMNS = ("name", "short_name", "aliases")
INDEXES = {
    **{f"unit_{c}_trgm": f"ON units_unit USING gin (UPPER({c}::text) gin_trgm_ops)" for c in COLUMNS},
    **{
        f"unit_{c}_tripled": rf"ON units_unit USING gin (REGEXP_REPLACE(UPPER({c}::text), '(.)', '\1\1\1', 'g') gin_trgm_ops)"
        for c in COLUMNS
    },
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}", params=None)
    schema_editor.execute("ANALYZE units_unit", params=None)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0002_unit_short_name_aliases"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
