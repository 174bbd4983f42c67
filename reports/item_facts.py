"""The rows of the temporary table ``stat_item_facts``: a year's items with what is true of each of them
as of one day (see ``reports.statistics.facts_table``, which fills it for the length of one report).

The columns carry the item's own names (``kind``, ``assigned_on``, ``first_replied_on`` …) and the names
of ``ItemFacts``' annotations (``stat_due``, ``stat_final_result`` …), so the conditions of
``reports.statistics.population`` apply to these rows unchanged.
"""

from django.db import models


class StatItemFact(models.Model):
    proposal = models.OneToOneField(
        "proposals.Proposal",
        primary_key=True,
        db_column="id",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="stat_facts",
    )
    kind = models.CharField(max_length=12)
    motion_outcome = models.CharField(max_length=20)
    field = models.CharField(max_length=50)
    key_supervision = models.BooleanField()
    assigned_on = models.DateField(null=True)
    first_replied_on = models.DateField(null=True)
    closed_on = models.DateField(null=True)
    stat_due = models.DateField(null=True)
    stat_first_result = models.CharField(max_length=20, null=True)
    stat_final_result = models.CharField(max_length=20, null=True)
    stat_category = models.CharField(max_length=1, null=True)
    stat_face_to_face = models.BooleanField(null=True)

    class Meta:
        managed = False
        db_table = "stat_item_facts"
        verbose_name = "统计用的件及其截至某日的事实（临时表）"

    def __str__(self) -> str:
        return str(self.pk)


class StatAssignment(models.Model):
    """The assignments (``proposals_assignment``) read against ``stat_item_facts``: their item is a row of the
    facts table, joined on the item's id without visiting the items themselves."""

    proposal = models.ForeignKey(StatItemFact, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    role = models.CharField(max_length=10)
    state = models.CharField(max_length=20)
    assigned_on = models.DateField(null=True)
    withdrawn_on = models.DateField(null=True)
    signed_at = models.DateTimeField(null=True)
    sign_due = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "proposals_assignment"
        verbose_name = "统计用的交办（读交办表）"

    def __str__(self) -> str:
        return str(self.pk)
