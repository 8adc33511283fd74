"""axe-core finds no WCAG 2.1 A/AA violation on the pages every visitor sees first."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation

pytestmark = [pytest.mark.e2e, AXE]


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("home", "Entrepreneurs d'intérêt général"),
        ("account_signup", "Création de compte"),
        ("account_login", "Connexion"),
    ],
)
def test_page_has_no_wcag_violation(page: Page, site_url, url_name, heading):
    CohortFactory()
    page.goto(site_url + reverse(url_name))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)

    assert_no_axe_violation(page)


def test_login_page_with_error_has_no_wcag_violation(page: Page, site_url):
    page.goto(site_url + reverse("account_login"))
    page.get_by_label("Courriel").fill("personne@example.org")
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_text("L’adresse e-mail ou le mot de passe sont incorrects.")).to_be_visible()

    assert_no_axe_violation(page)


def test_signup_with_errors_opens_on_its_error_summary(page: Page, site_url):
    page.goto(site_url + reverse("account_signup"))
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Courriel").fill("camille@example.org")
    page.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill("court")
    page.get_by_label("Mot de passe (confirmation)").fill("autre")
    page.get_by_role("button", name="Création de compte").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", level=2)).to_have_text("Le formulaire contient 2 erreurs")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Mot de passe : Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères.",
            "Mot de passe (confirmation) : Vous devez saisir deux fois le même mot de passe.",
        ]
    )
    # Each link takes the keyboard to its field.
    summary.get_by_role("link").last.click()
    expect(page.get_by_label("Mot de passe (confirmation)")).to_be_focused()
    assert_no_axe_violation(page)
