from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "duties"
    verbose_name = "代表履职"
    default_auto_field = "django.db.models.BigAutoField"
