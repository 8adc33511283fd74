"""Start and stop the test OpenID Connect provider (see the package's docstring)."""

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from eig.proconnect_settings import form_action_origins, proconnect_apps

BASE_DIR = Path(__file__).resolve().parents[2]
CLIENT_ID = "eig-plateforme"
CLIENT_SECRET = secrets.token_urlsafe(24)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rsa_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


class OidcProvider:
    """django-oauth-toolkit under gunicorn on 127.0.0.1, with its own database on the test database's
    PostgreSQL server and a fresh RS256 key; `name` tells apart the providers of one run (the test client's,
    the browser's). How it answers (userinfo as a signed JWT or JSON, the nonce) is set by `behave`."""

    def __init__(self, redirect_uris: list[str], *, name: str = "client"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/o"
        database = settings.DATABASES["default"]
        self.connection = {
            key: value
            for key, value in {
                "host": database.get("HOST") or "127.0.0.1",
                "port": database.get("PORT") or 5432,
                "user": database.get("USER"),
                "password": database.get("PASSWORD"),
            }.items()
            if value
        }
        self.database = f"{database['NAME']}_oidc_{name}"
        self.redirect_uris = redirect_uris
        self.process = None
        self.behaviour_file = Path(tempfile.mkdtemp(prefix="eig-oidc-")) / "behaviour.json"

    def _admin(self, sql: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **self.connection) as connection:
            connection.execute(sql)

    def environment(self) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
            "OIDC_PROVIDER_SECRET_KEY": secrets.token_urlsafe(40),
            "OIDC_PROVIDER_DATABASE": json.dumps({**self.connection, "dbname": self.database}),
            "OIDC_PROVIDER_RSA_PRIVATE_KEY": rsa_private_key_pem(),
            "OIDC_PROVIDER_ISSUER": self.issuer,
            "OIDC_PROVIDER_OTHER_RSA_PRIVATE_KEY": rsa_private_key_pem(),
            "OIDC_PROVIDER_BEHAVIOUR_FILE": str(self.behaviour_file),
        }

    def behave(self, **behaviour: str) -> None:
        """How the provider answers from now on (tests.oidc_provider.validator.DEFAULT_BEHAVIOUR: the userinfo
        as a JWT signed with its key, the nonce echoed); `behave()` brings the defaults back."""
        self.behaviour_file.write_text(json.dumps(behaviour), encoding="utf-8")

    def start(self) -> "OidcProvider":
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.database}"')
        environment = self.environment()
        subprocess.run(
            [sys.executable, "-m", "tests.oidc_provider.prepare", CLIENT_ID, CLIENT_SECRET, *self.redirect_uris],
            cwd=BASE_DIR,
            env=environment,
            check=True,
        )
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "tests.oidc_provider.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=environment,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2).ok:
                    return self
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Le fournisseur OpenID Connect de test n'a pas démarré.")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.behaviour_file.unlink(missing_ok=True)
        self.behaviour_file.parent.rmdir()
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def app_settings(self) -> list[dict]:
        """allauth's settings-based app for this provider, as eig/settings.py builds it from PROCONNECT_*."""
        return proconnect_apps(issuer=self.issuer, client_id=CLIENT_ID, secret=CLIENT_SECRET)

    def configure(self, settings) -> None:
        """The platform configured for this provider (`settings`: pytest-django's fixture), as eig/settings.py
        configures it from PROCONNECT_*: allauth's app, and the issuer's origin in the CSP's `form-action`;
        the provider answers as ProConnect does (`behave()`) until the test says otherwise."""
        self.behave()
        apps = self.app_settings()
        settings.SOCIALACCOUNT_PROVIDERS = {
            **settings.SOCIALACCOUNT_PROVIDERS,
            "openid_connect": {**settings.SOCIALACCOUNT_PROVIDERS["openid_connect"], "APPS": apps},
        }
        directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        settings.CONTENT_SECURITY_POLICY = {
            **settings.CONTENT_SECURITY_POLICY,
            "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], *form_action_origins(apps)]},
        }

    def sign_in(self, *, email: str, given_name: str, usual_name: str, mfa: bool) -> requests.Session:
        """A browser session signed in at the identity provider."""
        browser = requests.Session()
        response = browser.post(
            f"{self.url}/connexion/",
            data={"email": email, "given_name": given_name, "usual_name": usual_name, "mfa": "1" if mfa else "0"},
        )
        response.raise_for_status()
        return browser
