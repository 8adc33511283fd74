"""allauth's settings-based app for ProConnect, built from the environment by eig/settings.py (this
module imports nothing of Django's, so that the settings may import it). The provider itself:
eig/proconnect.py."""

import json

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
