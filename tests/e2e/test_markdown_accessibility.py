"""Markdown in the browser: an agent and a candidate preview their formatted texts without JavaScript, and
the pages that render Markdown (the preview, the catalogue's challenge page, at 1280 and 375 px) pass axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cohorts.profiles import Profile
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, WIDTHS, assert_no_axe_violation, sign_in
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]

TEXT = (
    "## Les enjeux\n\n"
    "Des **dossiers** traités *à la main*.\n\n"
    "### Ce qui existe\n\n"
    "- un tableur ;\n"
    "- un prototype.\n\n"
    "[Le rapport](https://www.numerique.gouv.fr/rapport)"
)


@pytest.fixture(params=WIDTHS)
def width(request, page: Page) -> str:
    page.set_viewport_size(WIDTHS[request.param])
    return request.param


@pytest.mark.parametrize("viewport_width", WIDTHS)
def test_agent_previews_the_formatted_context_without_javascript(browser, site_url, viewport_width):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.set_viewport_size(WIDTHS[viewport_width])
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], name="Lab Santé", cohort=CohortFactory(phase="projects_call"))
    sign_in(page, site_url, agent)
    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1}))

    page.get_by_label("Contexte et problème").fill(TEXT)
    page.get_by_role("button", name="Enregistrer et voir l'aperçu").click()

    preview = page.locator("#apercu")
    expect(preview.get_by_role("heading", level=2)).to_have_text("Aperçu de la mise en forme")
    expect(preview.get_by_role("heading", level=4)).to_have_text("Les enjeux")
    expect(preview.get_by_role("heading", level=5)).to_have_text("Ce qui existe")
    expect(preview.get_by_role("link", name="Le rapport")).to_have_attribute("rel", "nofollow noopener noreferrer")
    expect(page.get_by_label("Contexte et problème")).to_have_value(TEXT)
    context.close()


def test_challenge_step_preview_has_no_wcag_violation(page: Page, site_url, width):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(
        owners=[agent], cohort=CohortFactory(phase="projects_call"), complete=True, solution=TEXT, benefits=TEXT
    )
    sign_in(page, site_url, agent)

    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 2}) + "?apercu=1")

    expect(page.locator("#apercu").get_by_role("heading", level=3)).to_have_count(4)
    assert_no_axe_violation(page)


def test_application_step_preview_has_no_wcag_violation(page: Page, site_url, width):
    application = ApplicationFactory(
        cohort=CohortFactory(phase="candidates_call"), complete=True, motivation=TEXT, achievements=TEXT
    )
    sign_in(page, site_url, application.candidate)
    page.goto(site_url + reverse("applications:edit", args=(3,)))

    page.get_by_role("button", name="Enregistrer et voir l'aperçu").click()

    expect(page.locator("#apercu").get_by_role("heading", level=4, name="Les enjeux")).to_have_count(2)
    assert_no_axe_violation(page)


def test_catalogue_challenge_page_with_markdown_has_no_wcag_violation(page: Page, site_url, width):
    challenge = ChallengeFactory(
        selected=True,
        cohort=CohortFactory(phase="wishes"),
        context=TEXT,
        solution=TEXT,
        with_parts=False,
    )
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER, mission=TEXT)

    page.goto(site_url + reverse("catalogue:detail", args=[challenge.pk]))

    expect(page.get_by_role("heading", level=3, name="Les enjeux")).to_have_count(2)
    expect(page.get_by_role("heading", level=4, name="Les enjeux")).to_have_count(1)
    assert_no_axe_violation(page)
