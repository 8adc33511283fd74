import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def production_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "EIG_TESTING"}}
    env.update(
        {
            "SECRET_KEY": "k7#Qz9!wX2@pL5$vR8^tY1&uN4*mB6(cV3)dF0_gH+jK-sA=eW~iO|oP;lZ:xC<bV>nM",
            "ALLOWED_HOSTS": "eig.beta.gouv.fr",
            "DJANGO_SETTINGS_MODULE": "eig.settings",
        }
    )
    return env


def test_check_deploy_has_no_warning_with_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_refuse_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "SECRET_KEY doit être défini quand DEBUG est désactivé." in result.stderr


def settings_error(**variables: str) -> str:
    """The last line a start with these environment variables prints (the settings' refusal)."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env={**production_env(), **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    return result.stderr.strip().splitlines()[-1]


def test_settings_refuse_an_unknown_accessibility_status():
    assert settings_error(ACCESSIBILITY_STATUS="presque") == (
        "django.core.exceptions.ImproperlyConfigured: ACCESSIBILITY_STATUS : « presque » n'est pas l'un de non, "
        "partiellement, totalement."
    )


def test_settings_refuse_a_conformity_claimed_without_audit():
    assert settings_error(ACCESSIBILITY_STATUS="totalement") == (
        "django.core.exceptions.ImproperlyConfigured: ACCESSIBILITY_STATUS : sans audit (ACCESSIBILITY_AUDIT_DATE), "
        "le site est « non » conforme."
    )


def test_settings_refuse_a_date_not_in_iso_format():
    assert settings_error(ACCESSIBILITY_AUDIT_DATE="14/03/2026") == (
        "django.core.exceptions.ImproperlyConfigured: ACCESSIBILITY_AUDIT_DATE : « 14/03/2026 » n'est pas une date "
        "au format AAAA-MM-JJ."
    )


def test_proconnects_issuer_origin_is_added_to_the_csp_form_action():
    """The ProConnect sign-in form redirects to the issuer (eig/proconnect_settings.py, form_action_origins)."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        ],
        cwd=BASE_DIR,
        env={
            **production_env(),
            "PROCONNECT_ISSUER": "https://auth.agentconnect.gouv.fr/api/v2/",
            "PROCONNECT_CLIENT_ID": "eig-plateforme",
            "PROCONNECT_SECRET": "secret-de-test",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.strip() == "[\"'self'\", 'https://auth.agentconnect.gouv.fr']", result.stderr


def test_without_proconnect_the_csp_form_action_is_self_only():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        ],
        cwd=BASE_DIR,
        env={key: value for key, value in production_env().items() if not key.startswith("PROCONNECT_")},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.stdout.strip() == "[\"'self'\"]", result.stderr
