"""axe-core finds no WCAG 2.1 A/AA violation on the pre-selection pages: the queue, the review page
(also with its errors) and the ranking."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation, sign_in
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]


@pytest.fixture
def staff_page(page: Page, site_url):
    """A signed-in staff member (the session cookie of a forced login; the account has its second factor)."""
    cohort = CohortFactory(phase="preselection", name="EIG 12", number=12)
    for scores in ([1, 1, 1, 1, 1, 1], [5, 5, 5, 5, 5, 5]):
        application = ApplicationFactory(submitted=True, cohort=cohort)
        for score in scores, [3] * 6:
            PreselectionReviewFactory(application=application, scores=score, assessment="…")
    ApplicationFactory(submitted=True, cohort=cohort)
    sign_in(page, site_url, UserFactory(staff=True))
    return page


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("review:queue", "Présélection des candidatures"),
        ("review:ranking", "Classement de la présélection"),
    ],
)
def test_preselection_list_pages_have_no_wcag_violation(staff_page: Page, site_url, url_name, heading):
    staff_page.goto(site_url + reverse(url_name))
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(heading)

    assert_no_axe_violation(staff_page)


def test_review_page_has_no_wcag_violation_also_with_errors(staff_page: Page, site_url):
    staff_page.goto(site_url + reverse("review:queue"))
    staff_page.get_by_role("link", name="Évaluer la suivante").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Candidature [0-9A-Z]{5}-[0-9A-Z]{5}"))
    assert_no_axe_violation(staff_page)

    # Every score given, an assessment of spaces only: the browser sends it, the server refuses it.
    for label in staff_page.locator("label[for^=id_criterion_][for$=_3]").all():
        label.click()
    staff_page.get_by_label("Appréciation").fill("   ")
    staff_page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(staff_page.get_by_text("Ce champ est obligatoire.").first).to_be_visible()
    assert_no_axe_violation(staff_page)
