"""Settings for the whole project, read from the environment.

Defaults are safe for production (DEBUG off, no secret key); `make run` turns
on DEBUG for local use. A malformed value stops the app at start-up rather than
being silently ignored.
"""

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Only a debugging instance may run on the well-known development key.
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "people",
    "conversations",
    "networks",
    "community",
    "open_referral_api",
    "supervision",
    "reflection",
    "safeguarding",
    "mental_capacity",
    "staff",
    "emergency_access",
    "case_notes",
    "restricted_records",
    "demographics",
    "postcode_centres",
    "client_level_data",
    "moving_in",
    "quality_audit",
    "watching",
    "reading",
    "kept",
    "jobs",
    # The Tasks interface (django-tasks), its database backend and, with REDIS_URL, RQ's.
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "second_factor",
    "single_sign_on",
    "signed_in",
    "audit",
    "personal_data",
    "caseload",
    "measures",
    "overview",
    "own_copy",
    "spreadsheets",
    "demo",
    "history",
    "security",
    "govuk",
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]

MIDDLEWARE = [
    # First, so that every answer (a redirect to HTTPS too) has its id and its one log line.
    "watching.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise: static files may be cached; no page of the app may.
    "security.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session has passed a second factor (django-otp): `request.user.is_verified()`.
    "django_otp.middleware.OTPMiddleware",
    # A form sent after the session ended is kept for after signing in again.
    "accounts.sessions.KeepTypingMiddleware",
    # Every page needs a signed-in user unless its view says otherwise.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.sessions.IdleSignOutMiddleware",
    # Nothing else until the second factor is passed, or set up by those who need one.
    "second_factor.middleware.SecondFactorMiddleware",
    # After the limits: when each browser signed in was last used, at most once a minute.
    "signed_in.middleware.SessionLastUsedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "accounts.context_processors.navigation",
                "accounts.context_processors.session_timeout",
                "single_sign_on.context_processors.council_sign_in",
                "conversations.context_processors.records_to_review",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A worker, a long import and the access log's insert on every page share one file.
    # WAL lets readers and the one writer go on together; IMMEDIATE takes the write lock
    # when a transaction begins, so a writer waits out the busy timeout (20 s) instead of
    # failing at once with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL", transaction_mode="IMMEDIATE", timeout=20
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spends 100 ms or more compiling the costlier page queries
    # that then run in a few milliseconds: a loss for short queries like these (measured
    # with `make bench`).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Choice lists iterate their querysets; a server-side cursor costs two more round trips
    # for a few dozen rows (and would not survive a connection pooler).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A read replica of the PostgreSQL primary, when DATABASE_REPLICA_URL names one: the reads that
# may be a moment behind (the service measures, the directory's export, the searches) go to it,
# each through `reading.databases.replica()`. Unset, there is no "replica" alias and those reads
# use "default" itself: the same connection and transaction, not a second connection to it.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    if not DATABASE_REPLICA_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a postgres:// address.")
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL to be PostgreSQL too.")
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
        disable_server_side_cursors=True,
        # The tests never make a database on the replica: it is the primary's test database.
        test_options={"MIRROR": "default"},
    )
    DATABASES["replica"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Nothing is written or migrated on the replica, whatever object a write starts from.
DATABASE_ROUTERS = ["reading.databases.PrimaryRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The measures' covering indexes carry extra columns on PostgreSQL (`include=`); SQLite keeps
# the same indexes without them, which is all `make run` needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while an account is locked out, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still check, and are upgraded to Argon2 at the next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names so that browsers may cache static files for ever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The cache: Redis through Django's RedisCache when REDIS_URL is set, shared by every app server
# (one Redis database per deployment: `redis://host:6379/1`); otherwise each process keeps its
# own in memory, as one server and the tests do.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    # Not echoed: the address may carry Redis's password.
    raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or unix:// address.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Background jobs (jobs/) on Django's Tasks interface (django-tasks, the backport of Django 6's
# django.tasks): queued in the database (django-tasks-db) and run by `manage.py run_worker`,
# which `make run` starts beside the server and which also enqueues the periodic jobs; with
# REDIS_URL, queued on Redis through RQ (django-tasks-rq, django-rq), so that workers may run on
# other machines. The tests use the database backend and run its worker in-process.
# The queue may have a Redis database of its own (REDIS_QUEUE_URL): clearing the cache empties
# the whole of the cache's database, queued jobs with it.
REDIS_QUEUE_URL = env_str("REDIS_QUEUE_URL", REDIS_URL)
if REDIS_QUEUE_URL and not REDIS_URL:
    raise ImproperlyConfigured("REDIS_QUEUE_URL needs REDIS_URL too.")
if REDIS_QUEUE_URL and not REDIS_QUEUE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("REDIS_QUEUE_URL must be a redis://, rediss:// or unix:// address.")
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # RQ's own time limit is off: a job's lease (below) notices a worker that died.
    RQ_QUEUES = {"default": {"URL": REDIS_QUEUE_URL, "DEFAULT_TIMEOUT": -1}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A running job's worker renews its lease a third of this often; a job whose lease ran out (its
# worker died) is run again by the recovery sweep, up to JOBS_MAX_ATTEMPTS runs in all.
JOBS_LEASE_SECONDS = env_int("JOBS_LEASE_SECONDS", 120)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 3)
# What jobs read and make (an upload waiting to be imported, a report): never served from an
# address of its own, only through the pages that check who may see it. Workers on other
# machines need the same folder (a shared disk).
JOBS_FILES_DIR = env_str("JOBS_FILES_DIR", str(BASE_DIR / "jobs_files"))
STORAGES["jobs"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": JOBS_FILES_DIR},
}
# A subject access export waits there this many days after it is made, for whoever made it to
# download; then `subject_access_exports_tidy` (daily, by the worker) deletes it.
SUBJECT_ACCESS_EXPORT_DAYS = env_int("SUBJECT_ACCESS_EXPORT_DAYS", 7)
# An Open Referral UK export prepared in the background, likewise (`openreferral_exports_tidy`).
OPEN_REFERRAL_EXPORT_DAYS = env_int("OPEN_REFERRAL_EXPORT_DAYS", 7)
# The hosts whose Open Referral UK APIs an administrator may import from (feeds): exact names,
# comma-separated. None unless set. Loopback addresses only where a test allows them.
OPEN_REFERRAL_FEED_HOSTS = env_list("OPEN_REFERRAL_FEED_HOSTS")
OPEN_REFERRAL_FEED_ALLOW_LOOPBACK = False

# Service measures are kept this many seconds (0: not kept); no server shows older ones.
MEASURES_CACHE_SECONDS = env_int("MEASURES_CACHE_SECONDS", 300)
# How long a team's caseload figures (who holds what) are kept; the lists beneath are always read
# afresh.
CASELOAD_CACHE_SECONDS = env_int("CASELOAD_CACHE_SECONDS", 60)

# Retention by kind of record: a closed case record is anonymised this long after the last
# contact (the latest of the first contact, a conversation, a note between conversations and
# closing the record); a first contact that went no further (no signed-off conversation, no
# safeguarding concern) this long after it (anonymise_closed_records). A legal hold stops it.
RECORD_RETENTION_YEARS = env_int("RECORD_RETENTION_YEARS", 8)
FIRST_CONTACT_RETENTION_YEARS = env_int("FIRST_CONTACT_RETENTION_YEARS", 2)
# A supervision note's words are removed this long after the supervision.
SUPERVISION_RETENTION_YEARS = env_int("SUPERVISION_RETENTION_YEARS", 6)

# A care and support plan is first reviewed within this many weeks of starting, then at
# least this often (Care Act 2014 s.27): reviews due show on practitioners' home pages and
# the lead's caseload this many days ahead.
PLAN_FIRST_REVIEW_WEEKS = env_int("PLAN_FIRST_REVIEW_WEEKS", 8)
PLAN_REVIEW_MONTHS = env_int("PLAN_REVIEW_MONTHS", 12)
REVIEWS_DUE_DAYS_AHEAD = env_int("REVIEWS_DUE_DAYS_AHEAD", 14)

# A community resource not verified for this long joins the freshness review.
RESOURCE_STALE_AFTER_MONTHS = env_int("RESOURCE_STALE_AFTER_MONTHS", 12)

# The council's code in the quarterly Client Level Data return (its LA_Code column, which
# every row needs); blank until set, and the return's page says so.
CLIENT_LEVEL_DATA_LA_CODE = env_str("CLIENT_LEVEL_DATA_LA_CODE", "")

# The principal social worker's monthly quality audit (quality_audit): this many signed-off
# records drawn at random each month, each audited against the rubric's questions, answered
# Yes, Partly or No. Each answer keeps the question's words as they were asked, so a changed
# or removed question never changes an audit already done; a key is never reused for another
# question. Themes are what an audit may be tagged with, to count across months.
QUALITY_AUDIT_SAMPLE_SIZE = env_int("QUALITY_AUDIT_SAMPLE_SIZE", 10)
QUALITY_AUDIT_RUBRIC = [
    ("voice", "Is the person's voice there, in their own words?"),
    ("strengths", "Are their strengths there?"),
    ("relationships", "Are their relationships there?"),
    ("community", "Is their community there?"),
    ("needs", "Are their needs there?"),
    ("decisions_explained", "Were decisions explained, with the reasons?"),
    ("agreed", "Was the record agreed with the person?"),
]
QUALITY_AUDIT_THEMES = [
    ("own_words", "Their own words"),
    ("strengths_based", "Strengths-based language"),
    ("network", "Their network used"),
    ("community", "Community connections"),
    ("deficit_language", "Deficit language"),
    ("decision_reasons", "Reasons for decisions missing"),
    ("not_read_back", "Not read back with them"),
]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# crispy-forms-gds styles text, email and password inputs as GOV.UK inputs; these too.
CRISPY_CLASS_CONVERTERS = dict.fromkeys(
    ["urlinput", "numberinput", "telinput", "searchinput", "dateinput", "timeinput"], "govuk-input"
)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Sign-in protection: after this many failures from one address for one account,
# sign-in is refused for a while (django-axes).
AXES_FAILURE_LIMIT = env_int("SIGN_IN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_CALLABLE = "accounts.forms.sign_in_username"
AXES_VERBOSE = False

# Behind a load balancer (PROXY_COUNT of them) the client's address and the
# original scheme come from the headers the proxies set.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# One rule, through django-ipware, for the address sign-in protection counts and the
# access log records.
AXES_CLIENT_IP_CALLABLE = "audit.addresses.client_address"
# Every failed sign-in is kept (account, address, time) for administrators to see.
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Single sign-on through the council's own identity provider (OpenID Connect,
# mozilla-django-oidc), only when its client is set: staff are matched by email to their
# accounts here, which keep their roles and teams. Without it, sign-in is by password only.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
# Whether the provider's own second factor is enough (true), or ours is asked for too.
OIDC_TRUST_PROVIDER_SECOND_FACTOR = env_bool("OIDC_TRUST_PROVIDER_SECOND_FACTOR", True)
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    AUTHENTICATION_BACKENDS.append("single_sign_on.backends.CouncilAccountBackend")
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "single_sign_on:callback"
# Seconds to wait for the provider's token, keys and user information.
OIDC_TIMEOUT = 10

# Signed out after this long without using the service, warned two minutes before.
SESSION_IDLE_SECONDS = 60 * env_int("SESSION_IDLE_MINUTES", 30)
SESSION_WARNING_SECONDS = 120
# However active, a session ends this long after signing in (accounts/sessions.py).
SESSION_MAX_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
# Emergency access to the record of a person outside one's teams lasts this long.
EMERGENCY_ACCESS_MINUTES = env_int("EMERGENCY_ACCESS_MINUTES", 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", not DEBUG)
# Only the origin, even to our own pages: a full address can carry a search for a
# person's name, which would then sit in server logs as the Referer.
SECURE_REFERRER_POLICY = "strict-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, images and fonts from
# this site only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        # What a browser blocked is logged by security.views.csp_report.
        "report-uri": ["/csp-report/"],
    }
}

# Features no page of the service uses are turned off for it and anything it embeds.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

# A link to set a password (a reset, or a new account's) works once, for this many hours.
PASSWORD_RESET_TIMEOUT = 60 * 60 * env_int("PASSWORD_LINK_HOURS", 72)

# A second factor at sign-in (second_factor/): an authenticator app's codes (TOTP) with
# recovery codes, or a passkey. Required of these roles, or of everyone when set.
SECOND_FACTOR_REQUIRED_ROLES = ["administrator", "information_governance", "team_lead"]
SECOND_FACTOR_FOR_EVERYONE = env_bool("SECOND_FACTOR_FOR_EVERYONE", False)
# How the service names itself in authenticator apps and to passkeys.
OTP_TOTP_ISSUER = "What matters"
# Passkeys (django-otp-webauthn) belong to a host name, never an IP address: the service's
# own, and the exact origins its pages are served from.
OTP_WEBAUTHN_RP_ID = env_str("PASSKEY_HOST", "localhost")
OTP_WEBAUTHN_RP_NAME = "What matters"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "PASSKEY_ORIGINS",
    "http://localhost:8000" if DEBUG else f"https://{OTP_WEBAUTHN_RP_ID}",
)
# A passkey is a second factor after the password, never a way in by itself.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Email: the links that set a password (a new account, a password reset). Sent by SMTP when
# EMAIL_HOST is set; otherwise printed on the console, so `make run` shows each link.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "What matters <no-reply@localhost>")

# The council, as the person's own copy names it: who to contact, how to complain and how
# it uses their information (a short privacy notice). Paragraphs are split by a blank line.
COUNCIL_NAME = env_str("COUNCIL_NAME", "Example Council Adult Social Care")
COUNCIL_COMPLAINTS = env_str(
    "COUNCIL_COMPLAINTS",
    "If you are unhappy with how we have worked with you, you can complain to the council's "
    "complaints team. Tell your worker, or write to us: we will reply within 10 working "
    "days.",
)
COUNCIL_PRIVACY_NOTICE = env_str(
    "COUNCIL_PRIVACY_NOTICE",
    "We keep this record to work with you and to meet our duties under the Care Act 2014. "
    "Only the people who work with you, and those who check our work, can read it. We share "
    "it with others only when you agree, or when the law says we must, for example to keep "
    "someone safe.\n\nYou can ask for a copy of everything we hold about you, and ask us to "
    "correct anything that is wrong. Ask your worker, or the council's information "
    "governance team.",
)

# How the person asks us to look at a decision again, in the letters that tell them of it.
COUNCIL_DECISION_REVIEW = env_str(
    "COUNCIL_DECISION_REVIEW",
    "If you think we got this decision wrong, or something has changed, you can ask us to "
    "look at it again. Tell your worker, or call or write to the team below, within 28 days "
    "if you can. Someone who did not make the decision will look at it and write to you.",
)

# The debug page, if ever shown, hides the database's address with its password.
DEFAULT_EXCEPTION_REPORTER_FILTER = "security.debug.SecretsHidden"

# The request log (watching.requests): one line per request, JSON for a log service, or
# plain text to read at the console under DEBUG.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")

# Each line is written once, by the root's console handler: Django's own handlers (a second
# console one under DEBUG, and mail_admins, which sends nothing with no ADMINS) are removed
# from its `django` logger, whose lines propagate to the root like everyone else's.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "without_query_strings": {"()": "security.logging.WithoutQueryStrings"},
        "refusals_without_traceback": {"()": "config.logging.RefusalsWithoutTraceback"},
        "without_codes": {"()": "watching.logging.WithoutCodes"},
    },
    "formatters": {
        "console": {"format": "[{asctime}] {levelname} {name}: {message}", "style": "{"},
        "json": {"()": "watching.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "console"},
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "console",
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # No handlers of its own, and the root's level (NOTSET: inherited).
        "django": {"handlers": [], "level": "NOTSET"},
        # A 403 or 404 is one warning line naming the page; a 500 keeps its traceback.
        # Its lines name the page: a person's code in it becomes `<code>`.
        "django.request": {"filters": ["refusals_without_traceback", "without_codes"]},
        # At DEBUG, the template engine logs each missing variable with the whole context
        # (people's records, what was typed in a form): never, whatever LOG_LEVEL says.
        "django.template": {"level": "INFO"},
        # WeasyPrint logs each step of every PDF at INFO, and a warning for each CSS
        # property it does not know; errors stay.
        "weasyprint": {"level": "ERROR"},
        # One line per request, with its id and no one's data (watching/middleware.py).
        "watching.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # django-axes logs every sign-in attempt at INFO; lockouts are warnings.
        "axes": {"level": "WARNING"},
        # The development server's request log, without the searches in its query strings.
        "django.server": {
            "handlers": ["console"],
            "level": "INFO",
            "propagate": False,
            "filters": ["without_query_strings", "without_codes"],
        },
    },
}

# Error reports to a Sentry-compatible service, only when SENTRY_DSN is set: no personal
# data is sent (watching/errors.py scrubs each event), and traces only when a rate is given.
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production")
try:
    SENTRY_TRACES_SAMPLE_RATE = float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0"))
except ValueError:
    raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1.") from None
if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
    raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be a number from 0 to 1.")
if SENTRY_DSN:
    from watching.errors import error_reports_start

    error_reports_start(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )
