"""A trigram index on the core of each title (关于……的建议 removed) for the similar-items look-up.

Built concurrently on PostgreSQL, so a large table stays writable while it is built; nothing on SQLite.
The expression is ``similar.selectors.CORE_TITLE_SQL``: keep both in step.
"""

from django.db import migrations

EXPRESSION = (
    "REGEXP_REPLACE(REGEXP_REPLACE(UPPER(title::text), '^(关于|对于)', ''), '(的|之)?(建议|议案|意见|提案)$', '')"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    schema_editor.execute(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS proposal_core_title_trgm "
        f"ON proposals_proposal USING gin (({EXPRESSION}) gin_trgm_ops)",
        params=None,
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS proposal_core_title_trgm", params=None)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("similar", "0001_initial"),
        ("proposals", "0004_text_search_indexes"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
