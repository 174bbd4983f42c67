"""The items read as each lead deputy's own list, in the deputy home's order (PostgreSQL).

On PostgreSQL each item carries its session's year (``list_year``), kept by triggers (migration 0018)
whatever writes the items or the sessions. A deputy's led items are then read in order from one index on
the deputy, the year, the date and the id: the first page reads 21 index entries however many items the
deputy leads. Other databases have no such column and read the items joined to their sessions.
"""

from django.db import models


class LeadListing(models.Model):
    lead_deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    list_year = models.IntegerField(null=True)
    submitted_on = models.DateField(null=True)
    state = models.CharField(max_length=20)

    class Meta:
        managed = False
        db_table = "proposals_proposal"
        verbose_name = "领衔代表的件（排序用）"

    def __str__(self) -> str:
        return f"{self.lead_deputy_id} · {self.pk}"
