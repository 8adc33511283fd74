"""The public figures of a cohort (/chiffres/<number>/) in Chromium: no WCAG 2.1 A/AA violation and
nothing out of its box at 375 px and 1280 px, with its chart, its tables and its challenges."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cohorts.profiles import Profile
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, WIDTHS, assert_no_axe_violation, layout_problems
from tests.fellowship.teams import team_fellow

pytestmark = [pytest.mark.e2e, AXE]


def challenge_in(cohort, name: str, administration: str):
    return ChallengeFactory(
        cohort=cohort,
        selected=True,
        with_parts=False,
        name=name,
        administration=AdministrationFactory(name=administration),
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_public_figures_are_accessible_and_fit(page: Page, site_url, width):
    cohort = CohortFactory(phase="programme", number=9, name="EIG 9")
    health = challenge_in(cohort, "Lab Santé et données de l'Agence du numérique", "Agence du numérique en santé")
    team_fellow(health)
    team_fellow(health, profile=Profile.DATA_SCIENTIST)
    waiting = challenge_in(cohort, "Sans équipe", "Direction interministérielle du numérique")
    PositionFactory(challenge=waiting, profile=Profile.DESIGNER)

    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse("public_figures:detail", args=[cohort.number]))

    expect(page.get_by_role("heading", level=1)).to_have_text("Les chiffres de la promotion EIG 9")
    expect(page.get_by_role("link", name="Télécharger les chiffres (CSV)")).to_be_visible()
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
