"""In Chromium, a juror's space: the first juror (TOTP) finds the audition in « Mes auditions », declares
no link, reads the file, scores on the grid and then sees the other jurors' scores; a second juror declares
a link and cannot open the file. axe finds no WCAG 2.1 A/AA violation at 375 and 1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from auditions.declarations import audition_declare
from auditions.models import AuditionScorecard, Declaration
from tests.auditions.factories import (
    AuditionFactory,
    JuryFactory,
    JuryMemberFactory,
    audition_scorecard,
    auditions_day,
)
from tests.e2e.helpers import AXE, WIDTHS, assert_no_axe_violation, layout_problems, log_in_with_totp, tick
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]


def checked_at_every_width(page: Page) -> None:
    for size in WIDTHS.values():
        page.set_viewport_size(size)
        assert_no_axe_violation(page)
        assert layout_problems(page) == []


@pytest.fixture
def audition(site_url):
    """A jury of three: the first two jurors are the test's, the third already scored."""
    jury = JuryFactory(name="Jury Signaux Faibles")
    users = [
        UserFactory(juror=True, second_factor=True, email=email, first_name=first, last_name=last)
        for email, first, last in (
            ("ada@example.org", "Ada", "Lovelace"),
            ("grace@example.org", "Grace", "Hopper"),
            ("alan@example.org", "Alan", "Turing"),
        )
    ]
    for user in users:
        JuryMemberFactory(jury=jury, user=user)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    audition_declare(audition=audition, juror=users[2], link="none")
    audition_scorecard(audition=audition, juror=users[2], scores=[5, 4, 3, 2, 1, 0], comment="Solide")
    audition.users = users
    return audition


def test_a_juror_declares_no_link_scores_then_sees_the_others(page: Page, site_url, audition):
    log_in_with_totp(page, site_url, "ada@example.org", lands_on=None)
    expect(page).to_have_url(re.compile(re.escape(reverse("auditions:my_auditions")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes auditions")
    candidate = audition.application.candidate.get_full_name()
    expect(page.get_by_role("row", name=re.compile(re.escape(candidate)))).to_contain_text("Déclaration à faire")
    checked_at_every_width(page)

    page.get_by_role("link", name=candidate).click()
    expect(page.get_by_role("heading", level=2, name="Votre déclaration d'intérêts")).to_be_visible()
    expect(page.get_by_text("Le dossier de candidature")).to_have_count(0)
    checked_at_every_width(page)

    tick(page, "Aucun lien")
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    expect(page.get_by_text("Votre déclaration est enregistrée : le dossier vous est ouvert.")).to_be_visible()
    expect(page.get_by_role("heading", name="Le dossier de candidature")).to_be_visible()
    expect(page.get_by_role("link", name="Ouvrir le CV (PDF)")).to_be_visible()
    expect(
        page.get_by_text("Les évaluations des autres juré·es s'affichent une fois la vôtre enregistrée.")
    ).to_be_visible()
    expect(page.get_by_text("Alan Turing")).to_have_count(0)
    checked_at_every_width(page)

    for label in page.locator("label[for^=id_criterion_][for$=_4]").all():
        label.click()
    page.locator("textarea[name^=comment_]").first.fill("Parcours très clair")
    tick(page, "Favorable")
    page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(page.get_by_text(f"Votre évaluation de l'audition de {candidate} est enregistrée.")).to_be_visible()
    scores = page.get_by_role("table", name="Les notes de chaque juré·e, sur 5")
    expect(scores.get_by_role("columnheader")).to_have_text(["Critère", "Alan Turing", "Ada Lovelace", "Moyenne"])
    expect(page.locator("#jury-scores").get_by_text("Parcours très clair")).to_be_visible()
    scorecard = AuditionScorecard.objects.get(audition=audition, juror=audition.users[0])
    assert [score.score for score in scorecard.sorted_scores()] == [4] * 6
    checked_at_every_width(page)


def test_a_juror_who_declares_a_link_cannot_open_the_file(page: Page, site_url, audition):
    log_in_with_totp(page, site_url, "grace@example.org", lands_on=None)
    page.goto(site_url + reverse("auditions:audition", args=[audition.pk]))

    tick(page, "Nous avons travaillé ensemble")
    page.get_by_label("Précision").fill("Même équipe à la DINUM en 2022")
    page.get_by_role("button", name="Enregistrer ma déclaration").click()

    expect(page.get_by_role("heading", name="Vous êtes déporté·e de cette audition")).to_be_visible()
    expect(page.get_by_text("Le dossier de candidature")).to_have_count(0)
    expect(page.get_by_role("button", name="Enregistrer mon évaluation")).to_have_count(0)
    checked_at_every_width(page)
    assert Declaration.objects.get(audition=audition, juror=audition.users[1]).note == "Même équipe à la DINUM en 2022"
    response = page.goto(site_url + reverse("auditions:cv", args=[audition.pk]))
    assert response.status == 403
