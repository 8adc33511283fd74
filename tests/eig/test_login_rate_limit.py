import pytest
from django.urls import reverse

from tests.eig.factories import DEFAULT_PASSWORD, TOTP_SECRET, UserFactory, current_totp_code

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
    second_step = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})

    assert response["Location"] == reverse("mfa_authenticate")
    assert second_step["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_needs_the_second_factor(client):
    staff = UserFactory(staff=True)
    login_url = reverse("account_login") + "?next=" + reverse("admin:index")

    client.post(login_url, {"login": staff.email, "password": DEFAULT_PASSWORD})
    wrong_code = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert wrong_code.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index"), follow=True).request["PATH_INFO"] == reverse("mfa_authenticate")
