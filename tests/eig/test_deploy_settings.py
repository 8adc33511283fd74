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
