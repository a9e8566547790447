"""Settings for every process (web, Celery worker and beat), read from the environment.

Every variable is listed with its default in the README's settings table.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from pythonjsonlogger.core import RESERVED_ATTRS as RESERVED_LOG_RECORD_ATTRS

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-DEBUG"
# Key of the hashes by which ΑΜΚΑ/ΑΦΜ are looked up and kept unique; changing it needs
# `manage.py rehash_personal_ids`. Defaults to one derived from SECRET_KEY.
PERSONAL_ID_HASH_KEY = env.str("PERSONAL_ID_HASH_KEY", default="") or f"personal-ids:{SECRET_KEY}"

# Centres live at <slug>.<PLATFORM_DOMAIN>; the public site (operator, region, directory) at
# PLATFORM_DOMAIN itself.
PLATFORM_DOMAIN = env.str("PLATFORM_DOMAIN", default="localhost")
ALLOWED_HOSTS = [PLATFORM_DOMAIN, f".{PLATFORM_DOMAIN}", *env.list("EXTRA_ALLOWED_HOSTS", default=[])]
# Port shown in printed URLs and e-mails (the development server runs on 8000).
PLATFORM_PORT = env.int("PLATFORM_PORT", default=0)
PLATFORM_SCHEME = env.str("PLATFORM_SCHEME", default="https" if not DEBUG else "http")

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "regional",
    "partners",
    "platform_core",
    "platform_core.accounts",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.admin",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "axes",
]

# Everything about people, and the staff accounts that work with them, lives in the centre's
# schema. Auth, sessions, tokens and login attempts are in both lists: a centre's login does
# not exist anywhere else.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "platform_core.accounts",
    "knox",
    "axes",
    "casework",
    "programs",
    "notifications",
]

INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Centre"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "platform_core.urls_public"
ROOT_URLCONF = "platform_core.urls_tenant"
# django-tenants #1262: with this on, a rolled-back savepoint leaves a stale search_path.
TENANT_LIMIT_SET_CALLS = False
SHOW_PUBLIC_IF_NO_TENANT_FOUND = False
# Seconds each process remembers which centre a host is (0: look it up on every request).
CENTRE_ROUTING_CACHE_SECONDS = env.int("CENTRE_ROUTING_CACHE_SECONDS", default=5)
# migrate_schemas runs centres in parallel processes when there are many (django-tenants #1082).
TENANT_MULTIPROCESSING_MAX_PROCESSES = env.int("MIGRATION_PROCESSES", default=2)
# migrate_schemas enters only the schemas that are behind and re-syncs reference data only where
# its recorded version is not the code's (tenants/migrate.py); 0: stock django-tenants.
MIGRATE_SKIP_CURRENT = env.bool("MIGRATE_SKIP_CURRENT", default=True)
GET_EXECUTOR_FUNCTION = "tenants.migrate.executor_get"

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default="postgres://postgres@127.0.0.1:5432/koinotita",
        engine="django_tenants.postgresql_backend",
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # Every cache key carries the schema of the centre that wrote it.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "KEY_PREFIX": "koinotita",
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "platform_core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "platform_core.health.ProbeMiddleware",
    "tenants.routing.CentreRoutingMiddleware",
    "platform_core.middleware.CentreStatusMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "platform_core.locale_middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "platform_core.sessions.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "platform_core.middleware.FirstLoginMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A NUL character anywhere in the request is bad input (PostgreSQL cannot store it): 400.
    "platform_core.input_guards.NulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "platform_core.context_processors.platform",
                "notifications.context_processors.unread_notifications",
            ],
            # |money and |vocative in every template (platform_core/templatetags/koinotita.py).
            "builtins": ["platform_core.templatetags.koinotita"],
        },
    }
]

WSGI_APPLICATION = "platform_core.wsgi.application"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend whose resolved permissions are cached per centre, user and role version.
    "platform_core.accounts.permission_cache.CachedModelBackend",
]
# Seconds a user's resolved permissions stay cached (0: resolved from the database each request).
PERMISSION_CACHE_SECONDS = env.int("PERMISSION_CACHE_SECONDS", default=3600)
# Shortest password accepted; Django's list of 20,000 common passwords is checked offline too.
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=12)
if PASSWORD_MIN_LENGTH < 12:
    raise ImproperlyConfigured("PASSWORD_MIN_LENGTH must be at least 12.")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes, platform_core/accounts/throttling.py), in the schema of the host,
# within LOGIN_COOLOFF_HOURS: LOGIN_FAILURE_LIMIT failures of one account from one address lock
# that pair; LOGIN_ACCOUNT_FAILURE_LIMIT failures of one account from any addresses lock the
# account everywhere; LOGIN_ADDRESS_FAILURE_LIMIT failures from one address on any accounts lock
# the address (password spraying). A success clears that account's failures. README: "Sign-in".
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "platform_core.accounts.throttling.LoginThrottleHandler"
# A locked client's further attempts are refused without being counted: one address can add at
# most LOGIN_FAILURE_LIMIT failures to an account's count, nor prolong its own lock.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "platform_core.accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "platform_core.client_address.client_address"
AXES_VERBOSE = False
# Addresses or networks of the reverse proxies in front of the web processes (infra/nginx.conf):
# only a request whose REMOTE_ADDR is one of them has its client address taken from
# X-Forwarded-For (the right-most entry that is not a trusted proxy). Empty: REMOTE_ADDR always.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# API tokens (django-rest-knox with our token model): hours a token lives, and how many live
# tokens one account may hold (issuing one more revokes the oldest).
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=168)
if API_TOKEN_TTL_HOURS < 1:
    raise ImproperlyConfigured("API_TOKEN_TTL_HOURS must be at least 1: tokens always expire.")
API_TOKENS_PER_USER = env.int("API_TOKENS_PER_USER", default=10)
KNOX_TOKEN_MODEL = "accounts.ApiToken"
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=API_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

LANGUAGE_CODE = "el"
LANGUAGES = [("el", _("Ελληνικά")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "platform_core" / "locale"]
# Our dates, 24-hour times and «1.200,00» numbers, over Django's own per-language formats.
FORMAT_MODULE_PATH = ["platform_core.formats"]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploads (people's scanned documents) are never served by URL: no MEDIA_URL route, no web-server
# location; only casework's authorised, logged download views read them.
MEDIA_URL = ""
# Centre archives (tenants.archive): outside every centre's media folder, never served by URL.
CENTRE_EXPORT_ROOT = env.path("CENTRE_EXPORT_ROOT", default=str(Path(MEDIA_ROOT) / "centre-exports"))
# Where pg_dump is, when it is not the embedded server's, the distribution's or on PATH.
PG_BIN_DIR = env.str("PG_BIN_DIR", default="")
# Largest scanned document accepted, in bytes.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Largest spreadsheet (XLSX/CSV) a coordinator may import, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / ".devdata" / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"koinotita@{PLATFORM_DOMAIN}")

# SMS: "console" (demo), "file" (one JSON line per message in SMS_FILE_PATH), "http" (a generic
# gateway at SMS_HTTP_URL with a bearer SMS_HTTP_TOKEN) or a dotted path to a backend class.
SMS_BACKEND = env.str("SMS_BACKEND", default="console")
SMS_FILE_PATH = env.str("SMS_FILE_PATH", default=str(BASE_DIR / ".devdata" / "sms.jsonl"))
SMS_HTTP_URL = env.str("SMS_HTTP_URL", default="")
SMS_HTTP_TOKEN = env.str("SMS_HTTP_TOKEN", default="")
SMS_SENDER = env.str("SMS_SENDER", default="Koinotita")
SMS_HTTP_TIMEOUT = env.float("SMS_HTTP_TIMEOUT", default=10.0)
# Reminder dispatch (notifications.dispatch): rows claimed per batch, how long a claim lasts
# before another worker may take the row over, attempts before a temporary failure is final,
# the first retry delay (doubling each time), and how long one run goes on claiming batches.
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=100)
# Published counts of distinct persons or households from 1 up to (not including) this are
# suppressed, with complementary suppression (regional.suppression). 5: counts 1–4 are hidden.
INDICATOR_SUPPRESSION_THRESHOLD = env.int("INDICATOR_SUPPRESSION_THRESHOLD", default=5)
if INDICATOR_SUPPRESSION_THRESHOLD < 2:
    raise ImproperlyConfigured("INDICATOR_SUPPRESSION_THRESHOLD must be at least 2.")
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=300)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=6)
REMINDER_RETRY_SECONDS = env.int("REMINDER_RETRY_SECONDS", default=60)
REMINDER_RUN_SECONDS = env.float("REMINDER_RUN_SECONDS", default=50.0)

# Production safety; `manage.py check --deploy` is clean with HTTPS on and a real SECRET_KEY.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_HTTPONLY = True
# Sessions: signed out after SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS
# after signing in whatever the activity (platform_core.sessions.SessionTimeoutMiddleware); the
# session key is new at every sign-in (Django's login()).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=8 * 3600)
if not 60 <= SESSION_IDLE_SECONDS <= SESSION_ABSOLUTE_SECONDS:
    raise ImproperlyConfigured("SESSION_IDLE_SECONDS must be at least 60 and at most SESSION_ABSOLUTE_SECONDS.")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form is accepted only from the host that served it: Django's CSRF check already trusts the
# request's own origin (scheme + Host), so nothing more is trusted by default. A wildcard
# "*.PLATFORM_DOMAIN" would let one centre's pages post to every other centre.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Browser features no page of the platform uses, switched off for every page and frame.
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default="accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
            "magnetometer=(), microphone=(), midi=(), payment=(), usb=()",
)

# Content-Security-Policy (django-csp): scripts only from this host's own static files, never
# inline (no 'unsafe-inline' or 'unsafe-eval' for scripts); inline styles stay allowed because
# ReDoc and htmx insert style elements. ReDoc runs its search in a blob: worker.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "platform_core.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # JSON nested deeper than input_guards.JSON_MAX_DEPTH, or holding NUL, is a 400.
    "DEFAULT_PARSER_CLASSES": [
        "platform_core.input_guards.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "platform_core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Koinotita API",
    "DESCRIPTION": "API of the Koinotita platform for Community Centres (Κέντρα Κοινότητας).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The docs pages load Swagger UI and ReDoc from this project's static files (pinned by the
    # drf-spectacular-sidecar version), never from a CDN: they work offline and run no third-party
    # script on a centre's origin. Swagger UI's validator badge would call validator.swagger.io.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # One name for each choice set that several fields or models share.
    "ENUM_NAME_OVERRIDES": {
        "AnswerEnum": "casework.models.people.Answer",
        "DocumentKindEnum": "casework.models.records.Document.Kind",
        "AccessLogActionEnum": "casework.models.records.AccessLog.Action",
        "AccessLogChannelEnum": "casework.models.records.AccessLog.Channel",
        "CaseStatusEnum": "casework.models.cases.Case.Status",
        "CaseClosedReasonEnum": "casework.models.cases.Case.ClosedReason",
        "CaseEventKindEnum": "casework.models.cases.CaseEvent.Kind",
        "NeedEnum": "casework.models.cases.Need",
        "ContactNoteKindEnum": "casework.models.cases.ContactNote.Kind",
        "PathwayStepStateEnum": "casework.models.cases.PathwayStep.State",
        "ReceptionContactChannelEnum": "casework.models.cases.ReceptionContact.Channel",
        "ReceptionContactOutcomeEnum": "casework.models.cases.ReceptionContact.Outcome",
        "BenefitKindEnum": "casework.models.BenefitApplication.Kind",
        "AidRoundKindEnum": "casework.models.AidRound.Kind",
        "ImportKindEnum": "casework.models.imports.ImportKind",
        "ImportJobStatusEnum": "casework.models.imports.ImportJob.Status",
        "ReminderKindEnum": "notifications.models.Reminder.Kind",
        "ReminderStateEnum": "notifications.models.Reminder.State",
        "ReminderChannelEnum": "notifications.models.Channel",
        "ReminderFailureReasonEnum": "notifications.models.Reminder.FailureReason",
        "DeliveryOutcomeEnum": "notifications.models.DeliveryAttempt.Outcome",
        "SiteKindEnum": "casework.models.sites.Site.Kind",
        "ProgrammeKindEnum": "programs.models.Programme.Kind",
        "ProgrammeStatusEnum": "programs.models.Programme.Status",
        "ProgrammeAccessEnum": "programs.models.Programme.Access",
        "SessionStatusEnum": "programs.models.Session.Status",
        "EnrolmentStatusEnum": "programs.models.Enrolment.Status",
        "AttendanceMarkEnum": "programs.models.Attendance.Mark",
        "AppointmentStatusEnum": "programs.models.Appointment.Status",
        "AppointmentCancelledByEnum": "programs.models.Appointment.CancelledBy",
        "AppointmentOutcomeEnum": [("attended", "attended"), ("missed", "missed")],
        "ReferralStatusEnum": "casework.models.referrals.Referral.Status",
        "ReferralOutcomeEnum": "casework.models.referrals.Referral.Outcome",
        "ReferralOutcomeReasonEnum": "casework.models.referrals.Referral.OutcomeReason",
        "ReferralDeliveryEnum": "casework.models.referrals.Referral.Delivery",
        "IncomingReferralStatusEnum": "casework.models.referrals.IncomingReferral.Status",
        "DataCategoryEnum": "casework.models.referrals.DataCategory",
        "UrgencyEnum": "casework.models.referrals.Urgency",
        "ServiceStatusEnum": "partners.models.directory.Service.Status",
        "ReferralMethodEnum": "partners.models.directory.ReferralMethod",
    },
}

# Celery: Redis broker; the rows in PostgreSQL are the truth, Redis holds nothing that matters.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
# The queue tasks go to (and workers read by default); benchmarks and tests name their own.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = False
# The one beat entry per job, for every job: DatabaseScheduler writes these rows at start
# (idempotently, by name); each fans out over the active centres. Crontabs are in CELERY_TIMEZONE.
CELERY_BEAT_SCHEDULE = {
    "reminders-dispatch": {"task": "notifications.reminders_fan_out", "schedule": 60.0},
    "monthly-centre-reports": {"task": "notifications.reports_monthly_dispatch",
                               "schedule": crontab(minute="30", hour="5", day_of_month="1")},
    "regional-rollup": {"task": "regional.indicators_rollup_fan_out", "schedule": crontab(minute="30", hour="2")},
    "centre-restore-drill": {"task": "tenants.restore_drill_fan_out",
                             "schedule": crontab(minute="0", hour="4", day_of_month="2")},
    "centre-health": {"task": "tenants.centre_health_refresh", "schedule": crontab(minute="*/15")},
}

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'text'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "centre": {"()": "platform_core.logging.CentreFilter"},
        "no_query_strings": {"()": "platform_core.logging.QueryStringFilter"},
        "no_refusal_tracebacks": {"()": "platform_core.logging.RefusalTracebackFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(centre)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            # Django attaches the request to its log records; its repr carries the query string,
            # which may hold personal data (a search by name or ΑΜΚΑ). The message has the path.
            "reserved_attrs": [*RESERVED_LOG_RECORD_ATTRS, "request"],
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(centre)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler",
                    "filters": ["centre", "no_query_strings", "no_refusal_tracebacks"],
                    "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Request lines carry only paths (ids, never names): QueryStringFilter drops query strings.
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
