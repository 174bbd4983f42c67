from django.apps import AppConfig


class CommonConfig(AppConfig):
    """What every portal shares: form bases and messages, the file control, page titles, error pages."""

    name = "common"
    verbose_name = "公共组件"

    def ready(self) -> None:
        from common import office

        office.connect()
