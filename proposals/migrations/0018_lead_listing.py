"""Each deputy's led items in the deputy home's order, from one index on the items (PostgreSQL).

The home page lists a deputy's items newest session year first. The year is the session's, so an index on
the item's session could not give that order: the page read all of a deputy's led items to keep the first
21. The items gain their session's year (``list_year``), kept by triggers: on a new item or a changed
session, and on a session whose year changes; two indexes read the led items, and those awaiting a rating,
in the page's order. Other databases keep the table as it was and join the sessions instead.
"""

from django.db import migrations, models

FORWARDS = """
ALTER TABLE proposals_proposal ADD COLUMN IF NOT EXISTS list_year integer;

CREATE OR REPLACE FUNCTION proposals_proposal_list_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.list_year := (SELECT s.year FROM deputies_session s WHERE s.id = NEW.session_id);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS proposals_proposal_list_year ON proposals_proposal;
CREATE TRIGGER proposals_proposal_list_year BEFORE INSERT OR UPDATE OF session_id, list_year
    ON proposals_proposal FOR EACH ROW EXECUTE FUNCTION proposals_proposal_list_year();

CREATE OR REPLACE FUNCTION proposals_proposal_follow_session_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE proposals_proposal SET list_year = NEW.year WHERE session_id = NEW.id;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS proposals_proposal_follow_session_year ON deputies_session;
CREATE TRIGGER proposals_proposal_follow_session_year AFTER UPDATE OF year ON deputies_session
    FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year)
    EXECUTE FUNCTION proposals_proposal_follow_session_year();

UPDATE proposals_proposal p SET list_year = s.year
  FROM deputies_session s
 WHERE s.id = p.session_id AND p.list_year IS DISTINCT FROM s.year;

CREATE INDEX IF NOT EXISTS proposal_lead_year_listing
    ON proposals_proposal (lead_deputy_id, list_year DESC, submitted_on DESC NULLS FIRST, id DESC);
CREATE INDEX IF NOT EXISTS proposal_lead_year_to_rate
    ON proposals_proposal (lead_deputy_id, list_year DESC, submitted_on DESC NULLS FIRST, id DESC)
    WHERE state = 'replied';
ANALYZE proposals_proposal;
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS proposals_proposal_follow_session_year ON deputies_session;
DROP TRIGGER IF EXISTS proposals_proposal_list_year ON proposals_proposal;
DROP FUNCTION IF EXISTS proposals_proposal_follow_session_year();
DROP FUNCTION IF EXISTS proposals_proposal_list_year();
DROP INDEX IF EXISTS proposal_lead_year_to_rate;
DROP INDEX IF EXISTS proposal_lead_year_listing;
ALTER TABLE proposals_proposal DROP COLUMN IF EXISTS list_year;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [
        ("deputies", "0001_initial"),
        ("proposals", "0017_office_list_index"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.CreateModel(
            name="LeadListing",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("list_year", models.IntegerField(null=True)),
                ("submitted_on", models.DateField(null=True)),
                ("state", models.CharField(max_length=20)),
                (
                    "lead_deputy",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                    ),
                ),
            ],
            options={
                "verbose_name": "领衔代表的件（排序用）",
                "db_table": "proposals_proposal",
                "managed": False,
            },
        ),
    ]
