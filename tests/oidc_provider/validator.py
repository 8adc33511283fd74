import json
import os
import time
import uuid

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

MFA_GROUP = "mfa"

# How the provider answers, set per test by `server.OidcProvider.behave` in a JSON file read at each request:
# - "userinfo": "jwt" (ProConnect's answer, `application/jwt` signed with the provider's key, the default),
#   "json" (plain `application/json`), "jwt-other-key" (signed by a key that is not in the provider's JWKS,
#   under the kid of the one that is: a forgery), "jwt-without-kid" (signed with the provider's key, no kid),
#   "jwt-other-audience" and "jwt-other-issuer" (signed with its key, for another client, from another issuer),
#   "not-a-jwt" (`application/jwt` whose body is not one);
# - "nonce": "echo" (the authorisation request's nonce in the ID token, the default), "wrong" (another one),
#   "missing" (none).
DEFAULT_BEHAVIOUR = {"userinfo": "jwt", "nonce": "echo"}
WRONG_NONCE = "un-autre-nonce-que-celui-de-la-demande"


def behaviour() -> dict:
    path = os.environ.get("OIDC_PROVIDER_BEHAVIOUR_FILE", "")
    try:
        with open(path, encoding="utf-8") as file:
            return {**DEFAULT_BEHAVIOUR, **json.load(file)}
    except (FileNotFoundError, ValueError):
        return dict(DEFAULT_BEHAVIOUR)


class Validator(OAuth2Validator):
    """ProConnect's claims: the e-mail address, `given_name`, `usual_name`, and `amr` — ["pwd", "mfa"]
    when the agent used a second factor at their last sign-in here (the `mfa` group), else ["pwd"]. The
    userinfo endpoint answers a signed JWT, as ProConnect's does, or what the test asked (`behaviour`)."""

    # Every claim is returned, whatever the scope (ProConnect's scopes are not DOT's).
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        used_mfa = user.groups.filter(name=MFA_GROUP).exists()
        return {
            "email": user.email,
            "given_name": user.first_name,
            "usual_name": user.last_name,
            "amr": ["pwd", "mfa"] if used_mfa else ["pwd"],
        }

    def finalize_id_token(self, id_token, token, token_handler, request):
        nonce = behaviour()["nonce"]
        if nonce == "wrong":
            id_token["nonce"] = WRONG_NONCE
        elif nonce == "missing":
            id_token.pop("nonce", None)
            request.nonce = None  # or DOT puts it back
        return super().finalize_id_token(id_token, token, token_handler, request)

    def get_userinfo_claims(self, request):
        """A dict is answered as `application/json`, a string as `application/jwt` (oauthlib's
        UserInfoEndpoint): the claims signed in RS256, with `iss` and `aud` (OpenID Connect Core 5.3.2)."""
        claims = super().get_userinfo_claims(request)
        answer = behaviour()["userinfo"]
        if answer == "json":
            return claims
        if answer == "not-a-jwt":
            return "ceci-n-est-pas-un-jeton"
        key = request.client.jwk_key
        header = {"typ": "JWT", "alg": "RS256", "kid": key.thumbprint()}
        if answer == "jwt-other-key":
            key = jwk.JWK.from_pem(os.environ["OIDC_PROVIDER_OTHER_RSA_PRIVATE_KEY"].encode())
        elif answer == "jwt-without-kid":
            del header["kid"]
        issuer = self.get_oidc_issuer_endpoint(request)
        audience = request.client.client_id
        if answer == "jwt-other-audience":
            audience = "un-autre-service"
        elif answer == "jwt-other-issuer":
            issuer = "https://fournisseur.example.org/o"
        now = int(time.time())
        signed = jwt.JWT(
            header=header,
            claims={
                **claims,
                "iss": issuer,
                "aud": audience,
                "iat": now,
                "exp": now + 60,
                "jti": str(uuid.uuid4()),
            },
        )
        signed.make_signed_token(key)
        return signed.serialize()
