from django.conf import settings
from django.db import models


class RepeatLink(models.Model):
    """多年重复: an item marked by staff as repeating an earlier year's item."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="repeats_of"
    )
    earlier = models.ForeignKey(
        "proposals.Proposal", verbose_name="往年相同议案建议", on_delete=models.CASCADE, related_name="repeated_by"
    )
    note = models.CharField("说明", max_length=2000, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="标记人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField("标记时间", auto_now_add=True)

    class Meta:
        verbose_name = "多年重复标记"
        verbose_name_plural = "多年重复标记"
        ordering = ["proposal_id", "earlier_id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "earlier"], name="repeat_link_once")]

    def __str__(self) -> str:
        return f"{self.proposal} 重复 {self.earlier}"
