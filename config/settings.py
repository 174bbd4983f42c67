"""Settings, driven by the environment.

With no environment set the platform runs on a SQLite file and a file-system broker,
so it can be tried with one command. ``DATABASE_URL`` and ``REDIS_URL`` switch it to
PostgreSQL and Redis, the production shape.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# --- Production by default -----------------------------------------------------------------
# DEBUG is off unless set explicitly (DEBUG=true for development). Without SECRET_KEY in the
# environment, a development key is used under DEBUG, else a random key kept in VAR_DIR/secret_key.
DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env("SECRET_KEY", "")
    if key:
        return key
    if DEBUG:
        return "dev-only-insecure-key-change-me"
    import os
    import secrets

    path = VAR_DIR / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# --- end of production by default ----------------------------------------------------------
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_fsm_log",
    "import_export",
    "bootstrap",
    "common",
    "accounts",
    "deputies",
    "units",
    "proposals",
    "notifications",
    "ledger",
    "reports",
    "publicsite",
    "demo",
    # 民意池: liaison stations, receptions, citizens' opinions, referrals, committees
    "opinions",
    "files",
    "duties",
    "similar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files served by the application itself, as in production (WhiteNoise).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
                "common.context_processors.office",
                "proposals.context_processors.calendar_notice",
            ],
            "builtins": ["common.templatetags.dates", "common.templatetags.links"],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        # A connection kept across requests is checked before use, so a restarted PostgreSQL costs no request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif env_bool("DATABASE_PREPARED", default=True):
    # PostgreSQL plans a statement run five times on one connection once and reuses the plan: an item's
    # page runs the same two dozen statements on every view. Off behind a pooler that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# --- Static files: WhiteNoise serves the collected files (``collectstatic``), compressed ----------
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
# --- end of static files --------------------------------------------------------------------
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files are never served under MEDIA_URL; downloads go through access-checked views. With a proxy
# that serves MEDIA_ROOT from an internal location (nginx: ``location /protected/ { internal; alias …; }``),
# set this to that location and the views answer with X-Accel-Redirect instead of streaming the file.
PROTECTED_FILES_ACCEL_PREFIX = env("PROTECTED_FILES_ACCEL_PREFIX", "")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@renda.local")
SMS_BACKEND = env("SMS_BACKEND", "notifications.sms.LogSmsBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", "【议案建议办理平台】")
# The office's name on every page and report until the office sets its own in 办理规则.
OFFICE_NAME = env("OFFICE_NAME", "某某市人大常委会代表工作委员会")
# The site's address, for links in e-mails and SMS sent by background workers.
SITE_URL = env("SITE_URL", "http://localhost:8000")

# Celery: Redis when REDIS_URL is set, else a broker on the local file system.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("out", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Tasks are idempotent: acknowledge after the work, and re-queue when a worker dies mid-task.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
if REDIS_URL:
    # A message whose worker died before acknowledging it goes back to the queue after this many seconds:
    # longer than the longest task (ledger import: time limit 1900 s), so a live task is never run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600"))}
# Publishing gives up quickly when the broker is down; the outbox sweep delivers later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
from config.schedule import CELERY_BEAT_SCHEDULE  # noqa: E402,F401

# 民意池: the public opinion form and the query page are rate-limited per address (django-ratelimit,
# counted in the cache: Redis when REDIS_URL is set, else a file cache shared by the web processes).
OPINIONS_SUBMIT_RATE = env("OPINIONS_SUBMIT_RATE", "5/h")
OPINIONS_QUERY_RATE = env("OPINIONS_QUERY_RATE", "30/h")
OPINIONS_FORM_MIN_SECONDS = int(env("OPINIONS_FORM_MIN_SECONDS", "3"))
# The public pages of published items (publicsite): requests per address.
PUBLIC_PAGES_RATE = env("PUBLIC_PAGES_RATE", "120/m")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "cache"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Accounts and transport security -------------------------------------------------------------------
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one address,
# that username is locked at that address for AXES_COOLOFF_MINUTES (colleagues behind the same NAT address
# and the account's owner elsewhere can still log in). Unlock earlier in the admin (访问尝试 → delete the rows)
# or with ``manage.py axes_reset_username <用户名>``. Behind a reverse proxy set TRUSTED_PROXY_COUNT.
INSTALLED_APPS += ["axes", "csp"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading a signed-in user with its roles in one query.
    "accounts.backends.RoleModelBackend",
]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0")) or None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Content security policy (django-csp 4): scripts, styles, images and fonts only from this site; no inline
# script, style attribute or event handler anywhere (templates load static/js and static/css files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Served over HTTPS — the default with DEBUG off: cookies only over HTTPS, HTTP redirected to HTTPS, HSTS.
# SECURE_COOKIES=false declares a plain-http site (./scripts/run on this machine, the tests): none of the three.
# Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (the proxy must overwrite it).
HTTPS_ONLY = not DEBUG and env_bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS_ONLY)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS_ONLY else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS_ONLY)
if env("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER"), "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
