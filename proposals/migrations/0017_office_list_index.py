from django.db import migrations, models

from proposals.migration_operations import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("proposals", "0016_deputy_home_indexes"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(("state", "draft"), _negated=True),
                fields=["submitted_on", "id"],
                name="proposal_listed",
            ),
        ),
    ]
