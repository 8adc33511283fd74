"""The four public pages every State site has (legal notice, personal data, accessibility statement,
contact) in Chromium: no WCAG 2.1 A/AA violation and nothing out of its box at 375 px and 1280 px; the
contact form sent from the browser reaches the outbox."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from eig.models import OutboxEmail
from tests.e2e.helpers import AXE, WIDTHS, assert_no_axe_violation, layout_problems

pytestmark = [pytest.mark.e2e, AXE]

PAGES = {
    "footer-legal-notice": "Mentions légales",
    "footer-personal-data": "Données personnelles",
    "footer-accessibility-status": "Déclaration d'accessibilité",
    "contact": "Nous contacter",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url_name", PAGES)
def test_public_page_is_accessible_and_fits(page: Page, site_url, url_name, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse(url_name))
    expect(page.get_by_role("heading", level=1)).to_have_text(PAGES[url_name])

    assert_no_axe_violation(page)
    assert layout_problems(page) == []


def test_contact_form_sent_from_the_browser(page: Page, site_url, settings):
    settings.CONTACT_EMAIL = "programme@essai.gouv.fr"
    page.set_viewport_size(WIDTHS["375px"])
    page.goto(site_url + reverse("footer-accessibility-status"))
    page.get_by_role("link", name="le formulaire de contact").click()

    expect(page.get_by_label("Sujet")).to_have_value("accessibilite")
    page.get_by_label("Nom et prénom").fill("Ada Lovelace")
    page.get_by_label("Courriel").fill("ada@example.org")
    page.get_by_label("Message").fill("Le planning ne se lit pas au lecteur d'écran.")
    page.get_by_role("button", name="Envoyer le message").click()

    expect(
        page.get_by_text(
            "Votre message est envoyé à l'équipe du programme. Elle vous répondra à l'adresse ada@example.org."
        )
    ).to_be_visible()
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    [email] = OutboxEmail.objects.all()
    assert (email.to, email.reply_to, email.subject) == (
        ["programme@essai.gouv.fr"],
        ["ada@example.org"],
        "[EIG] Contact : Un problème d'accessibilité — Ada Lovelace",
    )


def test_contact_form_errors_keep_what_was_typed_in_the_browser(page: Page, site_url):
    """A message over the limit (the browser does not cut it: the server refuses it) comes back as typed."""
    too_long = "Un très long message. " * 228
    page.goto(site_url + reverse("contact"))
    page.get_by_label("Nom et prénom").fill("Ada Lovelace")
    page.get_by_label("Courriel").fill("ada@example.org")
    page.get_by_label("Sujet").select_option("autre")
    page.get_by_label("Message").fill(too_long)
    page.get_by_role("button", name="Envoyer le message").click()

    expect(page.locator("#error-summary")).to_contain_text("Message : ")
    expect(page.get_by_label("Message")).to_have_value(too_long)
    expect(page.get_by_label("Nom et prénom")).to_have_value("Ada Lovelace")
    assert_no_axe_violation(page)
    assert OutboxEmail.objects.count() == 0
