"""Indexes for finding deputies by a fragment of their name on PostgreSQL (see ``proposals/text_search.py``).

The workbench's search matches lead deputies and co-signers with ``icontains``
(``UPPER(name::text) LIKE UPPER('%x%')``): a pg_trgm GIN index on exactly that expression answers
fragments of three characters or more, and one on the name with every character written three times
answers fragments of one or two (a surname, most given names). SQLite has no such indexes: nothing is
done there.
"""

from django.db import migrations

INDEXES = {
    "deputy_name_trgm": "ON deputies_deputy USING gin (UPPER(name::text) gin_trgm_ops)",
    "deputy_name_tripled": (
        r"ON deputies_deputy USING gin (REGEXP_REPLACE(UPPER(name::text), '(.)', '\1\1\1', 'g') gin_trgm_ops)"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}", params=None)
    # The planner's statistics on the indexed expressions, without which it guesses how many deputies match.
    schema_editor.execute("ANALYZE deputies_deputy", params=None)


def drop_indexes(apps, schema_editor):
    """The extension stays: other indexes (the items' titles) may still use it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
