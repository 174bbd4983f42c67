"""The static Celery beat schedule, reviewed with the code."""

CELERY_BEAT_SCHEDULE: dict = {}
