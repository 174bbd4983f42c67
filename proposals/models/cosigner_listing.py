"""The co-signers' link table read as each co-signer's own list, in the deputy home's order.

On PostgreSQL the link table ``proposals_proposal_co_signers`` carries each linked item's session year,
submission date and whether the co-signer sees it (submitted, and not led by them), kept by triggers
(migration 0015) whatever writes the links or the items. A deputy's co-signed items are then read in
order from one index on the deputy, without visiting the items: a deputy who co-signed thousands costs
what one who co-signed a handful does. Other databases read the items themselves.
"""

from django.db import models


class CoSignerListing(models.Model):
    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    deputy = models.ForeignKey("deputies.Deputy", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    list_year = models.IntegerField(null=True)
    list_submitted = models.DateField(null=True)
    listed = models.BooleanField()

    class Meta:
        managed = False
        db_table = "proposals_proposal_co_signers"
        verbose_name = "附议代表的件（排序用）"

    def __str__(self) -> str:
        return f"{self.deputy_id} · {self.proposal_id}"
