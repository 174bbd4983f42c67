from django.conf import settings
from django.db import models


class LedgerUpload(models.Model):
    """A ledger file uploaded in the browser: checked, then imported, in the background."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "已上传"
        CHECKING = "checking", "校验中"
        CHECKED = "checked", "校验通过"
        INVALID = "invalid", "校验未通过"
        IMPORTING = "importing", "导入中"
        IMPORTED = "imported", "已导入"
        FAILED = "failed", "导入失败"

    file = models.FileField("台账文件", upload_to="ledger/%Y/%m/")
    original_name = models.CharField("文件名", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.UPLOADED, db_index=True)
    report = models.JSONField("校验/导入结果", default=dict, blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "台账导入"
        verbose_name_plural = "台账导入"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name}（{self.get_status_display()}）"
