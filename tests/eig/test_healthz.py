import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_redis(client, settings):
    response = client.get(reverse("healthz"))

    expected_redis = "ok" if settings.REDIS_URL else "not_configured"
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "redis": expected_redis}
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_healthz_unavailable_when_redis_is_down(client, settings):
    # Nothing listens on port 1: the configured Redis is unreachable.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "ok", "redis": "error"}


@pytest.mark.django_db(transaction=True)
def test_healthz_unavailable_when_database_is_down(client):
    from django.db import connection

    # Point the connection at a port where no PostgreSQL listens, then restore it.
    original = connection.settings_dict.copy()
    connection.close()
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": "1"})
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
