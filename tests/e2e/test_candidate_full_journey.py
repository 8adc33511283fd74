"""The issue's acceptance line as one story, in Chromium: sign up, apply through every step with both PDFs,
submit, receive the confirmation; as staff, review anonymously and pre-select; as the candidate, rank 5
wishes, reorder them, save; after the close, a change is refused.

Between the phases the test moves the cohort's calendar (a live server cannot move time)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from applications.models import Application, PreselectionReview
from cohorts.models import GridStage, ScoringCriterion
from eig.pdf import pdf_sanitise
from eig.templatetags.eig_tags import paris_datetime
from tests.applications.factories import pdf_bytes
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory, cohort_move_to
from tests.e2e.helpers import (
    log_in_with_totp,
    rank_select,
    run_admin_action,
    save_and_continue,
    saved_order,
    sign_up_as_candidate,
    table_order,
    tick,
    watch_csp,
)
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

EMAIL = "katherine.johnson@example.org"
PASSWORD = "trajectoire-friendship-7"
STAFF_EMAIL = "relecteur@example.org"
# What would identify the candidate, in any case: their address and the name on their CV (file name and content).
IDENTITY = (EMAIL, "katherine", "johnson")


def apply_through_every_step(page: Page, cv_path, anonymised_path) -> None:
    """The application form's 7 steps, both PDFs uploaded, then the submission."""
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Ma candidature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma candidature")
    page.get_by_role("link", name="Candidater").click()

    expect(page.locator(".fr-stepper__title")).to_have_text("Étape 1 sur 7 Profil")
    tick(page, "Développeur·se", group="Profil principal")
    tick(page, "Data engineer", group="Compétences secondaires")
    page.get_by_label(re.compile("Vos compétences en quelques mots")).fill("Calcul numérique, Fortran, trajectoires")
    save_and_continue(page, "Étape 2 sur 7 Expérience")

    page.get_by_label(re.compile("Années d'expérience professionnelle")).fill("8")
    page.get_by_label(re.compile("Parcours et expériences")).fill("Calculs de trajectoires pour les vols habités.")
    save_and_continue(page, "Étape 3 sur 7 Motivation")

    page.get_by_label(re.compile("Motivation et sens de l'intérêt général")).fill(
        "Mettre le calcul au service de tous."
    )
    page.get_by_label(re.compile("Réalisations")).fill("Les trajectoires du premier vol orbital habité.")
    page.get_by_label(re.compile("Liens")).fill("https://example.org/trajectoires")
    save_and_continue(page, "Étape 4 sur 7 Disponibilité")

    tick(page, "Selon le défi")
    tick(page, "Un·e ancien·ne EIG")
    save_and_continue(page, "Étape 5 sur 7 CV")

    page.locator("input[name=cv]").set_input_files(cv_path)
    page.locator("input[name=anonymised_cv]").set_input_files(anonymised_path)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("#stored-cv")).to_contain_text("CV : enregistré.")
    expect(page.locator("#stored-anonymised-cv")).to_contain_text("CV anonymisé : enregistré.")
    save_and_continue(page, "Étape 6 sur 7 Attestations")

    for label in (
        "Je ne suis pas fonctionnaire en activité",
        "Je ne suis ni juré·e ni expert·e du programme",
        "Je ne suis pas entrepreneur·e d'intérêt général en cours de programme",
        "J'accepte le traitement de mes données pour la sélection",
    ):
        tick(page, label)
    save_and_continue(page, "Étape 7 sur 7 Récapitulatif et dépôt")

    expect(page.locator("#missing-items")).to_have_text(
        "Votre candidature est complète : relisez-la, puis déposez-la."
    )
    page.get_by_role("button", name="Déposer ma candidature").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre candidature est déposée.")


def assert_anonymous(page: Page) -> None:
    html = page.content().lower()
    assert [identity for identity in IDENTITY if identity in html] == []


def test_candidate_applies_is_reviewed_and_preselected_ranks_wishes_then_is_refused_after_the_close(
    page: Page, browser: Browser, browser_context_args, site_url, mailoutbox, tmp_path
):
    cohort = CohortFactory(phase="candidates_call", name="EIG 7", number=7)
    UserFactory(staff=True, email=STAFF_EMAIL)
    criteria = list(ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION))
    csp_violations = watch_csp(page)
    cv_path, anonymised_path = tmp_path / "Katherine Johnson - CV.pdf", tmp_path / "cv-anonyme.pdf"
    cv_path.write_bytes(pdf_bytes("Katherine Johnson"))
    anonymised_path.write_bytes(pdf_bytes("Profil anonyme"))

    # 1. Candidates call open: a visitor signs up, applies through every step with both PDFs and submits.
    sign_up_as_candidate(page, site_url, mailoutbox, EMAIL, PASSWORD, first_name="Katherine", last_name="Johnson")
    apply_through_every_step(page, cv_path, anonymised_path)

    expect(page.locator("#application-status")).to_have_text("Déposée")
    application = Application.objects.get(candidate__email=EMAIL)
    assert (application.cohort, application.status, application.profile) == (cohort, "submitted", "developer")
    with application.cv.open("rb") as cv, application.anonymised_cv.open("rb") as anonymised:
        assert (cv.read(), anonymised.read()) == (
            pdf_sanitise(pdf_bytes("Katherine Johnson")),
            pdf_sanitise(pdf_bytes("Profil anonyme")),
        )
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([EMAIL], "[EIG] Confirmez votre adresse e-mail"),
        ([EMAIL], "[EIG] Votre candidature à la promotion EIG 7 est bien déposée"),
    ]

    # 2. Pre-selection: in a browser of their own, a staff member reviews it anonymously, then pre-selects it.
    cohort_move_to(cohort, phase="preselection")
    with browser.new_context(**browser_context_args) as staff_context:
        staff_page = staff_context.new_page()
        staff_csp_violations = watch_csp(staff_page)
        log_in_with_totp(staff_page, site_url, STAFF_EMAIL)
        staff_page.get_by_role("link", name="Voir le site").click()

        staff_page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Présélection").click()
        expect(staff_page.get_by_role("heading", level=1)).to_have_text("Présélection des candidatures")
        expect(staff_page.get_by_role("rowheader", name=application.review_code)).to_be_visible()
        assert_anonymous(staff_page)

        staff_page.get_by_role("link", name="Évaluer la suivante").click()
        expect(staff_page.get_by_role("heading", level=1)).to_have_text(f"Candidature {application.review_code}")
        expect(staff_page.get_by_role("link", name="Ouvrir le CV anonymisé (PDF)")).to_be_visible()
        assert_anonymous(staff_page)
        for criterion in criteria:
            staff_page.get_by_role("group", name=criterion.label).get_by_text("4", exact=True).click()
        staff_page.get_by_label("Appréciation").fill("Un parcours solide, une motivation claire.")
        staff_page.get_by_role("button", name="Enregistrer et suivante").click()

        expect(staff_page.get_by_role("heading", level=1)).to_have_text("Présélection des candidatures")
        expect(
            staff_page.get_by_text("Plus aucune candidature n'attend votre évaluation dans ce profil.")
        ).to_be_visible()
        assert_anonymous(staff_page)

        run_admin_action(
            staff_page, site_url, "admin:applications_application_changelist", [application.pk], "preselect"
        )
        expect(staff_page.get_by_role("heading", level=1)).to_have_text("Présélectionner ces candidatures ?")
        # Only here, to decide, does the candidate's identity appear.
        expect(staff_page.locator("#applications-to-decide")).to_contain_text(application.reference)
        expect(staff_page.locator("#applications-to-decide")).to_contain_text("Katherine Johnson")
        staff_page.get_by_role("button", name="Oui, présélectionner").click()
        expect(staff_page.get_by_text("1 candidature présélectionnée.")).to_be_visible()

    review = PreselectionReview.objects.get(application=application)
    assert (review.reviewer.email, review.assessment) == (STAFF_EMAIL, "Un parcours solide, une motivation claire.")
    assert list(review.scores.order_by("criterion__position").values_list("criterion__label", "score")) == [
        ("Sens de l'intérêt général", 4),
        ("Cohérence du parcours", 4),
        ("Esprit d'initiative", 4),
        ("Travail avec d'autres métiers", 4),
        ("Capacité d'adaptation", 4),
        ("Pédagogie et force de conviction", 4),
    ]
    application.refresh_from_db()
    assert application.status == "preselected"
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([EMAIL], "[EIG] Confirmez votre adresse e-mail"),
        ([EMAIL], "[EIG] Votre candidature à la promotion EIG 7 est bien déposée"),
        ([EMAIL], "[EIG] Vous êtes présélectionné·e pour la promotion EIG 7"),
    ]
    assert staff_csp_violations == []

    # 3. Wishes window: six challenges open to the candidate's profile; they rank 5, reorder them and save.
    cohort_move_to(cohort, phase="wishes")
    for letter in "ABCDEF":
        challenge = ChallengeFactory(cohort=cohort, selected=True, name=f"Défi {letter}", with_parts=False)
        PositionFactory(challenge=challenge, profile=application.profile)

    page.goto(site_url + reverse("applications:space"))
    expect(page.locator("#application-status")).to_have_text("Présélectionnée")
    page.get_by_role("link", name="Classer mes vœux").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes vœux")
    for rank, letter in enumerate("CAEBD", start=1):
        rank_select(page, letter).select_option(str(rank))
    expect(page.locator("#wishes-status")).to_have_text("« Défi D » est maintenant au rang 5 sur 5.")
    assert table_order(page) == ["Défi C", "Défi A", "Défi E", "Défi B", "Défi D", "Défi F"]

    page.get_by_role("button", name="Monter Défi D").click()
    page.get_by_role("button", name="Monter Défi D").click()
    expect(page.locator("#wishes-status")).to_have_text("« Défi D » est maintenant au rang 3 sur 5.")
    page.get_by_role("button", name="Descendre Défi C").click()
    expect(page.locator("#wishes-status")).to_have_text("« Défi C » est maintenant au rang 2 sur 5.")
    assert table_order(page) == ["Défi A", "Défi C", "Défi D", "Défi E", "Défi B", "Défi F"]
    expect(rank_select(page, "A")).to_have_value("1")
    expect(rank_select(page, "B")).to_have_value("5")
    expect(rank_select(page, "F")).to_have_value("")

    page.get_by_role("button", name="Enregistrer mes vœux").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Vos vœux sont enregistrés.")
    assert table_order(page) == ["Défi A", "Défi C", "Défi D", "Défi E", "Défi B", "Défi F"]
    assert saved_order(application) == ["Défi A", "Défi C", "Défi D", "Défi E", "Défi B"]

    # 4. After the close: a change made on the page still open is refused, and the saved wishes stay.
    cohort_move_to(cohort, phase="after_wishes")
    with translation.override("fr"):
        closed = (
            f"La saisie des vœux est close : sa date limite était le {paris_datetime(cohort.wishes_close_at)}. "
            "Vos vœux ne peuvent plus être modifiés."
        )
    page.get_by_role("button", name="Monter Défi B").click()
    expect(page.locator("#wishes-status")).to_have_text("« Défi B » est maintenant au rang 4 sur 5.")
    page.get_by_role("button", name="Enregistrer mes vœux").click()

    expect(page.locator("#save-errors p")).to_have_text(closed)
    expect(page.locator("#wishes-window")).to_have_text(closed)
    expect(page.locator("#saved-wishes tbody th")).to_have_text(["Défi A", "Défi C", "Défi D", "Défi E", "Défi B"])
    expect(page.locator("select")).to_have_count(0)
    assert saved_order(application) == ["Défi A", "Défi C", "Défi D", "Défi E", "Défi B"]
    assert csp_violations == []
