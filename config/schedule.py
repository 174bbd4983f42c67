"""The static Celery beat schedule, reviewed with the code.

Times are wall-clock times in ``CELERY_TIMEZONE`` (the platform's ``TIME_ZONE``, Asia/Shanghai by
default). Every job scans stored, indexed columns and claims its work with a unique ledger row or
a conditional UPDATE, so a job that runs twice, late, or on two machines does its work once. Jobs
that depend on the working-day calendar (the digest) check it themselves; jobs that depend on a
date in ``HandlingRules`` (the year-end report) run daily and act only on that date.
"""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE: dict = {
    # Deadline reminders (临期 / 到期 / 超期 / 催办), from the stored due dates.
    "reminders-scan-hourly": {
        "task": "proposals.reminders_scan",
        "schedule": crontab(minute=5),
    },
    # Co-sign invitation notices stop asking once the invitation has expired or its item left intake.
    "cosign-notices-lapse": {
        "task": "proposals.cosign_lapse",
        "schedule": crontab(minute="*/15"),
    },
    # 民意池: reminders of the referrals' due dates to the units (same steps as the 建议 deadlines).
    "opinions-referral-reminders": {
        "task": "opinions.referral_reminders",
        "schedule": crontab(minute=25),
    },
    # The office's overdue digest, 08:30 on working days (the task skips holidays per CalendarDay).
    "staff-overdue-digest": {
        "task": "proposals.staff_overdue_digest",
        "schedule": crontab(hour=8, minute=30),
    },
    # Replied items whose evaluation window lapsed are closed as 未表态.
    "close-lapsed-evaluations": {
        "task": "proposals.close_lapsed",
        "schedule": crontab(hour=1, minute=15),
    },
    # In December: keep the coming years' calendar ready, take years a newer chinesecalendar now covers,
    # and tell the office which years are still provisional (deadlines keep being computed, marked 暂定).
    "calendar-next-year-check": {
        "task": "proposals.calendar_check",
        "schedule": crontab(month_of_year=12, day_of_month="1,8,15,22,29", hour=9, minute=0),
    },
    # Retry e-mail / SMS deliveries left behind (broker outage, failed gateway, dead worker).
    "notifications-sweep": {
        "task": "notifications.sweep",
        "schedule": crontab(minute="*/3"),
    },
    # The monthly supervision report for the month before, on the 1st.
    "monthly-supervision-report": {
        "task": "reports.monthly_auto",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    # The year-end report, on the date set in HandlingRules (checked daily, built once).
    "annual-report": {
        "task": "reports.annual_auto",
        "schedule": crontab(hour=23, minute=30),
    },
    # The dashboard's figures for today, rebuilt in the background (events also queue a rebuild).
    "dashboard-figures-refresh": {
        "task": "reports.refresh_figures",
        "schedule": crontab(minute="*/10"),
    },
    # 民意池: opinions whose suggestion's answer is published from today are fed back to the citizen.
    "opinions-published-feedback": {
        "task": "opinions.published_feedback",
        "schedule": crontab(hour=0, minute=20),
    },
    # The 民意统计 page's figures (this year and quarter, and those read lately), rebuilt in the background;
    # the changes they count also queue a rebuild.
    "opinions-figures-refresh": {
        "task": "opinions.refresh_figures",
        "schedule": crontab(minute="*/10"),
    },
    # Report builds left queued or stuck by a dead worker are re-enqueued or marked failed.
    "report-archives-sweep": {
        "task": "reports.sweep_archives",
        "schedule": crontab(minute="*/10"),
    },
}
