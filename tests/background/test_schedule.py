"""The static beat schedule: every entry names a real task, at the agreed times, in Beijing time."""

import datetime as dt

from celery.schedules import crontab
from django.conf import settings

from config.celery import app
from config.schedule import CELERY_BEAT_SCHEDULE
from reports.services import STALE_AFTER


def _registered() -> set[str]:
    app.loader.import_default_modules()
    return set(app.tasks)


def test_every_scheduled_job_names_a_registered_task():
    tasks = _registered()
    for name, entry in CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in tasks, name
        assert isinstance(entry["schedule"], crontab), name


def test_the_schedule_runs_in_beijing_time():
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"
    assert str(app.conf.timezone) == "Asia/Shanghai"


def _entry(task: str) -> crontab:
    [schedule] = [e["schedule"] for e in CELERY_BEAT_SCHEDULE.values() if e["task"] == task]
    return schedule


def test_the_jobs_run_at_their_agreed_times():
    scan = _entry("proposals.reminders_scan")
    assert scan.hour == set(range(24)) and len(scan.minute) == 1  # hourly

    digest = _entry("proposals.staff_overdue_digest")
    assert (digest.hour, digest.minute) == ({8}, {30})

    monthly = _entry("reports.monthly_auto")
    assert monthly.day_of_month == {1}

    check = _entry("proposals.calendar_check")
    assert check.month_of_year == {12}

    sweep = _entry("notifications.sweep")
    assert len(sweep.minute) >= 12  # every few minutes

    for daily in ("reports.annual_auto", "proposals.close_lapsed"):
        schedule = _entry(daily)
        assert len(schedule.hour) == 1 and len(schedule.day_of_month) == 31, daily


def test_the_tasks_acknowledge_late_so_a_lost_worker_means_a_retry():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    build = app.tasks["reports.build_archive"]
    assert build.acks_late and build.max_retries >= 1
    assert build.soft_time_limit < build.time_limit
    assert dt.timedelta(seconds=build.time_limit) < STALE_AFTER
