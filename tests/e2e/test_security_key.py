"""The second factor by security key (WebAuthn, allauth.mfa), in Chromium with a virtual authenticator
(the Chrome DevTools Protocol's WebAuthn domain): a juror without a second factor opening their page is
sent to the two-factor page, adds a security key, sees their recovery codes, reaches the page; signed
out and back with the password, they are asked for the key and pass with it. axe-core finds no WCAG
2.1 A/AA violation on the enrolment pages at 375 px, and the Content-Security-Policy blocks nothing
(allauth's WebAuthn script is a static file)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import PHONE, assert_no_axe_violation, layout_problems, log_in, watch_csp
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e]


def check_phone_page(page) -> None:
    page.set_viewport_size(PHONE)
    assert_no_axe_violation(page)
    assert layout_problems(page) == []


def test_a_juror_enrols_a_security_key_then_signs_in_with_it(browser: Browser, browser_context_args, live_server):
    # WebAuthn wants a secure context and a domain as relying party: http://localhost is both.
    site_url = live_server.url.replace("127.0.0.1", "localhost")
    juror = UserFactory(juror=True, email="jure.cle@example.org")
    CohortFactory().challenge_jurors.add(juror)
    selection = reverse("selection:challenge_list")
    with browser.new_context(**browser_context_args) as context:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        cdp.send(
            "WebAuthn.addVirtualAuthenticator",
            {
                "options": {
                    "protocol": "ctap2",
                    "transport": "internal",
                    "hasResidentKey": True,
                    "hasUserVerification": True,
                    "isUserVerified": True,
                }
            },
        )
        csp_violations = watch_csp(page)

        log_in(page, site_url, juror.email)
        page.goto(site_url + selection)
        expect(page).to_have_url(re.compile(re.escape(reverse("mfa_index")) + "$"))
        expect(page.get_by_text("Activez l'authentification à deux facteurs pour évaluer les défis.")).to_be_visible()
        check_phone_page(page)

        page.locator(f"a[href='{reverse('mfa_add_webauthn')}']").click()
        # allauth asks for the password again before adding an authenticator.
        expect(page).to_have_url(re.compile(re.escape(reverse("account_reauthenticate"))))
        check_phone_page(page)
        page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Confirmer").click()
        expect(page).to_have_url(re.compile(re.escape(reverse("mfa_add_webauthn")) + "$"))
        check_phone_page(page)
        page.locator("#mfa_webauthn_add").click()

        expect(page).to_have_url(re.compile(re.escape(reverse("mfa_view_recovery_codes")) + "$"))
        check_phone_page(page)
        assert juror.authenticator_set.filter(type="webauthn").count() == 1
        assert juror.authenticator_set.filter(type="recovery_codes").count() == 1

        page.goto(site_url + selection)
        expect(page).to_have_url(re.compile(re.escape(selection) + "$"))

        page.goto(site_url + reverse("account_logout"))
        page.locator("main form button[type=submit]").click()
        page.goto(site_url + reverse("account_login"))
        page.get_by_label("Courriel").fill(juror.email)
        page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="Connexion").click()
        expect(page).to_have_url(re.compile(re.escape(reverse("mfa_authenticate")) + "$"))
        page.locator("#mfa_webauthn_authenticate").click()

        expect(page).to_have_url(re.compile(re.escape(selection) + "$"))
        assert csp_violations == []
