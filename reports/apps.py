from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "统计报告"

    def ready(self) -> None:
        from reports.handlers import subscribe_all

        subscribe_all()
