from django.conf import settings
from django.db import models


class Unit(models.Model):
    """A body that handles items (承办单位)."""

    name = models.CharField("单位名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True, help_text="常用简称，如 住建局")
    aliases = models.CharField(
        "别名",
        max_length=200,
        blank=True,
        help_text="其他常用叫法或曾用名，用「、」分隔，如 建委、房管局；交办时按全称、简称和别名的任一部分查找",
    )
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

    @property
    def label(self) -> str:
        """The name with its short name, as pickers show it: 市住房和城乡建设局（住建局）."""
        return f"{self.name}（{self.short_name}）" if self.short_name else self.name

    def other_names(self) -> list[str]:
        """The short name and the aliases, each once."""
        names = [self.short_name, *split_names(self.aliases)]
        return list(dict.fromkeys(n for n in names if n and n != self.name))


ALIAS_SEPARATORS = "、，,;；"


def split_names(text: str) -> list[str]:
    """A list of names written in one field, separated as in the ledger (、 ， , ; ；)."""
    for separator in ALIAS_SEPARATORS[1:]:
        text = text.replace(separator, ALIAS_SEPARATORS[0])
    return [part.strip() for part in text.split(ALIAS_SEPARATORS[0]) if part.strip()]


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
