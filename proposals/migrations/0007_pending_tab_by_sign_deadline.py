"""The 待签收 tab is listed by sign deadline: its partial index follows (built and dropped concurrently)."""

from django.db import migrations, models

from proposals.migration_operations import AddIndexConcurrently, RemoveIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('proposals', '0006_proposal_no_contact'),
        ('units', '0001_initial'),
    ]

    operations = [
        RemoveIndexConcurrently(
            model_name='assignment',
            name='assignment_unit_pending_due',
        ),
        AddIndexConcurrently(
            model_name='assignment',
            index=models.Index(condition=models.Q(('state', 'pending_sign'), models.Q(('signed_at__isnull', True), ('state', 'adjustment_requested')), _connector='OR'), fields=['unit', 'sign_due', 'id'], name='assignment_unit_pending_sign'),
        ),
    ]
