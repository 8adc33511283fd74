"""A team's repositories in Chromium: a fellow declares a repository under a free licence, finds it listed,
removes it through the confirmation dialog (cancelling first changes nothing); the team then appears on the
public cohort page with its repository. No Content-Security-Policy violation on the way."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from fellowship.models import Repository
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import sign_in, watch_csp
from tests.fellowship.teams import team_fellow

pytestmark = pytest.mark.e2e


def test_a_fellow_declares_then_removes_a_repository(page: Page, site_url):
    cohort = CohortFactory(phase="programme", number=9, name="EIG 9")
    challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False, name="Signaux")
    fellow = team_fellow(challenge, public=True, first_name="Awa", last_name="Diallo")
    csp_violations = watch_csp(page)
    sign_in(page, site_url, fellow.user)

    page.goto(site_url + reverse("fellowship:repositories"))
    page.get_by_label("Nom du dépôt").fill("signaux-api")
    page.get_by_label("Adresse du dépôt").fill("https://github.com/etalab/signaux")
    page.get_by_label("Licence libre").select_option("EUPL-1.2")
    page.get_by_role("button", name="Déclarer ce dépôt").click()
    expect(page.locator("#team-repositories")).to_contain_text("EUPL 1.2")

    page.goto(site_url + reverse("fellowship:cohort_public", args=[9]))
    expect(page.locator(f"#team-{challenge.pk}")).to_contain_text("Awa Diallo, Développeur·se")
    expect(page.locator(f"#team-{challenge.pk}")).to_contain_text("signaux-api — licence EUPL 1.2")

    page.goto(site_url + reverse("fellowship:repositories"))
    repository = Repository.objects.get()
    dialog = page.locator(f"#remove-repository-{repository.pk}")
    page.get_by_role("button", name="Retirer signaux-api").click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_be_hidden()
    assert Repository.objects.count() == 1

    page.get_by_role("button", name="Retirer signaux-api").click()
    dialog.get_by_role("button", name="Retirer ce dépôt").click()
    expect(page.locator("#team-repositories-empty")).to_be_visible()
    assert Repository.objects.count() == 0
    assert csp_violations == []
