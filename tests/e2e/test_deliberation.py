"""In Chromium: the jury ranks its candidates and closes the deliberation; the director, signed in with
their second factor, validates the lists; each candidate sees their outcome. Every page passes axe and
fits at 375 px and at 1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from auditions.models import DeliberationStatus, ListVersion
from eig.models import OutboxEmail
from tests.auditions.factories import audition_scorecard, deliberation_world
from tests.e2e.helpers import (
    AXE,
    WIDTHS,
    assert_no_axe_violation,
    jury_decides_and_closes,
    layout_problems,
    log_in_with_totp,
    sign_in,
    watch_csp,
)
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]

DIRECTOR_EMAIL = "directrice@example.org"


def check_every_width(page: Page) -> None:
    for size in WIDTHS.values():
        page.set_viewport_size(size)
        assert_no_axe_violation(page)
        assert layout_problems(page) == []


def test_the_jury_ranks_the_director_validates_and_the_candidates_see_their_outcome(page: Page, site_url):
    world = deliberation_world(candidates=2, jurors=2)
    laureate, waiting = world.applications
    for audition, score in zip(world.auditions, (5, 3), strict=True):
        for juror in world.jurors:
            audition_scorecard(audition=audition, juror=juror, scores=score)
    juror = world.jurors[0]
    UserFactory(director=True, second_factor=True, email=DIRECTOR_EMAIL)
    csp_violations = watch_csp(page)

    # The juror signs in with their second factor and opens the deliberation of their challenge.
    log_in_with_totp(page, site_url, juror.email, lands_on=None)
    page.goto(site_url + reverse("auditions:deliberations"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Délibérations")
    check_every_width(page)
    page.get_by_role("link", name=world.deliberation.challenge.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(world.deliberation))
    candidates = page.get_by_role("table", name=re.compile("Candidat·es auditionné·es"))
    expect(candidates.get_by_role("rowheader")).to_have_text(
        [laureate.candidate.get_full_name(), waiting.candidate.get_full_name()]
    )
    expect(page.get_by_text("jamais utilisées pour classer", exact=False)).to_be_visible()
    check_every_width(page)

    # The jury ranks: the first on the main list, the second on the waiting list; then it closes.
    jury_decides_and_closes(
        page,
        [
            (laureate.candidate.get_full_name(), "main", "1", "Excellente audition"),
            (waiting.candidate.get_full_name(), "waiting", "1", "Très solide"),
        ],
    )
    world.deliberation.refresh_from_db()
    assert world.deliberation.status == DeliberationStatus.CLOSED

    # The director signs in with their second factor and validates the lists.
    page.context.clear_cookies()
    log_in_with_totp(page, site_url, DIRECTOR_EMAIL)
    page.goto(site_url + reverse("auditions:validation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Validation des listes")
    check_every_width(page)
    page.get_by_role("button", name=re.compile("Valider les listes")).click()
    expect(page.get_by_text("sont validées (version 1)", exact=False)).to_be_visible()
    assert ListVersion.objects.get().validated_by.email == DIRECTOR_EMAIL
    assert sorted(email.to[0] for email in OutboxEmail.objects.all()) == sorted(
        [laureate.candidate.email, waiting.candidate.email]
    )

    # Each candidate sees their outcome on « Mes résultats », reached from their space.
    for application, outcome in (
        (laureate, "Liste principale"),
        (waiting, "Liste complémentaire : vous êtes en position 1"),
    ):
        page.context.clear_cookies()
        sign_in(page, site_url, application.candidate)
        page.goto(site_url + reverse("applications:space"))
        page.get_by_role("link", name="Mes résultats d'audition").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mes résultats")
        expect(page.get_by_text(outcome, exact=True)).to_be_visible()
        check_every_width(page)
    assert csp_violations == []
