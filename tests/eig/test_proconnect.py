"""ProConnect (eig/proconnect.py, eig/stages.py, eig.gate) against a real OpenID Connect provider started
on loopback (tests/oidc_provider: django-oauth-toolkit under gunicorn, its own PostgreSQL database):
Django's test client drives the platform, a `requests` session plays the agent's browser at the
provider, and the platform exchanges the code with the provider over real HTTP."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.messages import get_messages
from django.urls import reverse
from lxml import html

from eig.models import User
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import TOTP_SECRET, UserFactory, current_totp_code
from tests.oidc_provider.server import CLIENT_ID, OidcProvider

pytestmark = pytest.mark.django_db

LOGIN_URL = "/comptes/oidc/proconnect/login/"
CALLBACK_URL = "/comptes/oidc/proconnect/login/callback/"
AGENT_EMAIL = "camille.agent@interieur.gouv.fr"


@pytest.fixture(scope="session")
def oidc_provider(django_db_setup):
    provider = OidcProvider(redirect_uris=[f"http://testserver{CALLBACK_URL}"], name="client").start()
    yield provider
    provider.stop()


@pytest.fixture
def proconnect(settings, oidc_provider):
    """The platform configured for the test provider, as PROCONNECT_* would configure it; the provider
    answering as ProConnect does (the userinfo as a signed JWT, the nonce echoed) unless the test says otherwise."""
    oidc_provider.configure(settings)
    return oidc_provider


def authorisation_request(client, provider, next_url=None) -> str:
    """Click « S'identifier avec ProConnect »: the provider's authorisation URL the browser is sent to."""
    response = client.post(LOGIN_URL, {"next": next_url} if next_url else {})
    assert response.status_code == 302
    authorize = response["Location"]
    assert authorize.startswith(f"{provider.issuer}/authorize/")
    return authorize


def provider_answer(provider, authorize, *, email=AGENT_EMAIL, mfa) -> str:
    """Sign in at the identity provider and follow `authorize`: the platform's callback URL (with the code)."""
    browser = provider.sign_in(email=email, given_name="Camille", usual_name="Martin", mfa=mfa)
    at_provider = browser.get(authorize, allow_redirects=False)
    assert at_provider.status_code == 302, at_provider.text
    callback = urlsplit(at_provider.headers["Location"])
    assert callback.path == CALLBACK_URL
    return f"{callback.path}?{callback.query}"


def sign_in_with_proconnect(client, provider, *, email=AGENT_EMAIL, mfa, next_url=None):
    """Click « S'identifier avec ProConnect », sign in at the identity provider, come back: the
    platform's answer to the callback."""
    authorize = authorisation_request(client, provider, next_url)
    return client.get(provider_answer(provider, authorize, email=email, mfa=mfa))


def assert_refused(client, response) -> None:
    """The sign-in is refused on allauth's error page, in French: no account, nobody signed in."""
    assert response.status_code == 401
    page = html.fromstring(response.content)
    assert " ".join(page.xpath("//main//h1")[0].text_content().split()) == "La connexion avec ProConnect a échoué"
    assert [link.get("href") for link in page.xpath("//main//a[@class='fr-link']")] == [
        reverse("account_login"),
        reverse("contact"),
    ]
    assert list(User.objects.values_list("email", flat=True)) == []
    assert SocialAccount.objects.count() == 0
    assert "_auth_user_id" not in client.session


def juror_with_a_jury(**traits):
    juror = UserFactory(email=AGENT_EMAIL, juror=True, **traits)
    CohortFactory().challenge_jurors.add(juror)
    return juror


def test_the_authorisation_request_asks_proconnect_scopes_the_amr_claim_and_a_nonce(client, proconnect):
    response = client.post(LOGIN_URL)

    query = dict(pair.split("=", 1) for pair in urlsplit(response["Location"]).query.split("&"))
    assert sorted(query["scope"].split("+")) == ["email", "given_name", "openid", "usual_name"]
    assert query["claims"] == (
        "%7B%22id_token%22%3A%7B%22amr%22%3A%7B%22essential%22%3Atrue%7D%2C%22acr%22%3A%7B%22essential%22%3Afalse"
        "%2C%22values%22%3A%5B%22eidas2%22%2C%22eidas3%22%5D%7D%7D%7D"
    )
    assert query["acr_values"] == "eidas1"
    assert len(query["nonce"]) == 43
    assert query["code_challenge_method"] == "S256"


def test_a_new_agent_signs_in_and_gets_an_agent_account_with_a_verified_address_and_names(client, proconnect):
    response = sign_in_with_proconnect(client, proconnect, mfa=False)

    user = User.objects.get(email=AGENT_EMAIL)
    assert (response.status_code, response["Location"]) == (302, reverse("challenges:dashboard"))
    assert (user.first_name, user.last_name, user.is_agent, user.is_candidate, user.is_juror) == (
        "Camille",
        "Martin",
        True,
        False,
        False,
    )
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        (AGENT_EMAIL, True, True)
    ]
    assert list(SocialAccount.objects.filter(user=user).values_list("provider", flat=True)) == ["proconnect"]
    assert client.get(reverse("challenges:dashboard")).status_code == 200


def test_an_existing_account_of_the_same_address_is_linked_not_duplicated(client, proconnect):
    existing = UserFactory(email=AGENT_EMAIL, candidate=True, first_name="Cam", last_name="Martin-Durand")

    response = sign_in_with_proconnect(client, proconnect, mfa=False)

    assert (response.status_code, response["Location"]) == (302, reverse("applications:space"))
    assert list(User.objects.filter(email__iexact=AGENT_EMAIL).values_list("pk", flat=True)) == [existing.pk]
    existing.refresh_from_db()
    assert (existing.first_name, existing.last_name, existing.is_candidate, existing.is_agent) == (
        "Cam",
        "Martin-Durand",
        True,
        False,
    )
    assert SocialAccount.objects.get(provider="proconnect").user == existing
    assert int(client.session["_auth_user_id"]) == existing.pk


def test_a_juror_with_totp_and_mfa_at_the_identity_provider_is_not_asked_for_the_code(client, proconnect):
    juror_with_a_jury(second_factor=True)

    response = sign_in_with_proconnect(client, proconnect, mfa=True)

    assert (response.status_code, response["Location"]) == (302, reverse("selection:challenge_list"))
    assert client.get(reverse("selection:challenge_list")).status_code == 200


def test_a_juror_without_a_factor_of_their_own_but_mfa_at_the_identity_provider_opens_juror_pages(client, proconnect):
    juror_with_a_jury()

    sign_in_with_proconnect(client, proconnect, mfa=True)

    assert client.get(reverse("selection:challenge_list")).status_code == 200


def test_a_juror_with_totp_without_mfa_at_the_identity_provider_must_give_the_code(client, proconnect):
    juror_with_a_jury(second_factor=True)

    response = sign_in_with_proconnect(client, proconnect, mfa=False)

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_authenticate"))
    assert client.get(reverse("selection:challenge_list"))["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})
    assert (response.status_code, response["Location"]) == (302, reverse("selection:challenge_list"))
    assert client.get(reverse("selection:challenge_list")).status_code == 200


def test_a_juror_without_a_factor_and_without_mfa_at_the_identity_provider_is_sent_to_enrol(client, proconnect):
    juror = juror_with_a_jury()

    sign_in_with_proconnect(client, proconnect, mfa=False)
    response = client.get(reverse("selection:challenge_list"))

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_index"))
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"Connexion avec {juror.get_full_name()} réussie.",
        "Activez l'authentification à deux facteurs pour évaluer les défis.",
    ]


def test_a_later_password_sign_in_in_the_same_session_forgets_the_identity_provider_mfa(client, proconnect):
    juror = juror_with_a_jury()
    sign_in_with_proconnect(client, proconnect, mfa=True)
    client.post(reverse("account_logout"))

    client.post(reverse("account_login"), {"login": juror.email, "password": "motdepasse-de-test-2026"})

    assert client.get(reverse("selection:challenge_list"))["Location"] == reverse("mfa_index")


def test_the_login_and_signup_pages_show_the_proconnect_button_when_configured(client, proconnect):
    for url in (reverse("account_login"), reverse("account_signup")):
        page = html.fromstring(client.get(url).content)
        (form,) = page.xpath("//form[@action='/comptes/oidc/proconnect/login/']")
        assert form.get("method") == "post"
        assert [button.text_content().split() for button in form.xpath(".//button[@type='submit']")] == [
            ["S'identifier", "avec", "ProConnect"]
        ]


def test_without_configuration_no_button_shows_and_the_provider_urls_answer_404(client, settings):
    assert settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"] == []
    for url in (reverse("account_login"), reverse("account_signup")):
        content = client.get(url).content.decode()
        assert "fr-connect" not in content
        assert "ProConnect" not in content
        assert "/comptes/oidc/" not in content

    assert [client.post(LOGIN_URL).status_code, client.get(CALLBACK_URL).status_code] == [404, 404]


def test_the_userinfo_signed_jwt_names_the_new_agent(client, proconnect):
    response = sign_in_with_proconnect(client, proconnect, mfa=True)

    user = User.objects.get()
    userinfo = SocialAccount.objects.get(user=user).extra_data["userinfo"]
    assert (response.status_code, response["Location"]) == (302, reverse("challenges:dashboard"))
    assert (user.email, user.first_name, user.last_name) == (AGENT_EMAIL, "Camille", "Martin")
    assert sorted(userinfo) == ["amr", "aud", "email", "exp", "given_name", "iat", "iss", "jti", "sub", "usual_name"]
    assert (userinfo["iss"], userinfo["aud"], userinfo["email"], userinfo["given_name"], userinfo["usual_name"]) == (
        proconnect.issuer,
        CLIENT_ID,
        AGENT_EMAIL,
        "Camille",
        "Martin",
    )


def test_a_plain_json_userinfo_is_read_too(client, proconnect):
    proconnect.behave(userinfo="json")

    response = sign_in_with_proconnect(client, proconnect, mfa=False)

    user = User.objects.get()
    userinfo = SocialAccount.objects.get(user=user).extra_data["userinfo"]
    assert (response.status_code, response["Location"]) == (302, reverse("challenges:dashboard"))
    assert (user.email, user.first_name, user.last_name) == (AGENT_EMAIL, "Camille", "Martin")
    assert userinfo == {
        "sub": userinfo["sub"],
        "email": AGENT_EMAIL,
        "given_name": "Camille",
        "usual_name": "Martin",
        "amr": ["pwd"],
    }


@pytest.mark.parametrize(
    "userinfo", ["jwt-other-key", "jwt-without-kid", "jwt-other-audience", "jwt-other-issuer", "not-a-jwt"]
)
def test_a_userinfo_jwt_not_verifiable_with_the_provider_keys_is_refused(client, proconnect, userinfo):
    proconnect.behave(userinfo=userinfo)

    response = sign_in_with_proconnect(client, proconnect, mfa=True)

    assert_refused(client, response)


@pytest.mark.parametrize("nonce", ["wrong", "missing"])
def test_an_id_token_without_this_sessions_nonce_is_refused(client, proconnect, nonce):
    proconnect.behave(nonce=nonce)

    response = sign_in_with_proconnect(client, proconnect, mfa=True)

    assert_refused(client, response)


def test_two_sign_ins_started_in_two_tabs_each_keep_their_nonce(client, proconnect):
    """The agent clicked the button in two tabs: the first tab's return signs them in."""
    first = authorisation_request(client, proconnect)
    second = authorisation_request(client, proconnect)
    assert parse_qs(urlsplit(first).query)["nonce"] != parse_qs(urlsplit(second).query)["nonce"]

    response = client.get(provider_answer(proconnect, first, mfa=True))

    assert response.status_code == 302
    assert User.objects.get().email == AGENT_EMAIL
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_an_id_token_made_for_another_request_of_the_session_is_refused(client, proconnect):
    """The first request's state comes back with an ID token carrying the second request's nonce."""
    first = authorisation_request(client, proconnect)
    second = authorisation_request(client, proconnect)
    query = parse_qs(urlsplit(first).query)
    query["nonce"] = parse_qs(urlsplit(second).query)["nonce"]
    crossed = urlunsplit(urlsplit(first)._replace(query=urlencode(query, doseq=True)))

    response = client.get(provider_answer(proconnect, crossed, mfa=True))

    assert_refused(client, response)


def test_the_login_pages_csp_lets_the_sign_in_form_redirect_to_the_issuer(client, proconnect):
    response = client.get(reverse("account_login"))

    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives["form-action"] == f"'self' {proconnect.url}"


def test_without_configuration_the_csp_form_action_is_self_only(client):
    response = client.get(reverse("account_login"))

    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert directives["form-action"] == "'self'"
