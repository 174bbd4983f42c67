"""Indexes for the workbench's text search on PostgreSQL (see ``proposals/text_search.py``).

``icontains`` reads ``UPPER(col::text) LIKE UPPER('%x%')``; a pg_trgm GIN index on exactly that expression
answers fragments of three characters or more, and one on the text with every character written three
times answers fragments of one or two. The number is matched with ``iexact`` (``UPPER(number::text) = UPPER('x')``).
SQLite (the embedded default) has no such indexes: nothing is done there.
"""

from django.db import migrations

INDEXES = {
    "proposal_number_upper": "ON proposals_proposal (UPPER(number::text))",
    "proposal_title_trgm": "ON proposals_proposal USING gin (UPPER(title::text) gin_trgm_ops)",
    "proposal_title_tripled": (
        r"ON proposals_proposal USING gin (REGEXP_REPLACE(UPPER(title::text), '(.)', '\1\1\1', 'g') gin_trgm_ops)"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}", params=None)
    # The planner's statistics on the indexed expressions, without which it guesses how many items match.
    schema_editor.execute("ANALYZE proposals_proposal", params=None)


def drop_indexes(apps, schema_editor):
    """The extension stays: other indexes (the deputies' names) may still use it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_assignment_unit_open_due"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
