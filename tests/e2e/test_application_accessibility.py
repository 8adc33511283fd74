"""axe-core finds no WCAG 2.1 A/AA violation on the candidate's pages: their space, every step of the
application form (also with an error shown), the wishes page (enhanced by its script) and after the close."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.applications.factories import ApplicationFactory, WishFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation, sign_in

pytestmark = [pytest.mark.e2e, AXE]

STEPS = [
    (1, "Profil"),
    (2, "Expérience"),
    (3, "Motivation"),
    (4, "Disponibilité"),
    (5, "CV"),
    (6, "Attestations"),
    (7, "Récapitulatif et dépôt"),
]


@pytest.mark.parametrize(("step", "title"), STEPS)
def test_application_step_has_no_wcag_violation(page: Page, site_url, step, title):
    application = ApplicationFactory(
        cohort=CohortFactory(phase="candidates_call"), complete=True, years_of_experience=3
    )
    sign_in(page, site_url, application.candidate)

    page.goto(site_url + reverse("applications:edit", args=(step,)))
    expect(page.locator(".fr-stepper__title")).to_contain_text(title)

    assert_no_axe_violation(page)


def test_application_step_with_errors_has_no_wcag_violation(page: Page, site_url, tmp_path):
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"))
    sign_in(page, site_url, application.candidate)
    not_a_pdf = tmp_path / "cv.pdf"
    not_a_pdf.write_bytes(b"MZ" + b"\x00" * 2000)
    page.goto(site_url + reverse("applications:edit", args=(5,)))
    page.locator("input[name=cv]").set_input_files(not_a_pdf)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#save-errors")).to_be_visible()

    assert_no_axe_violation(page)


def test_recap_with_missing_items_has_no_wcag_violation(page: Page, site_url):
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"))
    sign_in(page, site_url, application.candidate)

    page.goto(site_url + reverse("applications:edit", args=(7,)))
    expect(page.locator("#missing-items")).to_be_visible()

    assert_no_axe_violation(page)


@pytest.mark.parametrize(
    ("phase", "traits"),
    [
        ("candidates_call", {}),
        ("candidates_call", {"submitted": True}),
        ("wishes", {"preselected": True}),
        ("before_wishes", {"not_preselected": True}),
    ],
    ids=["draft", "submitted", "preselected", "not-preselected"],
)
def test_candidate_space_has_no_wcag_violation(page: Page, site_url, phase, traits):
    application = ApplicationFactory(cohort=CohortFactory(phase=phase), **traits)
    sign_in(page, site_url, application.candidate)

    page.goto(site_url + reverse("applications:space"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")

    assert_no_axe_violation(page)


@pytest.mark.parametrize("phase", ["before_wishes", "wishes", "after_wishes"], ids=["before", "during", "after"])
def test_wishes_page_has_no_wcag_violation(page: Page, site_url, phase):
    cohort = CohortFactory(phase=phase)
    application = ApplicationFactory(cohort=cohort, preselected=True)
    challenges = [ChallengeFactory(cohort=cohort, selected=True, name=f"Défi {letter}") for letter in "ABCD"]
    for challenge in challenges[:3]:
        WishFactory(application=application, challenge=challenge)
    sign_in(page, site_url, application.candidate)

    page.goto(site_url + reverse("applications:wishes"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes vœux")
    if phase == "wishes":
        # The script has enhanced the form: its buttons are shown.
        expect(page.get_by_role("button", name="Descendre Défi A")).to_be_visible()

    assert_no_axe_violation(page)
