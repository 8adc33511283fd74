"""Login rate limits behind the reverse proxy: each visitor is counted on their own address, read from
X-Forwarded-For only when the request comes from a trusted proxy (eig/client_ip.py)."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from eig.checks import trusted_proxies_check
from eig.client_ip import client_ip, parse_address
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.eig.test_deploy_settings import production_env

PROXY = "172.18.0.5"
TOO_MANY = "Trop de tentatives de connexion échouées. Veuillez réessayer ultérieurement."


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["172.18.0.0/16", "10.0.0.1"]


def ip_of(remote_addr: str, forwarded_for: str | None = None) -> str | None:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        # From the trusted proxy: the address it appended, whatever the visitor wrote before it.
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "1.1.1.1, 6.6.6.6, 203.0.113.7", "203.0.113.7"),
        # Two trusted proxies in a row: the first untrusted address from the right.
        (PROXY, "203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (PROXY, "2001:db8::7", "2001:db8::7"),
        (PROXY, "[2001:db8::7]:443", "2001:db8::7"),
        (PROXY, "203.0.113.7:52000", "203.0.113.7"),
        # No header, or only proxies: the nearest proxy's own address.
        (PROXY, None, PROXY),
        (PROXY, "10.0.0.1", "10.0.0.1"),
        # A hop no proxy of ours wrote stops the walk at the last address a trusted proxy vouched for.
        (PROXY, "203.0.113.7, pas-une-adresse", PROXY),
        # From any other peer the header is ignored: a forged one changes nothing.
        ("198.51.100.9", "203.0.113.7", "198.51.100.9"),
        ("198.51.100.9", None, "198.51.100.9"),
    ],
)
def test_client_ip(remote_addr, forwarded_for, expected):
    assert ip_of(remote_addr, forwarded_for) == expected


def test_client_ip_ignores_the_header_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []

    assert ip_of(PROXY, "203.0.113.7") == PROXY


def test_parse_address_refuses_what_is_not_an_address():
    assert [parse_address(value) for value in ("", None, "unknown", "[::1", "300.1.1.1")] == [None] * 5


def login(client, *, email: str, password: str, remote_addr: str, forwarded_for: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=remote_addr,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def fail_ten_logins(client, *, remote_addr: str, forwarded_for=lambda attempt: "203.0.113.1"):
    """Ten failures from one address, on ten accounts (so that no account's own limit is reached)."""
    for attempt in range(10):
        response = login(
            client,
            email=f"inconnu{attempt}@example.org",
            password="pas-le-bon-mot-de-passe",
            remote_addr=remote_addr,
            forwarded_for=forwarded_for(attempt),
        )
        assert TOO_MANY not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_visitors_behind_the_trusted_proxy_are_limited_separately(client):
    user = UserFactory()
    fail_ten_logins(client, remote_addr=PROXY)

    eleventh_from_a = login(
        client, email=user.email, password=DEFAULT_PASSWORD, remote_addr=PROXY, forwarded_for="203.0.113.1"
    )
    from_b = login(client, email=user.email, password=DEFAULT_PASSWORD, remote_addr=PROXY, forwarded_for="203.0.113.2")

    assert (eleventh_from_a.status_code, TOO_MANY in eleventh_from_a.content.decode()) == (200, True)
    assert (from_b.status_code, from_b["Location"]) == (302, reverse("home"))


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_proxy")
def test_an_untrusted_peer_forging_the_header_is_limited_on_its_own_address(client):
    user = UserFactory()
    attacker = "198.51.100.9"
    fail_ten_logins(client, remote_addr=attacker, forwarded_for=lambda attempt: f"203.0.113.{attempt + 10}")

    eleventh = login(
        client, email=user.email, password=DEFAULT_PASSWORD, remote_addr=attacker, forwarded_for="203.0.113.99"
    )
    other_peer = login(
        client, email=user.email, password=DEFAULT_PASSWORD, remote_addr="198.51.100.10", forwarded_for=""
    )

    assert (eleventh.status_code, TOO_MANY in eleventh.content.decode()) == (200, True)
    assert (other_peer.status_code, other_peer["Location"]) == (302, reverse("home"))


def test_deploy_check_warns_behind_the_proxy_without_trusted_proxies(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []

    assert [warning.id for warning in trusted_proxies_check(None)] == ["eig.W001"]


def test_deploy_check_is_quiet_once_the_proxy_is_trusted(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["172.18.0.0/16"]

    assert trusted_proxies_check(None) == []


def test_settings_refuse_a_trusted_proxy_that_is_not_an_address():
    env = {**production_env(), "TRUSTED_PROXIES": "172.18.0.0/16, proxy.local"}

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "TRUSTED_PROXIES : « proxy.local » n'est ni une adresse IP ni un réseau (par exemple 172.18.0.0/16)." in (
        result.stderr
    )


def test_compose_file_trusts_the_network_its_proxy_comes_from():
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    environment = compose["x-app"]["environment"]

    assert environment["BEHIND_HTTPS_PROXY"] == "true"
    assert environment["TRUSTED_PROXIES"] == "${TRUSTED_PROXIES:-172.28.0.0/24}"
    assert compose["networks"]["default"]["ipam"]["config"] == [{"subnet": "172.28.0.0/24"}]
