from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "opinions"
    verbose_name = "民意池"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from opinions.sql import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="opinions-sqlite-median")

        from opinions.duty_sources import register_sources

        register_sources()  # receptions and opinions count in the deputies' duty record (duties app)
