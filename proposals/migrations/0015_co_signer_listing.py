"""Each co-signer's items in the deputy home's order, from one index on the link table (PostgreSQL).

The link table gains the linked item's session year, submission date and whether the co-signer sees it
(``listed``: submitted and not led by them). Triggers keep them: on a new or changed link, on an item whose
session, date, lead or draft state changes, and on a session whose year changes. Other databases keep the
table as it was and read the items instead (see ``deputies.selectors``).
"""

from django.db import migrations, models

FORWARDS = """
ALTER TABLE proposals_proposal_co_signers
    ADD COLUMN IF NOT EXISTS list_year integer,
    ADD COLUMN IF NOT EXISTS list_submitted date,
    ADD COLUMN IF NOT EXISTS listed boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION proposals_co_signer_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT s.year, p.submitted_on, (p.state <> 'draft' AND p.lead_deputy_id <> NEW.deputy_id)
      INTO NEW.list_year, NEW.list_submitted, NEW.listed
      FROM proposals_proposal p LEFT JOIN deputies_session s ON s.id = p.session_id
     WHERE p.id = NEW.proposal_id;
    NEW.listed := coalesce(NEW.listed, false);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS proposals_co_signer_fill ON proposals_proposal_co_signers;
CREATE TRIGGER proposals_co_signer_fill BEFORE INSERT OR UPDATE OF proposal_id, deputy_id
    ON proposals_proposal_co_signers FOR EACH ROW EXECUTE FUNCTION proposals_co_signer_fill();

CREATE OR REPLACE FUNCTION proposals_co_signer_follow_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE proposals_proposal_co_signers c
       SET list_year = (SELECT s.year FROM deputies_session s WHERE s.id = NEW.session_id),
           list_submitted = NEW.submitted_on,
           listed = (NEW.state <> 'draft' AND NEW.lead_deputy_id <> c.deputy_id)
     WHERE c.proposal_id = NEW.id;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS proposals_co_signer_follow_item ON proposals_proposal;
CREATE TRIGGER proposals_co_signer_follow_item AFTER UPDATE OF session_id, submitted_on, state, lead_deputy_id
    ON proposals_proposal FOR EACH ROW
    WHEN (OLD.session_id IS DISTINCT FROM NEW.session_id
          OR OLD.submitted_on IS DISTINCT FROM NEW.submitted_on
          OR OLD.lead_deputy_id IS DISTINCT FROM NEW.lead_deputy_id
          OR (OLD.state = 'draft') IS DISTINCT FROM (NEW.state = 'draft'))
    EXECUTE FUNCTION proposals_co_signer_follow_item();

CREATE OR REPLACE FUNCTION proposals_co_signer_follow_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE proposals_proposal_co_signers c SET list_year = NEW.year
      FROM proposals_proposal p
     WHERE p.session_id = NEW.id AND c.proposal_id = p.id;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS proposals_co_signer_follow_session ON deputies_session;
CREATE TRIGGER proposals_co_signer_follow_session AFTER UPDATE OF year ON deputies_session
    FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year)
    EXECUTE FUNCTION proposals_co_signer_follow_session();

UPDATE proposals_proposal_co_signers c
   SET list_year = s.year,
       list_submitted = p.submitted_on,
       listed = (p.state <> 'draft' AND p.lead_deputy_id <> c.deputy_id)
  FROM proposals_proposal p LEFT JOIN deputies_session s ON s.id = p.session_id
 WHERE p.id = c.proposal_id;

CREATE INDEX IF NOT EXISTS proposals_co_signer_listing
    ON proposals_proposal_co_signers (deputy_id, list_year DESC, list_submitted DESC NULLS FIRST, proposal_id DESC)
    WHERE listed;
ANALYZE proposals_proposal_co_signers;
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS proposals_co_signer_follow_session ON deputies_session;
DROP TRIGGER IF EXISTS proposals_co_signer_follow_item ON proposals_proposal;
DROP TRIGGER IF EXISTS proposals_co_signer_fill ON proposals_proposal_co_signers;
DROP FUNCTION IF EXISTS proposals_co_signer_follow_session();
DROP FUNCTION IF EXISTS proposals_co_signer_follow_item();
DROP FUNCTION IF EXISTS proposals_co_signer_fill();
DROP INDEX IF EXISTS proposals_co_signer_listing;
ALTER TABLE proposals_proposal_co_signers
    DROP COLUMN IF EXISTS list_year, DROP COLUMN IF EXISTS list_submitted, DROP COLUMN IF EXISTS listed;
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
        ("proposals", "0014_statistics_covering_indexes"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.CreateModel(
            name="CoSignerListing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("list_year", models.IntegerField(null=True)),
                ("list_submitted", models.DateField(null=True)),
                ("listed", models.BooleanField()),
                (
                    "deputy",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="deputies.deputy",
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.deletion.DO_NOTHING,
                        related_name="+",
                        to="proposals.proposal",
                    ),
                ),
            ],
            options={
                "verbose_name": "附议代表的件（排序用）",
                "db_table": "proposals_proposal_co_signers",
                "managed": False,
            },
        ),
    ]
