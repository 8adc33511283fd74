"""ProConnect in Chromium, against the loopback OpenID Connect provider (tests/oidc_provider, started for
the live server): an agent clicks « S'identifier avec ProConnect » on the login page, signs in at the
provider's page and lands signed in on their space, their account created; a juror with TOTP whose
identity provider did MFA reaches their juror page with no code prompt. The Content-Security-Policy
blocks nothing on the way, and the login page with the ProConnect button passes axe at 375 px and
1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from eig.models import User
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import WIDTHS, assert_no_axe_violation, layout_problems, watch_csp
from tests.eig.factories import UserFactory
from tests.oidc_provider.server import OidcProvider

pytestmark = [pytest.mark.e2e]

CALLBACK_URL = "/comptes/oidc/proconnect/login/callback/"
AGENT_EMAIL = "camille.agent@interieur.gouv.fr"


@pytest.fixture(scope="session")
def browser_oidc_provider(live_server, django_db_setup):
    provider = OidcProvider(redirect_uris=[f"{live_server.url}{CALLBACK_URL}"], name="browser").start()
    yield provider
    provider.stop()


@pytest.fixture
def proconnect(settings, browser_oidc_provider, site_url):
    """The live server configured for the provider, as PROCONNECT_* would configure it."""
    browser_oidc_provider.configure(settings)
    return browser_oidc_provider


def sign_in_with_proconnect(page: Page, site_url: str, provider, *, mfa: bool) -> None:
    """From the login page, through the provider's sign-in page, back to the platform."""
    page.goto(site_url + reverse("account_login"))
    page.get_by_role("button", name="S'identifier avec ProConnect").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.url)}/connexion/\?next="))
    page.get_by_label("Adresse électronique").fill(AGENT_EMAIL)
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom d'usage").fill("Martin")
    if mfa:
        page.get_by_label("Second facteur utilisé").check()
    page.get_by_role("button", name="Se connecter au fournisseur").click()


def test_an_agent_signs_in_with_proconnect_and_lands_on_their_space(new_page, site_url, proconnect):
    page = new_page(axe=False)
    csp_violations = watch_csp(page)

    sign_in_with_proconnect(page, site_url, proconnect, mfa=False)

    expect(page).to_have_url(site_url + reverse("challenges:dashboard"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes défis")
    expect(page.get_by_role("link", name=AGENT_EMAIL)).to_be_visible()
    user = User.objects.get()
    assert (user.email, user.first_name, user.last_name, user.is_agent) == (AGENT_EMAIL, "Camille", "Martin", True)
    assert csp_violations == []


def test_a_juror_with_totp_and_mfa_at_the_identity_provider_gets_no_code_prompt(new_page, site_url, proconnect):
    juror = UserFactory(email=AGENT_EMAIL, juror=True, second_factor=True)
    CohortFactory().challenge_jurors.add(juror)
    page = new_page(axe=False)
    csp_violations = watch_csp(page)

    sign_in_with_proconnect(page, site_url, proconnect, mfa=True)

    expect(page).to_have_url(site_url + reverse("selection:challenge_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sélection des défis")
    assert page.locator("input[name=code]").count() == 0
    assert list(User.objects.values_list("pk", flat=True)) == [juror.pk]
    assert csp_violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_login_page_with_the_proconnect_button_is_accessible_and_fits(new_page, site_url, proconnect, width):
    page = new_page(axe=True)
    page.set_viewport_size(WIDTHS[width])

    page.goto(site_url + reverse("account_login"))

    expect(page.get_by_role("button", name="S'identifier avec ProConnect")).to_be_visible()
    assert_no_axe_violation(page)
    assert layout_problems(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_refused_sign_in_says_so_and_leads_back(new_page, site_url, proconnect, width):
    proconnect.behave(nonce="wrong")
    page = new_page(axe=False)
    page.set_viewport_size(WIDTHS[width])
    csp_violations = watch_csp(page)

    sign_in_with_proconnect(page, site_url, proconnect, mfa=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("La connexion avec ProConnect a échoué")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    assert User.objects.count() == 0
    page.get_by_role("link", name="Réessayer, ou se connecter avec son adresse e-mail").click()
    expect(page).to_have_url(site_url + reverse("account_login"))
    assert csp_violations == []
