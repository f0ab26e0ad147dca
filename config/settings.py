"""joinedup settings: one module, driven by the environment (see README for the variables)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from config.database import postgres_options

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_secret(name: str) -> str | None:
    """Read a secret from NAME, or from the file named by NAME_FILE (container secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text().strip()
    return os.environ.get(name)


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The demo and the tests run with JOINEDUP_DEMO=1; anywhere else a real secret is required.
DEMO = env_bool("JOINEDUP_DEMO", default=False)

_secret = env_secret("SECRET_KEY")
if not _secret:
    if not (DEBUG or DEMO):
        raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) must be set outside the demo")
    _secret = "demo-only-not-secret-" + "x" * 40
SECRET_KEY = _secret

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "joinedup.core",
    "joinedup.ui",
    "joinedup.accounts",
    "joinedup.audit",
    "joinedup.organisations",
    "joinedup.people",
    "joinedup.teams",
    "joinedup.access",
    "joinedup.portal",
    "joinedup.insight",
    "joinedup.allocation",
    "joinedup.notifications",
    "joinedup.transfers",
    "joinedup.escalations",
    "joinedup.disagreements",
    "joinedup.closure",
    "joinedup.consultations",
    "joinedup.referrals",
    "joinedup.plans",
    "joinedup.duties",
    "joinedup.ehc",
    "joinedup.reviews",
    "joinedup.assessments",
    "joinedup.meetings",
    "joinedup.documents",
    "joinedup.handovers",
    "joinedup.contingency",
    "joinedup.moves",
    "joinedup.api",
    "joinedup.demo",
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
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# The user is loaded with their practitioner profile: one query fewer a request (joinedup/accounts/backends.py).
AUTHENTICATION_BACKENDS = ["joinedup.accounts.backends.UserWithProfileBackend"]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

TEMPLATES = [
    {
        "BACKEND": "joinedup.ui.backend.Jinja2Templates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "joinedup.ui.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "joinedup.ui.context.navigation",
            ],
        },
    },
    {
        # Django's own templates (the admin is not installed; kept for third-party pages).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

_default_sqlite = f"sqlite:///{BASE_DIR / 'var' / 'joinedup.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    # SQLite creates the file but not its folder; a fresh clone has no var/ yet.
    (BASE_DIR / "var").mkdir(exist_ok=True)
# An empty DATABASE_URL counts as unset.
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_sqlite)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Immediate transactions and a busy timeout: concurrent writers wait instead of failing.
        "transaction_mode": "IMMEDIATE",
        "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"),
    }
else:
    # Keep each worker thread's connection to PostgreSQL between requests (seconds; 0 closes it
    # after every request). A new connection costs PostgreSQL a process and its caches: about 10 ms
    # of CPU a request under the load test (issue 6). Each is checked before a request reuses it,
    # so a restarted database costs a reconnection, not a failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT, no parallel workers, prepared statements: config/database.py says why. Set
    # DATABASE_PREPARED_STATEMENTS=0 behind a pooler that cannot keep them (PgBouncer before 1.21).
    DATABASES["default"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {}) | postgres_options(
        prepared_statements=os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
    )
# Every request is one transaction, so a read and its audit row commit (or fail) together (G3).
DATABASES["default"]["ATOMIC_REQUESTS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (Index.include) are PostgreSQL's; on SQLite Django leaves the extra columns out
# and says so at every migrate. That is what we want: the index still works there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "fe" / "static_build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG or DEMO:
    # The demo serves straight from the build folder; no collectstatic step needed.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True  # no collectstatic in the demo: serve from the finders

# Letters and reports shared with a child's team (B5): kept outside the web root, with no URL of
# their own; they are served only by the documents app, through the access policy.
JOINEDUP_DOCUMENTS_ROOT = Path(os.environ.get("JOINEDUP_DOCUMENTS_ROOT") or BASE_DIR / "var" / "documents")
JOINEDUP_DOCUMENT_MAX_BYTES = int(os.environ.get("JOINEDUP_DOCUMENT_MAX_BYTES") or 10 * 1024 * 1024)

# Sessions in the database, read by hand on every request (joinedup/accounts/sessions.py).
SESSION_ENGINE = "joinedup.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not (DEBUG or DEMO)
CSRF_COOKIE_SECURE = not (DEBUG or DEMO)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy: nothing inline without a nonce, nothing from elsewhere.
from django.utils.csp import CSP  # noqa: E402 - grouped with the policy it configures

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

MAILERS = {"default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 100
