"""In Chromium: a text pasted past a field's length limit is kept whole (no `maxlength` cuts it), a live
counter says how many characters are too many, and the server refuses it with a message that keeps it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from challenges.models import Challenge
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import assert_no_axe_violation, log_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

PASTED = " ".join(["Les signalements arrivent par trois canaux et personne ne les recoupe."] * 5)  # 354 characters


def test_pasted_text_over_the_limit_is_kept_counted_and_refused_by_the_server(page: Page, site_url):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], cohort=CohortFactory(phase="projects_call"), name="Signaux")
    csp_violations = watch_csp(page)
    log_in(page, site_url, agent.email)
    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1}))
    summary = page.get_by_label(re.compile("Le problème en deux lignes"))
    counter = page.locator("#id_summary-length-counter")
    expect(counter).to_have_text("Il reste 300 caractères sur 300.")

    # The text is pasted whole, however long: the counter says by how much it is too long.
    summary.focus()
    page.keyboard.insert_text(PASTED)
    assert len(summary.input_value()) == len(PASTED) == 354
    expect(counter).to_have_text("54 caractères de trop : la limite est de 300 caractères.")
    expect(counter).to_have_class(re.compile("eig-length-counter--over"))
    # Screen readers hear it once the typing pauses.
    expect(page.locator("#id_summary-length-counter + [aria-live=polite]")).to_have_text(
        "54 caractères de trop : la limite est de 300 caractères."
    )
    assert "id_summary-length-counter" in summary.get_attribute("aria-describedby")

    # The server refuses it, with the text kept as pasted.
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#id_summary-desc-error")).to_have_text(
        "Assurez-vous que cette valeur comporte au plus 300 caractères (actuellement 354)."
    )
    expect(summary).to_have_value(PASTED)
    expect(counter).to_have_text("54 caractères de trop : la limite est de 300 caractères.")
    assert Challenge.objects.get(pk=challenge.pk).summary == ""

    # Shortened, it is saved; the counter counts down.
    summary.fill(PASTED[:290])
    expect(counter).to_have_text("Il reste 10 caractères sur 300.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Brouillon enregistré.")
    assert Challenge.objects.get(pk=challenge.pk).summary == PASTED[:290]
    assert_no_axe_violation(page)
    assert csp_violations == []
