"""allauth's settings-based app for ProConnect, built from the environment by eig/settings.py (this
module imports nothing of Django's, so that the settings may import it). The provider itself:
eig/proconnect.py."""

import json
from urllib.parse import urlsplit

# ProConnect's scopes (the names are its own claims, `given_name` and `usual_name`).
SCOPES = ["openid", "email", "given_name", "usual_name"]
# The `claims` request parameter: the `amr` claim essential (eig.stages reads "mfa" in it), the eIDAS
# levels wished for but not essential, or an identity provider without MFA would be refused (as
# les-emplois found).
CLAIMS = {"id_token": {"amr": {"essential": True}, "acr": {"essential": False, "values": ["eidas2", "eidas3"]}}}


def proconnect_apps(*, issuer: str, client_id: str, secret: str) -> list[dict]:
    """The one app, or none unless the issuer, the client id and the secret are all given."""
    issuer = issuer.strip().rstrip("/")
    if not (issuer and client_id.strip() and secret):
        return []
    return [
        {
            "provider_id": "proconnect",
            "name": "ProConnect",
            "client_id": client_id.strip(),
            "secret": secret,
            "settings": {
                "server_url": issuer,
                "scope": SCOPES,
                "auth_params": {"acr_values": "eidas1", "claims": json.dumps(CLAIMS, separators=(",", ":"))},
                "token_auth_method": "client_secret_post",
            },
        }
    ]


def form_action_origins(apps: list[dict]) -> list[str]:
    """The origins of the apps' issuers, for the Content-Security-Policy's `form-action`: « S'identifier avec
    ProConnect » posts to the platform, which answers with a redirect to ProConnect's authorisation endpoint
    (at the issuer's origin), and browsers hold every redirect of a form submission to `form-action`: with
    'self' alone, Chromium blocks the sign-in."""
    origins = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins
