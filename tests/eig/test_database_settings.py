"""The site's PostgreSQL connections run without the JIT compiler (eig/settings.py, docs/operations.md)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_site_connections_have_jit_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone()

    assert jit == "off"
