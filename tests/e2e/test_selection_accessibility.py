"""A challenge juror signs in with their second factor, evaluates a challenge in Chromium, and axe-core
finds no WCAG 2.1 A/AA violation on the list of challenges to evaluate or on the evaluation page."""

import pytest
from playwright.sync_api import Page, expect

from challenges.models import ChallengeEvaluation
from cohorts.models import GridStage, ScoringCriterion
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation, log_in_with_totp
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]


@pytest.fixture
def jury(site_url):
    """A cohort in its challenge selection, two submitted challenges and a juror of its challenge jury."""
    cohort = CohortFactory(name="EIG 12", phase="challenge_selection")
    juror = UserFactory(juror=True, second_factor=True, email="jure@example.org")
    cohort.challenge_jurors.add(juror)
    dam = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    challenge = ChallengeFactory(cohort=cohort, administration=dam, submitted=True, name="PrédiSauvetage")
    ChallengeFactory(cohort=cohort, administration=dam, submitted=True, name="b@liseNAV")
    return {"cohort": cohort, "juror": juror, "challenge": challenge}


def test_juror_evaluates_a_challenge_and_selection_pages_have_no_wcag_violation(page: Page, site_url, jury):
    log_in_with_totp(page, site_url, jury["juror"].email, lands_on=None)

    # The header leads the juror to the challenges to evaluate.
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Sélection des défis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sélection des défis")
    assert_no_axe_violation(page)

    # The evaluation page: the challenge, then the grid.
    page.get_by_role("link", name="PrédiSauvetage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Évaluer le défi « PrédiSauvetage »")
    assert_no_axe_violation(page)

    # Saved without any score (past the browser's own checks): the server's errors are shown, still accessible.
    form = page.locator("form").filter(has=page.get_by_role("button", name="Enregistrer mon évaluation"))
    form.evaluate("form => { form.noValidate = true; }")
    page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(page.locator(".fr-fieldset--error").first).to_be_visible()
    assert_no_axe_violation(page)

    # Every criterion scored, an opinion given: back to the list, the challenge marked as evaluated.
    criteria = ScoringCriterion.objects.for_stage(jury["cohort"], GridStage.CHALLENGE_SELECTION)
    # (DSFR draws each radio button and checkbox in its label, which takes the click.)
    for criterion, score in zip(criteria, [4, 3, 3, 2, 4], strict=True):
        page.locator(f"label[for=id_criterion_{criterion.pk}_{score - 1}]").click()
    page.locator("label[for=id_favourable_0]").click()
    page.locator("label[for=id_favourite]").click()
    page.get_by_label("Commentaire").fill("Un besoin réel, une équipe engagée.")
    page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sélection des défis")
    expect(page.get_by_text("Votre évaluation du défi « PrédiSauvetage » est enregistrée.")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="PrédiSauvetage"))
    expect(row.locator(".fr-badge")).to_have_text("Évalué")
    assert_no_axe_violation(page)

    evaluation = ChallengeEvaluation.objects.get()
    assert (evaluation.evaluator, evaluation.favourable, evaluation.favourite) == (jury["juror"], True, True)
    assert list(evaluation.scores.order_by("criterion__position").values_list("score", flat=True)) == [4, 3, 3, 2, 4]
