"""附件: files a deputy (or the office, for a paper item) puts on a submission.

The stored path is the storage's own safe name; ``file_name`` keeps the name the user gave the file,
which is the name a download carries.
"""

from django.conf import settings
from django.db import models


class Attachment(models.Model):
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name="议案建议", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("文件", upload_to="attachments/%Y/%m/", max_length=300)
    file_name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def size_text(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f}MB"
        return f"{max(1, round(self.size / 1024))}KB"
