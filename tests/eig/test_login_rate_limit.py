import pytest
from django.urls import reverse

from tests.eig.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."


def test_admin_login_rate_limited_after_repeated_failures(client):
    staff = UserFactory(staff=True)
    login_url = reverse("account_login") + "?next=" + reverse("admin:index")
    for _ in range(5):
        client.post(login_url, {"login": staff.email, "password": "pas-le-bon-mot-de-passe"})

    response = client.post(login_url, {"login": staff.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_login_succeeds_below_the_limit(client):
    staff = UserFactory(staff=True)
    login_url = reverse("account_login") + "?next=" + reverse("admin:index")
    for _ in range(3):
        client.post(login_url, {"login": staff.email, "password": "pas-le-bon-mot-de-passe"})

    response = client.post(login_url, {"login": staff.email, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
