"""axe-core finds no WCAG 2.1 A/AA violation on the agents' pages: every step of the challenge form
(blank and with errors), the dashboard, the challenge's page and the other agent pages."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from challenges.services import challenge_invite
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, assert_no_axe_violation, log_in
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]

EMAIL = "agent@sante.gouv.fr"
STEP_TITLES = [
    "Le défi",
    "La solution",
    "Données, éthique et ouverture",
    "Les postes",
    "L'équipe et le lieu",
    "Les contacts",
    "Récapitulatif et dépôt",
]


@pytest.fixture
def challenge(site_url):
    """A half-filled draft of an open projects call: some parts filled, some missing."""
    agent = UserFactory(agent=True, email=EMAIL)
    administration = AdministrationFactory(name="Agence du numérique en santé", acronym="ANS")
    MembershipFactory(user=agent, administration=administration)
    challenge = ChallengeFactory(
        name="Lab Santé",
        cohort=CohortFactory(phase="projects_call"),
        administration=administration,
        owners=[agent],
        complete=True,
    )
    challenge.contacts.filter(kind="hr").delete()
    challenge_invite(challenge=challenge, email="collegue@sante.gouv.fr", by=agent)
    return challenge


@pytest.mark.parametrize("step", range(1, 8))
def test_challenge_form_step_has_no_wcag_violation(page: Page, site_url, challenge, step):
    log_in(page, site_url, EMAIL)

    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": step}))

    expect(page.locator(".fr-stepper__title")).to_contain_text(STEP_TITLES[step - 1])
    assert_no_axe_violation(page)


@pytest.mark.parametrize("step", [1, 4, 5, 6])
def test_challenge_form_step_with_errors_has_no_wcag_violation(page: Page, site_url, challenge, step):
    log_in(page, site_url, EMAIL)
    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": step}))
    # An invalid value in the first row of each step: an empty name, a mission without profile,
    # a person without role nor time share, a contact without e-mail address.
    invalid = {
        1: ("#id_name", ""),
        4: ("#id_positions-2-mission", "Sans profil"),
        5: ("#id_team-1-name", "Sans rôle"),
        6: ("#id_hr-name", "Sans adresse"),
    }
    selector, value = invalid[step]
    page.locator(selector).fill(value)
    page.get_by_role("button", name="Enregistrer le brouillon").click()

    expect(page.locator("#save-errors")).to_be_visible()
    assert_no_axe_violation(page)


def test_recap_with_refused_submission_has_no_wcag_violation(page: Page, site_url, challenge):
    log_in(page, site_url, EMAIL)
    page.goto(site_url + reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 7}))
    page.get_by_role("button", name="Déposer le défi").click()

    expect(page.locator("#submit-errors")).to_be_visible()
    assert_no_axe_violation(page)


@pytest.mark.parametrize(
    ("url_name", "with_challenge", "heading"),
    [
        ("challenges:dashboard", False, "Mes défis"),
        ("challenges:administration", False, "Mes administrations"),
        ("challenges:create", False, "Créer un défi"),
        ("challenges:detail", True, "Lab Santé"),
        ("challenges:withdraw", True, "Retirer le défi « Lab Santé »"),
        ("challenges:invite", True, "Inviter un·e collègue"),
    ],
)
def test_agent_page_has_no_wcag_violation(page: Page, site_url, challenge, url_name, with_challenge, heading):
    log_in(page, site_url, EMAIL)

    page.goto(site_url + reverse(url_name, kwargs={"pk": challenge.pk} if with_challenge else {}))

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_no_axe_violation(page)


def test_invitation_page_has_no_wcag_violation(page: Page, site_url, challenge):
    UserFactory(email="collegue@sante.gouv.fr")
    invitation = challenge.invitations.get()
    log_in(page, site_url, "collegue@sante.gouv.fr")

    page.goto(site_url + reverse("challenges:invitation_accept", kwargs={"token": invitation.token}))

    expect(page.get_by_role("button", name="Accepter l'invitation")).to_be_visible()
    assert_no_axe_violation(page)


def test_member_answers_a_request_to_join_and_the_page_has_no_wcag_violation(page: Page, site_url, challenge):
    """The administration page with a request to answer, and with the agent's own pending request
    elsewhere: axe finds nothing; the member accepts the colleague's request."""
    agent = challenge.owners.get()
    MembershipFactory(
        user=agent, administration=AdministrationFactory(name="Direction régionale", acronym="DR"), pending=True
    )
    colleague = UserFactory(agent=True, email="collegue@sante.gouv.fr", first_name="Camille", last_name="Martin")
    request = MembershipFactory(user=colleague, administration=challenge.administration, pending=True)
    log_in(page, site_url, EMAIL)

    page.goto(site_url + reverse("challenges:administration"))
    expect(page.locator("#my-administrations")).to_contain_text("Demande en attente d'accord")
    assert_no_axe_violation(page)
    page.get_by_role("button", name="Accepter la demande de collegue@sante.gouv.fr").click()

    expect(page.get_by_text("Vous avez accepté la demande de Camille Martin")).to_be_visible()
    expect(page.locator("#membership-requests")).to_have_count(0)
    assert_no_axe_violation(page)
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", agent)
