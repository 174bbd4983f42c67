"""Background check and import of uploaded ledgers. Thin: each task calls one function of ``ledger.uploads``.

Both are safe to run twice: the upload is claimed with a conditional UPDATE on its status.
A failing run is retried with exponential backoff; after the last retry the upload is marked failed.
"""

from __future__ import annotations

from celery import Task, shared_task

from ledger import uploads


class _LedgerTask(Task):
    failure_reason = "处理台账时出错"

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        upload_id = args[0] if args else kwargs.get("upload_id")
        if upload_id is not None:
            uploads.upload_mark_failed(
                upload_id=upload_id, reason=f"{self.failure_reason}，已重试多次仍未成功，请重新上传"
            )


_OPTIONS = {
    "base": _LedgerTask,
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 4,
    "soft_time_limit": 1800,
    "time_limit": 1900,
}


@shared_task(name="ledger.upload_check", failure_reason="校验台账时出错", **_OPTIONS)
def ledger_upload_check(upload_id: int) -> str:
    upload = uploads.upload_run_check(upload_id=upload_id)
    return upload.status if upload else "skipped"


@shared_task(name="ledger.upload_import", failure_reason="导入台账时出错", **_OPTIONS)
def ledger_upload_import(upload_id: int) -> str:
    upload = uploads.upload_run_import(upload_id=upload_id)
    return upload.status if upload else "skipped"
