"""python manage.py export_ledger PATH.xlsx [--year YYYY] [--session NAME]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deputies.models import Session
from ledger.services import ledger_export
from proposals.models import Proposal


class Command(BaseCommand):
    help = "导出台账（.xlsx）：与导入相同的列；可按年度或会议筛选。草稿、未立案、撤回、不予立案和已并案的件不导出"

    def add_arguments(self, parser):
        parser.add_argument("path", help="导出文件路径（.xlsx）")
        parser.add_argument("--year", type=int, help="只导出该年度会议的议案建议")
        parser.add_argument("--session", help="只导出该会议的议案建议（会议名称）")

    def handle(self, *args, path: str, year: int | None, session: str | None, **options):
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            raise CommandError("导出文件须以.xlsx结尾")
        if not target.parent.is_dir():
            raise CommandError(f"目录不存在：{target.parent}")
        proposals = Proposal.objects.all()
        if year is not None:
            proposals = proposals.filter(session__year=year)
        if session is not None:
            if not Session.objects.filter(name=session).exists():
                raise CommandError(f"没有名为「{session}」的会议")
            proposals = proposals.filter(session__name=session)
        count = ledger_export(proposals=proposals, output=target)
        self.stdout.write(self.style.SUCCESS(f"已导出{count}行到{target}"))
