"""Settings shared by every environment. Everything that differs per machine comes from
environment variables; local.py, test.py and production.py only choose defaults."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# The process's own working data (the SQLite file of the demo, local files, beat's schedule):
# one folder per host when several hosts run the product (docs/deploy.md).
VAR_DIR = Path(env("DJANGO_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# SECRET_KEY: local.py and test.py give a throwaway default; production.py requires one.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, so that its forms show one field per language (D69).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "leerkring.apps.StaticFilesConfig",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    # Bottom to top, as the layering in docs/architecture.md.
    "leerkring.core",
    "gemeenten",
    "dilemmas",
    "bijeenkomsten",
    "publicaties",
    "leerkring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A logged-in person's own language (My settings, issue 18).
    "leerkring.core.preferences.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "leerkring.core.middleware.LoginInsteadOf404Middleware",
]

ROOT_URLCONF = "leerkring.urls"
WSGI_APPLICATION = "leerkring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Django 6 makes https the default scheme for URL fields typed without one; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Data -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'leerkring.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_POOL", default=False
):
    # Django's psycopg pool replaces persistent connections; it requires CONN_MAX_AGE = 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=2),
        "max_size": env.int("DATABASE_POOL_MAX", default=10),
        "timeout": 10,
    }
    # With health checks on, Django has the pool check each connection it hands out
    # (ConnectionPool.check_connection): a connection the database dropped (a restart, a
    # failover) is replaced instead of failing the next requests (tests/faults/).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def through_pgbouncer(database: dict) -> dict:
    """`database` for PgBouncer in transaction mode (docs/deploy.md): every transaction may run
    on another server connection, so nothing may outlive one. No server-side cursors
    (`.iterator()` fetches client-side) and no prepared statements (Django's default with
    psycopg 3, stated so that no later OPTIONS turns them on). Django's pool may stay on."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_PGBOUNCER needs DATABASE_URL to be PostgreSQL.")
    return {
        **database,
        "DISABLE_SERVER_SIDE_CURSORS": True,
        "OPTIONS": {**database.get("OPTIONS", {}), "prepare_threshold": None},
    }


if env.bool("DATABASE_PGBOUNCER", default=False):
    DATABASES["default"] = through_pgbouncer(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis being away must not take the site down (leerkring/core/cache.py).
            "BACKEND": "leerkring.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            # Its own prefix per installation sharing one Redis (and per load-test run).
            "KEY_PREFIX": env("DJANGO_CACHE_KEY_PREFIX", default="leerkring"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Rendered reports and uploaded publications live outside MEDIA_ROOT, so that no URL serves
# them: they leave only through views that check permission.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
# Where files live is configuration, not code (D99): the local disk by default, or any
# S3-compatible object store (DJANGO_FILE_STORAGE=s3), which is what lets several web hosts and
# workers share them. Code only ever goes through storages[...]: open(), save(), delete().
FILE_STORAGE = env("DJANGO_FILE_STORAGE", default="local")
if FILE_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured('DJANGO_FILE_STORAGE is "local" or "s3".')


def s3_storage(prefix: str) -> dict:
    """django-storages' S3 backend on one bucket, each kind of file under its own prefix.
    Never public: no ACL, signed URLs only, and a file never silently replaces another."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "region_name": env("S3_REGION", default="us-east-1"),
            "location": prefix,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
            # A file read from S3 (a download, a check) is fetched whole first: past 1 MB into
            # a temporary file rather than into the process's memory.
            "max_memory_size": 1024 * 1024,
        },
    }


if FILE_STORAGE == "s3":
    PRIVATE_STORAGE = s3_storage("private")
    DEFAULT_STORAGE = s3_storage("media")
else:
    PRIVATE_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/niet-openbaar/"},
    }
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}

# --- People -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth 65: e-mail is the login, verified before the first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "leerkring.accounts.SignupForm"}
ACCOUNT_ADAPTER = "leerkring.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_DISPLAY = "leerkring.core.models.user_display"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leerkring] "
# A closed circle whose member lists are visible to colleagues gains little from hiding
# whether an address has an account, and people must be told plainly that it is taken
# (docs/decisions.md, D3). Sign-up and reset stay rate limited against harvesting.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_RATE_LIMITS = {
    # At most 10 failed log-ins a minute from one address and 20 an hour for one account.
    "login_failed": "10/m/ip,20/h/key",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    # Correcting the address of a sign-up not confirmed yet (leerkring/signup.py): each
    # correction sends a link to a new address, so per person and per IP address.
    "change_signup_email": "5/h/key,20/h/ip",
}

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# Absolute links in e-mails and calendar files point here.
SITE_URL = env("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# /.well-known/security.txt (RFC 9116, SECURITY.md): where to report a vulnerability. Contacts
# are mailto: or https: addresses (a bare address gets mailto:); the policy link is left out
# when empty; Expires is always this many days ahead, so the file renews itself.
SECURITY_CONTACT = env.list("SECURITY_CONTACT", default=["mailto:security@leerkring.example"])
SECURITY_POLICY_URL = env("SECURITY_POLICY_URL", default="")
SECURITY_TXT_DAYS = env.int("SECURITY_TXT_DAYS", default=90)

# --- E-mail -----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Leerkring <noreply@leerkring.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
vars().update(env.email("EMAIL_URL", default="consolemail://"))

# --- Background work (Celery reads every CELERY_* setting; see leerkring/celery.py) -----------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# With no broker configured, tasks run in-process: the embedded default needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message not acknowledged within an hour (a worker that vanished) is delivered again.
# Sending gives up after one quick retry when the broker is down: the request that sends it
# must not hang, and the row it wrote is picked up by the sweeper (leerkring/core/jobs.py).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
# PDF rendering (leerkring/core/rendering/). A render gets a soft limit (it is told to stop
# and marked failed) and a hard limit (the process is killed). Every SWEEP_INTERVAL seconds the
# sweeper re-sends a job or e-mail that has waited longer than SWEEP_STUCK_AFTER seconds, and a
# job "rendering" for longer than the hard limit plus that (its worker died), up to
# RENDER_MAX_ATTEMPTS starts.
RENDER_SOFT_TIME_LIMIT = env.int("RENDER_SOFT_TIME_LIMIT", default=90)
RENDER_TIME_LIMIT = env.int("RENDER_TIME_LIMIT", default=120)
SWEEP_STUCK_AFTER = env.int("SWEEP_STUCK_AFTER", default=120)
RENDER_MAX_ATTEMPTS = env.int("RENDER_MAX_ATTEMPTS", default=3)
SWEEP_INTERVAL = env.float("SWEEP_INTERVAL", default=60.0)
# Uploads for publications (publicaties/uploads.py).
PUBLICATIE_MAX_PDF_BYTES = env.int("PUBLICATIE_MAX_PDF_MB", default=20) * 1024 * 1024
PUBLICATIE_MAX_IMAGE_BYTES = env.int("PUBLICATIE_MAX_IMAGE_MB", default=5) * 1024 * 1024
# An uploaded PDF (a publication's or a meeting document) is read by a worker in a child process
# with these limits (leerkring/core/pdfcheck.py): what its streams unpack to in all, the child's
# memory, its time (CPU and wall).
PUBLICATIE_PDF_MAX_UNPACKED_MB = env.int("PUBLICATIE_PDF_MAX_UNPACKED_MB", default=300)
PUBLICATIE_PDF_CHECK_MEMORY_MB = env.int("PUBLICATIE_PDF_CHECK_MEMORY_MB", default=768)
PUBLICATIE_PDF_CHECK_SECONDS = env.int("PUBLICATIE_PDF_CHECK_SECONDS", default=30)
# Documents of a meeting (slides, handouts, photos; bijeenkomsten/services/documenten.py).
BIJEENKOMST_DOCUMENT_MAX_BYTES = env.int("BIJEENKOMST_DOCUMENT_MAX_MB", default=25) * 1024 * 1024
# CSV exports (leerkring/core/exports.py): up to EXPORT_INLINE_MAX_ROWS rows are downloaded at
# once, a larger one is made by a worker (with progress, EXPORT_TIME_LIMIT seconds at most);
# the sweeper deletes exports and their files after EXPORT_KEEP_DAYS days.
EXPORT_INLINE_MAX_ROWS = env.int("EXPORT_INLINE_MAX_ROWS", default=2000)
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
EXPORT_TIME_LIMIT = env.int("EXPORT_TIME_LIMIT", default=600)
EXPORT_PROGRESS_EVERY = 500  # rows between two updates of the progress shown
# The one place where periodic work is scheduled.
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "core.heartbeat_record", "schedule": 60.0},
    "meeting-reminders": {"task": "bijeenkomsten.reminders_send", "schedule": 60.0 * 60},
    "sweeper": {"task": "core.sweep", "schedule": SWEEP_INTERVAL},
    # Monday 07:00 in CELERY_TIMEZONE (Dutch time); running it twice sends nobody two.
    "weekly-digest": {
        "task": "leerkring.digest_send",
        "schedule": crontab(minute=0, hour=7, day_of_week="monday"),
    },
    # Every night at 03:30: what has passed its retention period (leerkring/retention/); a
    # second run on the same day does nothing.
    "retention": {"task": "leerkring.retention_apply", "schedule": crontab(minute=30, hour=3)},
}

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The NL Design System CSS draws check marks as data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}

# --- Translated rows (django-modeltranslation, D69) ------------------------------------------
# A row without an English name shows its Dutch one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
