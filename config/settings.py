"""SchoolBridge settings: one module, read from the environment (README lists every variable)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "auditlog",
    "accounts",
    "partnerships",
    "students",
    "safety",
    "communications",
    "portal",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.AccessMiddleware",
    "portal.middleware.PortalMiddleware",
    "core.client_ip.ClientAddressAuditlogMiddleware",  # auditlog's, with our client address
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "communications.notifications.context_processors.unread_notifications",
                "portal.context_processors.portal",
            ],
        },
    },
]

# Widgets render through the project's templates, so templates/django/forms/ can replace Django's own (a
# faster <select>) and a widget's template can live in templates/ (core/widgets/suggest.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
_database_url = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    # Connections are kept for a minute and checked before each request reuses one: a database restart
    # costs the next request a reconnect, not an error.
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
except Exception as exc:  # dj-database-url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes a web process and a worker writing at once: WAL lets readers and one writer
    # work together, IMMEDIATE takes the write lock at BEGIN (a deferred transaction that later wants to write
    # fails with "database is locked" instead of waiting), and the timeout is how long a writer waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # No JIT: it is for long analytic queries, and compiling a page's query costs more than running it
    # (150 ms of a 210 ms dashboard count at scale 1, docs/performance.md). A URL's own ?options= wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else memory of the process. Redis away is a cache miss, never an error
# page, and a frozen Redis costs at most the socket timeout (core.cache).
REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 2}  # seconds: a frozen Redis costs this, once
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": dict(REDIS_TIMEOUTS),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.OneQueryModelBackend",  # ModelBackend, its permissions in one query
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account out from an address after AXES_FAILURE_LIMIT failed logins, and an address for every account
# after AXES_ADDRESS_FAILURE_LIMIT (accounts.lockout.AccountAndAddressHandler). The address is the client's as
# core.client_ip decides: X-Forwarded-For only as written by TRUSTED_PROXY_COUNT proxies in front of us.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # this order: the handler relies on it
AXES_HANDLER = "accounts.lockout.AccountAndAddressHandler"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0 or AXES_ADDRESS_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be 0 or more, and AXES_ADDRESS_FAILURE_LIMIT at least AXES_FAILURE_LIMIT."
    )
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, not User.USERNAME_FIELD ("email")
AXES_USERNAME_CALLABLE = "accounts.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder name such as "America"
    raise ImproperlyConfigured(
        f"TIME_ZONE={TIME_ZONE!r} is not a known time zone (for example America/Chicago)."
    ) from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files (needs collectstatic) unless STATIC_MANIFEST=false (runserver, tests).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# CSV exports up to this many rows stream in the request; larger ones are built by Celery (dashboard.exports).
# Uploads (CSV imports, full student rows) and files the app writes (exports) are readable by the app's
# user only; Django's FileSystemStorage applies these to files saved from memory and from temporary files.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# A CSV import up to this size is checked inside the upload request (one step); a larger one in Celery, with
# a progress bar (about 150 bytes a student row: 512 KB is some 3,500 rows, under a second to check).
IMPORT_INLINE_MAX_BYTES = env_int("IMPORT_INLINE_MAX_BYTES", 512 * 1024)
if IMPORT_INLINE_MAX_BYTES < 0:
    raise ImproperlyConfigured(f"IMPORT_INLINE_MAX_BYTES={IMPORT_INLINE_MAX_BYTES} must be 0 or more (bytes).")

EXPORT_STREAM_LIMIT = env_int("EXPORT_STREAM_LIMIT", 50000)
if EXPORT_STREAM_LIMIT < 1:
    raise ImproperlyConfigured(f"EXPORT_STREAM_LIMIT={EXPORT_STREAM_LIMIT} must be at least 1 (rows).")

# Retention: what the purge (manage.py purge_expired, and the beat each night) deletes for real, and when.
# README, "Operating SchoolBridge", says what each figure covers.
RETENTION = {
    # A student's record, placements and everything about them: years after the last placement ended.
    "student_years": env_int("RETENTION_STUDENT_YEARS", 3),
    # A safety concern keeps its student's whole record this many years after it was reported (and while open).
    "safety_concern_years": env_int("RETENTION_SAFETY_CONCERN_YEARS", 7),
    # Signed links: days after they expired.
    "signed_link_grace_days": env_int("RETENTION_SIGNED_LINK_DAYS", 30),
    # Notifications: days after they were read, or after their reminder was due.
    "notification_days": env_int("RETENTION_NOTIFICATION_DAYS", 90),
    # CSV uploads nobody confirmed: hours after the upload.
    "import_upload_hours": env_int("RETENTION_IMPORT_UPLOAD_HOURS", 24),
    # Finished background exports: days after they finished (their files go after a day regardless).
    "export_days": env_int("RETENTION_EXPORT_DAYS", 30),
    # django-axes' records of login attempts: days.
    "login_attempt_days": env_int("RETENTION_LOGIN_ATTEMPT_DAYS", 30),
}
for _name, _value in RETENTION.items():
    if _value < 1:
        raise ImproperlyConfigured(f"RETENTION[{_name!r}] is {_value}: every retention period is at least 1.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: SMTP when EMAIL_HOST is set, the console otherwise.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set at most one of EMAIL_USE_TLS and EMAIL_USE_SSL.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The address people reach SchoolBridge at, for links in emails sent outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SchoolBridge <no-reply@schoolbridge.test>")

# Celery: Redis when REDIS_URL or CELERY_BROKER_URL is set, else kombu's filesystem broker (no server).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://localhost//")
CELERY_BROKER_DIR = VAR_DIR / "broker"
# A web request must never hang on a refused or frozen network broker: fail in about two seconds instead.
BROKER_TIMEOUTS = {"socket_timeout": 2, "socket_connect_timeout": 2, "max_retries": 1}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = dict(BROKER_TIMEOUTS)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = CELERY_TASK_ALWAYS_EAGER

# Security. With DEBUG off, production is HTTPS behind a TLS-terminating proxy unless HTTPS=false (a plain-HTTP
# test install): secure cookies, HSTS, redirects and trust of the proxy's X-Forwarded-Proto. Development is HTTP.
HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]  # monitoring inside the network may call it over plain HTTP
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Both reach beyond this site (every subdomain; browsers' built-in lists): only when the operator asks.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Off by default is a decision, not an oversight: check --deploy's warnings about them are silenced while off.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SESSION_COOKIE_HTTPONLY = True
# Shared school computers: a session lasts a working day at most, ends with the browser, and ends after
# SESSION_IDLE_MINUTES without a request (accounts.middleware.IdleTimeoutMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # seconds
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline or eval'd (every
# page's script is a file under static/js/ wired by data- attributes; tests/core/test_csp.py fails on an inline
# one). Style attributes are allowed, <style> elements and other sites' sheets are not: progress bars and score
# bars set their width from data (style="width: 40%"), and an injected style attribute cannot run code or read
# the page. data: images are Bootstrap's own icons (form checks, selects) inside its CSS. The admin needs nothing
# more (Django's admin has no inline scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features no page uses, off for every page (core.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=()"
)

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL={LOG_LEVEL!r} is not a log level: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
# Signed-link tokens and query strings (student searches) never reach a log (core.logging): the filter sits on
# the loggers that write request paths (so every handler, and pytest's caplog, sees the redacted record) and on
# each handler (for anything else that propagates). Django's own "django" and "django.server" handlers are
# replaced by these: its console one printed unfiltered, and ADMINS is not set, so mail_admins sent nothing.
_REDACT = {"filters": ["redact"]}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.logging.RedactSecrets"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", **_REDACT},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", **_REDACT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.request": _REDACT,
        "django.security.csrf": _REDACT,
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False, **_REDACT},
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
