"""``python manage.py seed_demo [--if-empty]``: fill an empty database with a believable demo office."""

import unicodedata

from django.core.management.base import BaseCommand, CommandError

from demo.catalog import DEMO_DEPUTY, DEMO_UNIT, LEADER, PASSWORD, STAFF, UNITS
from demo.opinions import COMMITTEE_LOGIN, COMMITTEES, STATION_LOGIN, STATIONS
from demo.seed import seed
from proposals.errors import DomainError
from proposals.models import Proposal

LOGINS = (
    ("工作人员", STAFF.username, f"{STAFF.name}，{STAFF.title}"),
    ("领导", LEADER.username, f"{LEADER.name}，{LEADER.title}"),
    ("代表", "deputy", f"{DEMO_DEPUTY}，城关区代表团"),
    ("承办单位经办人", DEMO_UNIT, next(u.name for u in UNITS if u.key == DEMO_UNIT)),
    ("联络站工作人员", STATION_LOGIN, STATIONS[0][1]),
    ("专门委员会", COMMITTEE_LOGIN, COMMITTEES[0][0]),
    ("系统管理员", "admin", "管理后台 /admin/"),
)


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting a Chinese character as two columns."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


class Command(BaseCommand):
    help = "生成演示数据：会议、代表、承办单位、约120件处于各个办理阶段的议案建议，以及演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有议案建议时不做任何事")

    def handle(self, *args, if_empty: bool = False, **options):
        if Proposal.objects.exists():
            if if_empty:
                self.stdout.write("数据库中已有议案建议，保留现有数据，跳过演示数据生成。")
                return
            raise CommandError("数据库中已有议案建议。演示数据只能生成到空数据库中（可加 --if-empty 跳过）。")
        try:
            summary = seed()
        except DomainError as exc:
            raise CommandError(f"生成演示数据失败：{exc.message}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"已生成演示数据：{summary.items}件议案建议（以{summary.today:%Y年%m月%d日}为今天）。")
        )
        self.stdout.write(f"\n演示账号（密码均为 {PASSWORD}）：")
        self.stdout.write("  " + _pad("角色", 16) + _pad("账号", 10) + "说明")
        for role, username, who in LOGINS:
            self.stdout.write("  " + _pad(role, 16) + _pad(username, 10) + who)
        self.stdout.write(
            "其他代表的账号为 deputy02 至 deputy40，其他承办单位经办人的账号见管理后台“单位经办人”，密码相同。"
        )
