"""An agent drafts a challenge, leaves, comes back, completes every step and submits it before the
deadline; after the deadline, its pages say the call is closed, saving is refused and the draft is intact."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import COMPLETE_FIELDS, AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import log_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

EMAIL = "agent@sante.gouv.fr"


def expect_step(page: Page, number: int, title: str) -> None:
    expect(page.locator(".fr-stepper__title")).to_have_text(re.compile(rf"Étape {number} sur 7\s+{title}"))


def test_agent_drafts_leaves_comes_back_completes_and_submits(page: Page, site_url, mailoutbox):
    CohortFactory(phase="projects_call")
    agent = UserFactory(agent=True, email=EMAIL)
    MembershipFactory(
        user=agent, administration=AdministrationFactory(name="Agence du numérique en santé", acronym="ANS")
    )
    csp_violations = watch_csp(page)

    # The agent logs in and lands on their dashboard, where a projects call is open.
    log_in(page, site_url, EMAIL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes défis")
    page.get_by_role("link", name="Créer un défi").click()

    # They create a draft and start the first step.
    page.get_by_label("Nom du défi").fill("Lab Santé")
    page.get_by_label("Administration qui porte le défi").select_option(label="Agence du numérique en santé (ANS)")
    page.get_by_role("button", name="Créer le brouillon").click()
    expect_step(page, 1, "Le défi")
    page.get_by_label("Le problème en deux lignes").fill(COMPLETE_FIELDS["summary"])
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Brouillon enregistré.")).to_be_visible()

    # They leave, then come back through the header and their dashboard.
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Entrepreneurs d'intérêt général")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mes défis").click()
    page.get_by_role("link", name="Lab Santé", exact=True).click()
    page.get_by_role("link", name="Modifier le défi").click()
    expect_step(page, 1, "Le défi")
    expect(page.get_by_label("Le problème en deux lignes")).to_have_value(COMPLETE_FIELDS["summary"])

    # Step 1 to 3: the texts.
    page.get_by_label("Contexte et problème").fill(COMPLETE_FIELDS["context"])
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect_step(page, 2, "La solution")
    page.get_by_label("Solution envisagée").fill(COMPLETE_FIELDS["solution"])
    page.get_by_label("Bénéfices attendus").fill(COMPLETE_FIELDS["benefits"])
    page.get_by_label("Solutions déjà envisagées").fill(COMPLETE_FIELDS["existing_solutions"])
    page.get_by_label("Obstacles").fill(COMPLETE_FIELDS["obstacles"])
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect_step(page, 3, "Données, éthique et ouverture")
    page.get_by_label("Données nécessaires").fill(COMPLETE_FIELDS["data_needed"])
    page.get_by_label("Les données sont-elles accessibles").select_option(label="Oui, les données sont accessibles")
    page.get_by_label("Enjeux juridiques et éthiques").fill(COMPLETE_FIELDS["legal_ethical_issues"])
    page.get_by_label("Ouverture et suite du programme").fill(COMPLETE_FIELDS["openness"])
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 4: two positions.
    expect_step(page, 4, "Les postes")
    for legend, profile, mission in [
        ("Poste 1", "Développeur·se", "Construire le service."),
        ("Poste 2", "Data scientist", "Analyser les dossiers."),
    ]:
        group = page.get_by_role("group", name=legend, exact=True)
        group.get_by_label("Profil recherché").select_option(label=profile)
        group.get_by_label("Mission").fill(mission)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 5: the team and the place.
    expect_step(page, 5, "L'équipe et le lieu")
    member = page.get_by_role("group", name="Équipe projet : personne 1")
    member.get_by_label("Prénom et nom").fill("Camille Martin")
    member.get_by_label("Rôle dans le projet").fill("Cheffe de projet")
    member.get_by_label("Part de son temps").fill("50")
    place = page.get_by_role("group", name="Le lieu de travail")
    place.get_by_label("Adresse du lieu de travail").fill(COMPLETE_FIELDS["work_address"])
    place.get_by_label("Code postal").fill(COMPLETE_FIELDS["work_postcode"])
    place.get_by_label("Ville").fill(COMPLETE_FIELDS["work_city"])
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 6: the contacts.
    expect_step(page, 6, "Les contacts")
    for legend, name, email in [
        ("Sponsor (mentor·e senior)", "Claire Dupont", "claire.dupont@sante.gouv.fr"),
        ("Porteur·se de projet (mentor·e opérationnel·le)", "Paul Durand", "paul.durand@sante.gouv.fr"),
        ("Contact ressources humaines", "Léa Petit", "lea.petit@sante.gouv.fr"),
        ("Contact financier", "Hugo Moreau", "hugo.moreau@sante.gouv.fr"),
    ]:
        group = page.get_by_role("group", name=legend, exact=True)
        group.get_by_label("Prénom et nom").fill(name)
        group.get_by_label("Adresse e-mail").fill(email)
    page.get_by_role("button", name="Enregistrer et continuer").click()

    # Step 7: the recap says the challenge is complete; they submit it.
    expect_step(page, 7, "Récapitulatif et dépôt")
    expect(page.locator("#missing-items")).to_have_text("Le défi est complet : relisez-le, puis déposez-le.")
    page.get_by_role("button", name="Déposer le défi").click()

    expect(
        page.get_by_text("Le défi est déposé : ses porteur·ses reçoivent un accusé de réception par e-mail.")
    ).to_be_visible()
    expect(page.locator("main .fr-badge")).to_have_text("Déposé")
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([EMAIL], "[EIG] Votre défi « Lab Santé » est déposé")
    ]
    assert csp_violations == []


def test_after_the_deadline_the_call_is_said_closed_and_the_draft_is_intact(page: Page, site_url, mailoutbox):
    cohort = CohortFactory(phase="challenge_selection")
    agent = UserFactory(agent=True, email=EMAIL)
    ChallengeFactory(name="Lab Santé", cohort=cohort, owners=[agent], complete=True)
    closed = (
        f"L'appel à projets est clos : sa date limite était le {paris_datetime(cohort.projects_call_closes_at)}. "
        "Le défi ne peut plus être modifié ni déposé."
    )

    # The dashboard says the call is closed, rather than what to complete or a way to submit.
    log_in(page, site_url, EMAIL)
    row = page.get_by_role("row", name=re.compile("Lab Santé"))
    expect(row.get_by_role("cell").last).to_have_text(closed)
    expect(row.get_by_role("link", name=re.compile("déposer", re.IGNORECASE))).to_have_count(0)

    # The recap says it too, and offers no submit button (the server would refuse it anyway).
    row.get_by_role("link", name="Lab Santé").click()
    page.goto(page.url + "etapes/7/")
    expect_step(page, 7, "Récapitulatif et dépôt")
    expect(page.locator("#deadline")).to_contain_text("est clos : sa date limite était le")
    expect(page.get_by_role("button", name="Déposer le défi")).to_have_count(0)
    expect(page.locator("#missing-items")).to_have_count(0)

    # Saving a change is refused too, and what they typed stays on the page.
    page.get_by_role("link", name="Modifier « Le défi »").click()
    page.get_by_label("Le problème en deux lignes").fill("Tapé après la clôture")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#save-errors")).to_have_text(
        re.compile(rf"Le brouillon n'est pas enregistré\s+{re.escape(closed)}")
    )
    expect(page.get_by_label("Le problème en deux lignes")).to_have_value("Tapé après la clôture")

    # Reloaded, the draft is intact.
    page.goto(page.url)
    expect(page.get_by_label("Le problème en deux lignes")).to_have_value(COMPLETE_FIELDS["summary"])
    expect(page.get_by_label("Contexte et problème")).to_have_value(COMPLETE_FIELDS["context"])
    page.goto(site_url + reverse("challenges:dashboard"))
    expect(page.get_by_role("row", name=re.compile("Lab Santé")).get_by_role("cell").first).to_have_text("Brouillon")
    assert mailoutbox == []
