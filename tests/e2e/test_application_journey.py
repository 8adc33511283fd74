"""In Chromium: a visitor signs up as a candidate, applies through every step with both PDFs, submits and
receives the confirmation; a pre-selected candidate ranks and reorders wishes (with JavaScript); after the
close, a change is refused."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from applications.models import Application
from applications.services import applications_decide
from eig.pdf import pdf_sanitise
from tests.applications.factories import ApplicationFactory, WishFactory, pdf_bytes
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import (
    log_in,
    rank_select,
    save_and_continue,
    saved_order,
    sign_up_as_candidate,
    table_order,
    tick,
    watch_csp,
)
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

EMAIL = "grace.hopper@example.org"
PASSWORD = "compilateur-a-0-1952"


def test_candidate_signs_up_applies_in_steps_with_both_pdfs_and_submits(page: Page, site_url, mailoutbox, tmp_path):
    cohort = CohortFactory(phase="candidates_call", name="EIG 42")
    csp_violations = watch_csp(page)
    cv_path, anonymised_path = tmp_path / "Grace Hopper - CV.pdf", tmp_path / "cv-anonyme.pdf"
    cv_path.write_bytes(pdf_bytes("Grace Hopper"))
    anonymised_path.write_bytes(pdf_bytes("Profil anonyme"))

    # A new candidate finds their space from the header.
    sign_up_as_candidate(page, site_url, mailoutbox, EMAIL, PASSWORD, first_name="Grace", last_name="Hopper")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Ma candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    page.get_by_role("link", name="Candidater").click()

    # Step 1: profile.
    expect(page.locator(".fr-stepper__title")).to_have_text("Étape 1 sur 7 Profil")
    tick(page, "Développeur·se", group="Profil principal")
    tick(page, "Data engineer", group="Compétences secondaires")
    page.get_by_label(re.compile("Vos compétences en quelques mots")).fill("Compilateurs, COBOL, pédagogie")
    save_and_continue(page, "Expérience")

    # Step 2: experience; the salary band appears once saved.
    page.get_by_label(re.compile("Années d'expérience professionnelle")).fill("12")
    page.get_by_label(re.compile("Parcours et expériences")).fill(
        "Officière de marine, puis pionnière de la programmation."
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#salary-band-result")).to_have_text(
        "Avec 12 ans d'expérience, vous relevez de la tranche senior (plus de 5 ans) : 4\u202f000 € net par mois."
    )
    save_and_continue(page, "Motivation")

    # Step 3: motivation.
    page.get_by_label(re.compile("Motivation et sens de l'intérêt général")).fill(
        "Rendre l'informatique utile à tous."
    )
    page.get_by_label(re.compile("Réalisations")).fill("Le premier compilateur.")
    page.get_by_label(re.compile("Liens")).fill("https://example.org/grace")
    save_and_continue(page, "Disponibilité")

    # Step 4: availability.
    tick(page, "Selon le défi")
    tick(page, "Un·e ancien·ne EIG")
    save_and_continue(page, "CV")

    # Step 5: both PDFs.
    page.locator("input[name=cv]").set_input_files(cv_path)
    page.locator("input[name=anonymised_cv]").set_input_files(anonymised_path)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#stored-cv")).to_contain_text("CV : enregistré.")
    expect(page.locator("#stored-anonymised-cv")).to_contain_text("CV anonymisé : enregistré.")
    save_and_continue(page, "Attestations")

    # Step 6: statements.
    for label in (
        "Je ne suis pas fonctionnaire en activité",
        "Je ne suis ni juré·e ni expert·e du programme",
        "Je ne suis pas entrepreneur·e d'intérêt général en cours de programme",
        "J'accepte le traitement de mes données pour la sélection",
    ):
        tick(page, label)
    save_and_continue(page, "Récapitulatif et dépôt")

    # Step 7: complete, submitted.
    expect(page.locator("#missing-items")).to_have_text(
        "Votre candidature est complète : relisez-la, puis déposez-la."
    )
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre candidature est déposée.")
    expect(page.locator("#application-status")).to_have_text("Déposée")
    expect(page.locator("#next-step")).to_contain_text("Résultats de la présélection le ")

    application = Application.objects.get(candidate__email=EMAIL)
    assert (application.cohort, application.status, application.profile, application.years_of_experience) == (
        cohort,
        "submitted",
        "developer",
        12,
    )
    with application.cv.open("rb") as cv, application.anonymised_cv.open("rb") as anonymised:
        assert (cv.read(), anonymised.read()) == (
            pdf_sanitise(pdf_bytes("Grace Hopper")),
            pdf_sanitise(pdf_bytes("Profil anonyme")),
        )
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([EMAIL], "[EIG] Confirmez votre adresse e-mail"),
        ([EMAIL], "[EIG] Votre candidature à la promotion EIG 42 est bien déposée"),
    ]

    # Staff pre-select it (their pages are another journey); the candidate's space shows what comes next.
    applications_decide(applications=[application], preselected=True, by=UserFactory(staff=True))
    page.reload()
    expect(page.locator("#application-status")).to_have_text("Présélectionnée")
    expect(page.locator("#next-step")).to_contain_text("Classez vos vœux du ")
    assert mailoutbox[-1].subject == "[EIG] Vous êtes présélectionné·e pour la promotion EIG 42"
    assert csp_violations == []


def preselected_candidate_with_challenges(phase: str):
    cohort = CohortFactory(phase=phase)
    application = ApplicationFactory(cohort=cohort, preselected=True)
    challenges = {letter: ChallengeFactory(cohort=cohort, selected=True, name=f"Défi {letter}") for letter in "ABCDEF"}
    return application, challenges


def test_preselected_candidate_ranks_five_wishes_reorders_them_and_saves(page: Page, site_url):
    application, _challenges = preselected_candidate_with_challenges("wishes")
    csp_violations = watch_csp(page)
    log_in(page, site_url, application.candidate.email)

    page.goto(site_url + reverse("applications:space"))
    page.get_by_role("link", name="Classer mes vœux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes vœux")

    # Five challenges ranked with their selects, in a shuffled order: the rows follow their rank.
    for rank, letter in enumerate("DBEAC", start=1):
        rank_select(page, letter).select_option(str(rank))
    expect(page.locator("#wishes-status")).to_have_text("« Défi C » est maintenant au rang 5 sur 5.")
    assert table_order(page) == ["Défi D", "Défi B", "Défi E", "Défi A", "Défi C", "Défi F"]

    # "Monter" moves a row without a reload and renumbers the selects.
    page.get_by_role("button", name="Monter Défi C").click()
    page.get_by_role("button", name="Monter Défi C").click()
    expect(page.locator("#wishes-status")).to_have_text("« Défi C » est maintenant au rang 3 sur 5.")
    assert table_order(page) == ["Défi D", "Défi B", "Défi C", "Défi E", "Défi A", "Défi F"]
    expect(rank_select(page, "C")).to_have_value("3")
    expect(rank_select(page, "A")).to_have_value("5")
    expect(page.get_by_role("button", name="Monter Défi D")).to_be_disabled()
    page.get_by_role("button", name="Descendre Défi D").click()
    assert table_order(page) == ["Défi B", "Défi D", "Défi C", "Défi E", "Défi A", "Défi F"]

    page.get_by_role("button", name="Enregistrer mes vœux").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Vos vœux sont enregistrés.")
    assert saved_order(application) == ["Défi B", "Défi D", "Défi C", "Défi E", "Défi A"]

    # A sixth challenge ranked 2nd pushes the last one out of the five.
    rank_select(page, "F").select_option("2")
    expect(page.locator("#wishes-status")).to_have_text("Vous avez déjà classé 5 défis : « Défi A » sort de vos vœux.")
    expect(rank_select(page, "A")).to_have_value("")
    page.get_by_role("button", name="Enregistrer mes vœux").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Vos vœux sont enregistrés.")
    assert saved_order(application) == ["Défi B", "Défi F", "Défi D", "Défi C", "Défi E"]
    assert csp_violations == []


def test_wishes_after_the_close_are_read_only_and_a_change_is_refused(page: Page, site_url):
    application, challenges = preselected_candidate_with_challenges("after_wishes")
    for letter in "ABC":
        WishFactory(application=application, challenge=challenges[letter])
    log_in(page, site_url, application.candidate.email)

    page.goto(site_url + reverse("applications:wishes"))

    expect(page.locator("#wishes-window")).to_contain_text("La saisie des vœux est close : sa date limite était le ")
    expect(page.locator("#saved-wishes tbody tr")).to_have_count(3)
    expect(page.locator("select")).to_have_count(0)

    # A change sent anyway (an old tab, a replayed form) is refused with the French message.
    csrf_token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    response = page.request.post(
        site_url + reverse("applications:wishes"),
        form={
            "csrfmiddlewaretoken": csrf_token,
            f"rank_{challenges['C'].pk}": "1",
            f"rank_{challenges['B'].pk}": "2",
            f"rank_{challenges['A'].pk}": "3",
        },
        headers={"Referer": site_url + reverse("applications:wishes")},
    )
    assert response.status == 200
    assert "La saisie des vœux est close : sa date limite était le " in response.text()
    assert saved_order(application) == ["Défi A", "Défi B", "Défi C"]


def test_wishes_page_left_open_past_the_close_refuses_the_change(page: Page, site_url):
    application, _challenges = preselected_candidate_with_challenges("wishes")
    log_in(page, site_url, application.candidate.email)
    page.goto(site_url + reverse("applications:wishes"))
    for rank, letter in enumerate("ABC", start=1):
        rank_select(page, letter).select_option(str(rank))

    # The window closes while the page is open: its last minute (the one shown as its deadline) is over.
    cohort = application.cohort
    cohort.wishes_close_at = timezone.now() - dt.timedelta(minutes=1)
    cohort.save(update_fields=["wishes_close_at"])
    page.get_by_role("button", name="Enregistrer mes vœux").click()

    expect(page.locator("#save-errors")).to_contain_text("La saisie des vœux est close : sa date limite était le ")
    expect(page.locator("#save-errors")).to_contain_text(". Vos vœux ne peuvent plus être modifiés.")
    assert saved_order(application) == []
