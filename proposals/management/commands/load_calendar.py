from django.core.management.base import BaseCommand, CommandError

from proposals.calendar_seed import package_years, seed
from proposals.models import CalendarDay


class Command(BaseCommand):
    help = "从 chinesecalendar 导入国务院节假日与调休安排（已有日期不覆盖）"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="只导入指定年度，可重复")

    def handle(self, *args, **options):
        available = package_years()
        years = options["year"] or list(available)
        missing = [y for y in years if y not in available]
        if missing:
            raise CommandError(
                f"chinesecalendar 尚无 {'、'.join(map(str, missing))} 年数据，请在管理后台“工作日历”中手工录入"
            )
        created = seed(CalendarDay, years)
        self.stdout.write(f"已导入 {created} 天")
