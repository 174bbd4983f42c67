"""Requests a unit makes to the office: re-assignment (调整) and extension (延期)."""

from django.conf import settings
from django.db import models

from proposals.choices import RequestStatus

USER = settings.AUTH_USER_MODEL


class _Request(models.Model):
    assignment = models.ForeignKey(
        "proposals.Assignment", verbose_name="交办记录", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField("理由")
    status = models.CharField(
        "状态", max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        USER, verbose_name="申请人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        USER, verbose_name="审批人", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        abstract = True
        ordering = ["requested_at"]


class AdjustmentRequest(_Request):
    """A unit asks to have the item re-assigned (申请调整/退回)."""

    assignment = models.ForeignKey(
        "proposals.Assignment", verbose_name="交办记录", on_delete=models.CASCADE, related_name="adjustment_requests"
    )
    proposed_unit = models.ForeignKey(
        "units.Unit", verbose_name="建议改由", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(_Request.Meta):
        verbose_name = "调整申请"
        verbose_name_plural = "调整申请"

    def __str__(self) -> str:
        return f"调整申请 {self.assignment}"


class ExtensionRequest(_Request):
    """A unit asks for a later deadline (申请延期)."""

    assignment = models.ForeignKey(
        "proposals.Assignment", verbose_name="交办记录", on_delete=models.CASCADE, related_name="extension_requests"
    )
    requested_until = models.DateField("申请延期至")
    approved_until = models.DateField("批准延期至", null=True, blank=True)

    class Meta(_Request.Meta):
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"

    def __str__(self) -> str:
        return f"延期申请 {self.assignment}"
