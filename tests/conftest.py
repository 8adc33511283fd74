import os
import uuid

import pytest

from eig.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Each test gets its own cache namespace (rate limits live there), without flushing a shared Redis."""
    caches = {alias: {**config} for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"eig-test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded private files (CVs) go to a temporary folder, never to the checkout's .data."""
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with PBKDF2 costs ~0.3 s per user; tests do not measure password strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _celery_eager():
    """Tasks run inline in ordinary tests; tests marked celery_worker use a real worker on Redis."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
