from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        from notifications.handlers import subscribe_all

        subscribe_all()
