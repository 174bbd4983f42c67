from django.core.management.base import BaseCommand

from proposals import calendar_seed
from proposals.models import CalendarDay
from proposals.models.calendar import DaySource
from proposals.services.calendar import calendar_import_package


class Command(BaseCommand):
    help = (
        "从 chinesecalendar 导入国务院节假日与调休安排：替换暂定日期，保留本机构录入和调整的日期，"
        "并重新计算受影响的未到期期限；软件包尚无数据的年度按法定节假日生成暂定日历"
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="只处理指定年度，可重复")

    def handle(self, *args, **options):
        available = calendar_seed.package_years()
        years = sorted(set(options["year"] or [*calendar_seed.default_years(), *calendar_seed.years_ahead()]))
        from_package = [y for y in years if y in available]
        if from_package:
            update = calendar_import_package(years=from_package)
            self.stdout.write(
                f"已从 chinesecalendar 导入 {from_package[0]}–{from_package[-1]} 年：更新 {update.days_changed} 天，"
                f"保留本机构录入或调整的 {update.days_kept} 天，重新计算期限 {len(update.changes)} 项"
            )
        later = [y for y in years if y not in available]
        unknown = [y for y in later if calendar_seed.derivable(y) is None]
        if unknown:
            self.stderr.write(f"{'、'.join(map(str, unknown))} 年早于 chinesecalendar 的数据，请在「工作日历」页录入")
        provisional = [y for y in later if y not in unknown]
        if provisional:
            calendar_seed.ensure_years(CalendarDay, provisional)
        still = sorted(
            set(
                CalendarDay.objects.filter(date__year__in=years, source=DaySource.PROVISIONAL).values_list(
                    "date__year", flat=True
                )
            )
        )
        if still:
            self.stdout.write(
                f"{'、'.join(map(str, still))} 年为暂定日历（按法定节假日推算，chinesecalendar 尚无数据）。"
                "国务院公布节假日安排后，请在「工作日历」页录入，或升级 chinesecalendar 后再次运行本命令。"
            )
