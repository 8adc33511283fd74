"""In Chromium: a person corrects their name on their identity page, at 375 px as on a desktop, with no
WCAG 2.1 A/AA violation; the account menu leads there."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.helpers import PHONE, WIDTHS, assert_no_axe_violation, layout_problems, log_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", WIDTHS)
def test_person_corrects_their_name_on_the_identity_page(page: Page, site_url, width):
    user = UserFactory(candidate=True, first_name="", last_name="")
    csp_violations = watch_csp(page)
    log_in(page, site_url, user.email)
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse("account_email"))
    if WIDTHS[width] == PHONE:
        page.get_by_role("button", name="Dans cette rubrique").click()
    page.get_by_role("link", name="Identité").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Identité")
    assert_no_axe_violation(page)

    page.get_by_label("Prénom").fill("Ada")
    page.get_by_label("Nom", exact=True).fill("Byron")
    page.get_by_label(re.compile("Nom d'usage")).fill("King")
    page.get_by_label(re.compile("Pronoms")).fill("elle")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.locator(".fr-alert--success")).to_contain_text("Votre identité est enregistrée.")
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.usual_name, user.pronouns) == ("Ada", "Byron", "King", "elle")
    assert user.get_full_name() == "Ada King"
    assert layout_problems(page) == []
    assert csp_violations == []
