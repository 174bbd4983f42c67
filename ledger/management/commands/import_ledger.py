"""python manage.py import_ledger PATH [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ledger.services import LedgerInvalid, ledger_import


class Command(BaseCommand):
    help = "导入台账（.xlsx或.csv）：整个文件校验无误才写入，有任何错误则不导入并逐条列出错误"

    def add_arguments(self, parser):
        parser.add_argument("path", help="台账文件路径（.xlsx或.csv）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告，不写入任何数据")

    def handle(self, *args, path: str, dry_run: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            report = ledger_import(file=file, filename=file.name, dry_run=dry_run)
        except LedgerInvalid as exc:
            for error in exc.report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{exc.message}（{file.name}）") from exc
        self.stdout.write(self.style.SUCCESS(report.summary(dry_run=dry_run)))
