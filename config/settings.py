"""Settings for Tillsammans, driven by environment variables with development defaults."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "1")
SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-insecure-key"  # noqa: S105 - never used with DEBUG off
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "modeltrans",  # optional English plan content in a JSON field (issue 13)
    "governance",
    "plan",
    "measures",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "governance.language.ChosenLanguageMiddleware",  # LocaleMiddleware by the cookie only
    "django.middleware.common.CommonMiddleware",
    "governance.security.RefusedRequestLogMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "governance.security.SessionRenewalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "governance.plan_access.PlanAccessMiddleware",  # a plan's pages for its own people only
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login with the lockout page
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
                "plan.context_processors.roles",
                "plan.context_processors.session",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # With DEBUG off (gunicorn) a worker keeps its connection: opening one costs more than a cached
        # page (SQLite reads the whole schema again, PostgreSQL authenticates). The development server
        # starts a thread per request, where a kept connection would only linger.
        conn_max_age=int(os.getenv("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked" mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
# Swedish is the default; English is chosen with the language switcher (issue 13, governance/language.py).
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "sprak"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Security (issue 15) -------------------------------------------------------------------------------
# Admin history is for reading: reverting would bypass the rules the app checks (governance/admin.py).
SIMPLE_HISTORY_REVERT_DISABLED = True

# The admin's import and export go through measures/spreadsheet.py (SafeCSV, SafeXLSX): uploads capped
# before parsing, formula-like text written as text. IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT stays unset:
# it only deletes a leading "=" and the app's own formats make it unnecessary.

# Brute-force protection (django-axes): 5 failed logins lock that username from that IP address for
# 15 minutes, on /konto/logga-in/ and /admin/login/ alike. Per username + IP, so colleagues behind one
# NAT keep logging in while one of them is locked out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the session's user with their roles in one query.
    "governance.backends.RoleBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "governance.login_protection.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # no log of successful logins: personal data kept to what is needed
AXES_CLIENT_IP_CALLABLE = "governance.login_protection.client_ip"
# Behind a reverse proxy (nginx) REMOTE_ADDR is the proxy: count the proxies that append X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.getenv("TRUSTED_PROXY_COUNT", "0"))

# --- Production: serving, security headers, cookies, session (issue 9, branch prod) -----------------
# With DEBUG off every default is the safe one; each can be relaxed from the environment (docs/deploy.md).

if not DEBUG:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        # Compressed and cache-busted (hashed names), served by whitenoise with far-future caching.
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
# Behind nginx: SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https (only if the proxy sets it).
_proxy_header = envlist("SECURE_PROXY_SSL_HEADER", "")
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be HEADER,value, e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_header)
SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0" if DEBUG else "1")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0" if DEBUG else "1")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "0" if DEBUG else "1")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the keep-alive script reads the token from the page, not the cookie
if SESSION_COOKIE_SECURE:
    # __Host-: the browser accepts the cookie only over HTTPS, for this exact host, on path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # state only in the database: any app server
# Idle timeout (WCAG 2.2.1: the page warns before it and offers to stay logged in). Activity renews the
# session (governance.security.SessionRenewalMiddleware, at most one write a minute).
SESSION_COOKIE_AGE = int(os.getenv("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_EXPIRE_WARNING_SECONDS = 120

# Content Security Policy (django-csp 4): nothing inline runs unless it carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Import previews are kept in the database cache, so the confirming request may reach another app
# server (the default temp folder is one machine's disk). The cache table comes with `migrate`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tillsammans_cache",
    },
    # The public pages for anonymous visitors (reporting/public_cache.py), emptied on every change to them.
    "public": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tillsammans_public_cache",
    },
}
# Rendered page parts, kept in each app server's memory under a key made of the content's version
# (governance/versions.py): a change in the database gives a new key, so every server shows it at once.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "tillsammans-pages",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

# Background work (issue 10): Django's tasks API through the django-tasks backport, queued in the
# database (django-tasks-db) and run by `manage.py db_worker` (make run starts one; in production the
# tillsammans-worker service, docs/deploy.md). Freezing an annual report runs there.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A job still "running" after this many minutes lost its worker (a crash or a restart): it counts as
# failed and can be retried. Rendering the three files of the real plan takes seconds.
ANNUAL_REPORT_JOB_TIMEOUT_MINUTES = int(os.getenv("ANNUAL_REPORT_JOB_TIMEOUT_MINUTES", "15"))
# A report that is not frozen is downloaded at once up to this many measures; a larger one is rendered by
# the worker and offered on a page that follows it (the real plan has a few dozen measures).
ANNUAL_REPORT_BACKGROUND_MEASURES = int(os.getenv("ANNUAL_REPORT_BACKGROUND_MEASURES", "150"))

# --- Production: e-mail, logging, admins (issue 9, branch prod) -------------------------------------

EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.getenv("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.getenv("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = int(os.getenv("EMAIL_TIMEOUT", "30"))
if os.getenv("EMAIL_FILE_PATH"):  # EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (staging)
    EMAIL_FILE_PATH = os.getenv("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "tillsammans@localhost")
SERVER_EMAIL = os.getenv("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


def envadmins(name: str) -> list[tuple[str, str]]:
    """ADMINS=Ada Admin <ada@example.se>, it@example.se -> [(name, address), ...]."""
    admins = []
    for item in envlist(name, ""):
        person, _, address = item.rpartition("<")
        address = address.rstrip(">").strip() if person or "<" in item else item
        if "@" not in address:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an e-mail address")
        admins.append((person.strip() or address, address))
    return admins


ADMINS = envadmins("ADMINS")
LOG_LEVEL = os.getenv("LOG_LEVEL", "WARNING").upper()
# Everything goes to stderr (journald under systemd); server errors are also mailed to ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        # Failed logins, lockouts and refused requests, without passwords (governance/security.py).
        "security": {
            "handlers": ["console"],
            "level": os.getenv("SECURITY_LOG_LEVEL", "INFO").upper(),
            "propagate": False,
        },
    },
}

# --- Accessibility statement (DOS-lagen, DIGG's model): each municipality fills in its own ---------
ACCESSIBILITY = {
    "organisation": os.getenv(
        "A11Y_ORGANISATION", "Norrtälje kommun och Kommunalförbundet Sjukvård och omsorg i Norrtälje"
    ),
    "service": os.getenv("A11Y_SERVICE", "Tillsammans – uppföljning av handlingsplaner"),
    # helt | delvis | inte
    "compliance": os.getenv("A11Y_COMPLIANCE", "delvis"),
    "contact_email": os.getenv("A11Y_CONTACT_EMAIL", "kontaktcenter@norrtalje.se"),
    "contact_phone": os.getenv("A11Y_CONTACT_PHONE", "0176-710 00"),
    "assessed_on": os.getenv("A11Y_ASSESSED_ON", "2026-12-01"),
    "reviewed_on": os.getenv("A11Y_REVIEWED_ON", "2026-12-01"),
    "published_on": os.getenv("A11Y_PUBLISHED_ON", "2026-12-01"),
}
if ACCESSIBILITY["compliance"] not in ("helt", "delvis", "inte"):
    raise ImproperlyConfigured("A11Y_COMPLIANCE must be helt, delvis or inte")
