"""axe-core finds no WCAG 2.1 A/AA violation on the public catalogue: the list (with and without a
search), a challenge's page and the archive."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from challenges.models import ContactKind
from cohorts.profiles import Profile
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation

pytestmark = [pytest.mark.e2e, AXE]


@pytest.fixture
def challenges(site_url):
    """The current cohort, revealed, with three challenges; a past cohort with published code."""
    past = CohortFactory(name="EIG 6", number=6, phase="finished")
    cohort = CohortFactory(name="EIG 12", number=12, phase="wishes")
    health = ChallengeFactory(
        selected=True,
        cohort=cohort,
        name="Lab Santé",
        summary="Ouvrir et croiser les données de santé pour éclairer les politiques publiques.",
        administration=AdministrationFactory(
            name="Direction de la recherche, des études, de l'évaluation et des statistiques",
            acronym="DREES",
            website="https://drees.solidarites-sante.gouv.fr",
        ),
        source_code_url="https://github.com/entrepreneur-interet-general/lab-sante",
    )
    ContactFactory(challenge=health, kind=ContactKind.PROJECT_LEAD, name="Paul Porteur")
    designers = ChallengeFactory(
        selected=True, cohort=cohort, name="Gobelins", work_city="Paris", with_parts=False, summary="Les collections."
    )
    PositionFactory(challenge=designers, profile=Profile.DESIGNER)
    PositionFactory(challenge=designers, profile=Profile.DIGITAL_LAW_JURIST)
    ChallengeFactory(selected=True, cohort=cohort, name="Signaux Faibles", work_city="Lyon")
    ChallengeFactory(
        selected=True,
        cohort=past,
        name="Hopkins",
        source_code_url="https://github.com/entrepreneur-interet-general/hopkins",
    )
    ChallengeFactory(selected=True, cohort=past, name="Brigade Numérique")
    return {"health": health}


def test_catalogue_has_no_wcag_violation(page: Page, site_url, challenges):
    page.goto(site_url + reverse("catalogue:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Les défis de la promotion EIG 12")

    assert_no_axe_violation(page)


def test_catalogue_search_has_no_wcag_violation(page: Page, site_url, challenges):
    page.goto(site_url + reverse("catalogue:list"))
    page.get_by_role("searchbox").fill("santé")
    page.get_by_label("Profil recherché").select_option(Profile.DATA_SCIENTIST.value)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=2, name="1 défi")).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_have_text(["Lab Santé"])

    assert_no_axe_violation(page)


def test_catalogue_search_without_result_has_no_wcag_violation(page: Page, site_url, challenges):
    page.goto(site_url + reverse("catalogue:list") + "?q=astronomie")
    expect(page.get_by_text("Aucun défi ne correspond à votre recherche ou à vos filtres.")).to_be_visible()

    assert_no_axe_violation(page)


def test_catalogue_before_the_reveal_has_no_wcag_violation(page: Page, site_url):
    CohortFactory(name="EIG 12", phase="both_calls")
    page.goto(site_url + reverse("catalogue:list"))
    expect(page.get_by_role("heading", level=2, name="Les défis ne sont pas encore dévoilés")).to_be_visible()

    assert_no_axe_violation(page)


def test_challenge_page_has_no_wcag_violation(page: Page, site_url, challenges):
    page.goto(site_url + reverse("catalogue:list"))
    page.get_by_role("link", name="Lab Santé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lab Santé")
    expect(page.get_by_role("link", name="Voir le code source publié")).to_have_attribute(
        "href", "https://github.com/entrepreneur-interet-general/lab-sante"
    )

    assert_no_axe_violation(page)


def test_archive_has_no_wcag_violation(page: Page, site_url, challenges):
    page.goto(site_url + reverse("catalogue:list"))
    page.get_by_role("link", name="Les défis des promotions précédentes").click()
    expect(page.get_by_role("heading", level=2, name="Promotion EIG 6")).to_be_visible()

    assert_no_axe_violation(page)
