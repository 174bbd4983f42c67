from django.conf import settings
from django.db import models


class Unit(models.Model):
    """A body that handles items (承办单位)."""

    name = models.CharField("单位名称", max_length=100, unique=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "承办单位"
        verbose_name_plural = "承办单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitHandler(models.Model):
    """A login that acts for a unit (经办人)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", on_delete=models.CASCADE, related_name="unit_handler"
    )
    unit = models.ForeignKey(Unit, verbose_name="承办单位", on_delete=models.CASCADE, related_name="handlers")
    phone = models.CharField("联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "单位经办人"
        verbose_name_plural = "单位经办人"

    def __str__(self) -> str:
        return f"{self.unit} / {self.user.get_full_name() or self.user.get_username()}"
