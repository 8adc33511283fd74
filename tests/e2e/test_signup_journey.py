"""A visitor signs up with their name, confirms their e-mail address (which signs them in, on their
space) and finds the cohort calendar."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import CONFIRMATION_LINK, watch_csp

pytestmark = pytest.mark.e2e

EMAIL = "ada.lovelace@example.org"
PASSWORD = "machine-analytique-1843"


def test_visitor_signs_up_confirms_email_logs_in_and_sees_calendar(page: Page, site_url, mailoutbox):
    cohort = CohortFactory()  # "now" falls in its candidates call
    # The Content-Security-Policy stays enforced here: anything it blocks shows up in the console.
    csp_violations = watch_csp(page)

    # The visitor finds the sign-up page from the home page.
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Entrepreneurs d'intérêt général")
    page.get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Création de compte")

    # They sign up as a candidate, with their name.
    page.get_by_label("Prénom").fill("Ada")
    page.get_by_label("Nom", exact=True).fill("Lovelace")
    page.get_by_label("Courriel").fill(EMAIL)
    page.get_by_role("radio", name="Je souhaite candidater au programme").check()
    # The first password's label also holds the password rules (DSFR hint text), hence the pattern.
    page.get_by_label(re.compile(r"Mot de passe(?! \(confirmation\))")).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Création de compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre adresse e-mail")

    # The confirmation e-mail arrives; its link leads to the confirmation page.
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([EMAIL], "[EIG] Confirmez votre adresse e-mail")
    ]
    links = CONFIRMATION_LINK.findall(mailoutbox[0].body)
    assert len(links) == 1
    page.goto(links[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer l'adresse e-mail")
    expect(page.get_by_role("main").get_by_role("paragraph").first).to_have_text(
        f"Confirmez que {EMAIL} est bien l'adresse e-mail de Ada Lovelace."
    )
    page.get_by_role("button", name="Confirmer").click()

    # Confirming signs them in, on their space; the home page shows the cohort calendar and its open step.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    expect(page.get_by_role("link", name=EMAIL)).to_be_visible()
    page.goto(site_url)
    calendar = page.get_by_role("region", name=f"Calendrier de la promotion {cohort.name}")
    expect(calendar.get_by_role("heading", level=2)).to_have_text(f"Calendrier de la promotion {cohort.name}")
    step = calendar.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile("Appel à candidatures"))
    )
    expect(step.get_by_role("cell").last).to_have_text("En cours")
    expect(calendar.locator("#open-now")).to_contain_text("Appel à candidatures : ouvert jusqu'au")
    assert csp_violations == []
