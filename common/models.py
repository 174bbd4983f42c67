from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A create form's one-time token, once the form has created something: its replay finds it here.

    Written in the same transaction as what the form created, under a unique token, so a form sent
    twice (back and resubmit, a double click, two tabs) creates one item and then shows it.
    """

    token = models.CharField("表单令牌", max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.CASCADE, related_name="+"
    )
    url = models.CharField("创建结果", max_length=300)
    label = models.CharField("创建内容", max_length=200, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "表单提交记录"
        verbose_name_plural = "表单提交记录"

    def __str__(self) -> str:
        return self.label or self.url
