from tests.background.conftest import _fast_passwords, calendar_loaded, sms_outbox  # noqa: F401
