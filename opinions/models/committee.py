"""专门委员会: its fields, its member logins, and the suggestions it supervises."""

from django.conf import settings
from django.db import models


class Committee(models.Model):
    name = models.CharField("委员会名称", max_length=100, unique=True)

    class Meta:
        verbose_name = "专门委员会"
        verbose_name_plural = "专门委员会"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CommitteeField(models.Model):
    """A field (领域) whose opinions and suggestions a committee reads."""

    committee = models.ForeignKey(Committee, verbose_name="委员会", on_delete=models.CASCADE, related_name="fields")
    field = models.CharField("领域", max_length=50)

    class Meta:
        verbose_name = "委员会领域"
        verbose_name_plural = "委员会领域"
        constraints = [models.UniqueConstraint(fields=["committee", "field"], name="committee_field_once")]

    def __str__(self) -> str:
        return self.field


class CommitteeMember(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", on_delete=models.CASCADE, related_name="committee_member"
    )
    committee = models.ForeignKey(Committee, verbose_name="委员会", on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = "委员会工作人员"
        verbose_name_plural = "委员会工作人员"

    def __str__(self) -> str:
        return f"{self.committee} / {self.user.get_full_name() or self.user.get_username()}"


class SuggestionSupervision(models.Model):
    """A suggestion carrying a supervising committee (专门委员会+人大代表+承办单位 督办)."""

    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name="建议", on_delete=models.CASCADE, related_name="committee_supervision"
    )
    committee = models.ForeignKey(
        Committee, verbose_name="督办委员会", on_delete=models.PROTECT, related_name="supervised_suggestions"
    )
    note = models.CharField("督办重点", max_length=200, blank=True)
    marked_on = models.DateField("列入督办日期", db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确定人", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "委员会督办建议"
        verbose_name_plural = "委员会督办建议"
        ordering = ["-marked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.committee} · {self.proposal}"
