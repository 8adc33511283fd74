"""ProConnect, the State's identity federation for public agents, through allauth's OpenID Connect provider.

ProConnect has no allauth provider of its own: it is a generic OpenID Connect provider, configured from
the environment only (`PROCONNECT_ISSUER`, `PROCONNECT_CLIENT_ID`, `PROCONNECT_SECRET`, read by
eig/settings.py into allauth's settings-based app), with no SocialApp row. Without them no app
exists: the button does not show and the provider's URLs answer 404. What ProConnect does
differently from allauth's generic client, this module's provider class does
(`SOCIALACCOUNT_PROVIDERS["openid_connect"]["provider_class"]`):

- the authorisation request carries a `nonce` (ProConnect refuses one without it), checked against the
  ID token, and asks the `amr` claim as essential (`claims`, with the scopes, in
  eig/proconnect_settings.py);
- the userinfo endpoint answers a signed JWT (`application/jwt`), verified with the provider's keys;
- the names are `given_name` and `usual_name` (ProConnect's own scopes), the e-mail address is the
  agent's professional one, trusted as verified;
- `identity_provider_did_mfa` reads the ID token's `amr`: "mfa" there stands for the second factor
  (eig.gate, eig.stages);
- its sign-in and callback URLs (`proconnect_login`, `proconnect_callback`, at allauth's own addresses,
  /comptes/oidc/proconnect/…) run allauth's views with this adapter.
"""

import secrets
import time

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit, statekit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

PROVIDER_ID = "proconnect"
# {state id: [nonce, time given]}: the nonces of the authorisation requests not answered yet, kept as long
# and as many as allauth keeps their states.
NONCES_SESSION_KEY = "eig_proconnect_nonces"


def _nonce_give(request, state_id: str) -> str:
    """A new nonce for the authorisation request of `state_id`, kept in the session."""
    now = time.time()
    nonces = {
        key: value
        for key, value in (request.session.get(NONCES_SESSION_KEY) or {}).items()
        if now - value[1] <= statekit.STATE_TTL
    }
    nonce = secrets.token_urlsafe(32)
    nonces[state_id] = [nonce, now]
    newest = sorted(nonces.items(), key=lambda item: item[1][1])[-statekit.MAX_STATES :]
    request.session[NONCES_SESSION_KEY] = dict(newest)
    return nonce


def _nonce_take(request, state_id: str) -> str | None:
    """The nonce given for the request of `state_id` (once: it is forgotten), if still valid."""
    nonces = dict(request.session.get(NONCES_SESSION_KEY) or {})
    given = nonces.pop(state_id, None)
    request.session[NONCES_SESSION_KEY] = nonces
    if not given or time.time() - given[1] > statekit.STATE_TTL:
        return None
    return given[0]


def identity_provider_did_mfa(sociallogin) -> bool:
    """Whether the ID token of this ProConnect sign-in says a multi-factor authentication took place."""
    if sociallogin is None or sociallogin.account.provider != PROVIDER_ID:
        return False
    id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
    amr = id_token.get("amr") or []
    return isinstance(amr, list) and "mfa" in amr


class ProConnectOAuth2Adapter(OpenIDConnectOAuth2Adapter):
    def _fetch_user_info(self, access_token: str) -> dict:
        """ProConnect answers a JWT signed with its keys (OpenID Connect Core 5.3.2); plain JSON is read too."""
        headers = {"Authorization": f"Bearer {access_token}"}
        with get_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, headers=headers)
            response.raise_for_status()
        if response.headers.get("Content-Type", "").split(";")[0].strip() != "application/jwt":
            return response.json()
        credential = response.text.strip()
        # allauth's jwtkit reads the key id without checking it is there (a KeyError, a server error).
        try:
            header = jwt.get_unverified_header(credential)
        except jwt.PyJWTError as error:
            raise OAuth2Error("ProConnect: userinfo is not a JWT") from error
        if not header.get("kid"):
            raise OAuth2Error("ProConnect: userinfo JWT without a key id")
        return jwtkit.verify_and_decode(
            credential=credential,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=self.get_provider().app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
        )

    def complete_login(self, request, app, token, **kwargs):
        """The ID token must carry the nonce sent with the authorisation request this callback answers
        (its `state`): each request of the browser has its own, so two sign-ins started in two tabs
        both succeed, and an ID token made for one request is refused on the callback of another."""
        expected = _nonce_take(request, request.GET.get("state", ""))
        login = super().complete_login(request, app, token, **kwargs)
        id_token = login.account.extra_data.get("id_token") or {}
        if not expected or not secrets.compare_digest(str(id_token.get("nonce", "")), expected):
            raise OAuth2Error("ProConnect: nonce mismatch")
        return login


class ProConnectProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, as ProConnect needs it (see the module's docstring)."""

    oauth2_adapter_class = ProConnectOAuth2Adapter

    @classmethod
    def get_package(cls):
        """allauth builds its URLs from the provider's package: the generic provider's (its
        /comptes/oidc/<provider_id>/ addresses), which eig.urls answers first for ProConnect."""
        return OpenIDConnectProvider.get_package()

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        # The state's id is chosen here (allauth stashes its state under it) so that the nonce is kept
        # under the same id; allauth saves the session when it stashes its state.
        state_id = kwargs.pop("state_id", None) or get_adapter().generate_state_param({})
        nonce = _nonce_give(request, state_id)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        return super().redirect(
            request,
            process,
            next_url,
            data,
            auth_params={**auth_params, "nonce": nonce},
            state_id=state_id,
            **kwargs,
        )

    def extract_common_fields(self, data):
        claims = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
        return {
            "email": claims.get("email"),
            "first_name": claims.get("given_name") or "",
            "last_name": claims.get("usual_name") or claims.get("family_name") or "",
        }

    def extract_email_addresses(self, data):
        """The agent's professional address, which ProConnect's identity providers vouch for."""
        email = (data.get("userinfo") or {}).get("email") or (data.get("id_token") or {}).get("email")
        return [EmailAddress(email=email, verified=True, primary=True)] if email else []


def _adapter_view(view_class):
    """allauth's OpenID Connect views (allauth.socialaccount.providers.openid_connect.views) with this
    module's adapter: allauth's own name its generic adapter, whatever the provider class."""

    @login_not_required
    def view(request):
        try:
            return view_class.adapter_view(ProConnectOAuth2Adapter(request, PROVIDER_ID))(request)
        except SocialApp.DoesNotExist as error:
            raise Http404 from error

    return view


login = _adapter_view(OAuth2LoginView)
callback = _adapter_view(OAuth2CallbackView)
