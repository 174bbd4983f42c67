from django.apps import AppConfig


class PublicsiteConfig(AppConfig):
    name = "publicsite"
    verbose_name = "公开信息"

    def ready(self) -> None:
        from proposals import events
        from publicsite.services import on_reply_of_record

        events.subscribe(events.REPLY_SUBMITTED, on_reply_of_record)
        events.subscribe(events.REPLY_RELEASED, on_reply_of_record)
