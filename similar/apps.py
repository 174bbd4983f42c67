from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "similar"
    verbose_name = "相似件"
    default_auto_field = "django.db.models.BigAutoField"
