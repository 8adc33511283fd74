"""The anonymous review page: written answers, the anonymised CV, and the reviewer's own review form."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from applications.models import ApplicationStatus, PreselectionReview, ReviewScore
from cohorts.models import GridStage, ScoringCriterion
from cohorts.profiles import Profile
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

GRID_LABELS = [
    "Sens de l'intérêt général",
    "Cohérence du parcours",
    "Esprit d'initiative",
    "Travail avec d'autres métiers",
    "Capacité d'adaptation",
    "Pédagogie et force de conviction",
]


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def reviewer():
    return UserFactory(staff=True, email="relectrice@example.org")


@pytest.fixture
def application(cohort):
    candidate = UserFactory(candidate=True, first_name="Hortense", last_name="Quillebeuf", email="hq@example.org")
    return ApplicationFactory(
        submitted=True,
        cohort=cohort,
        candidate=candidate,
        links="https://github.com/hquillebeuf\nhttps://hq.example.org",
        anonymised_cv=ContentFile(pdf_bytes("CV anonyme"), name="cv-anonyme.pdf"),
        cv=ContentFile(pdf_bytes("CV de Hortense Quillebeuf"), name="cv.pdf"),
    )


def criteria_of(cohort) -> list[ScoringCriterion]:
    return list(ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION))


def review_data(cohort, scores: list[int], assessment: str = "Un parcours cohérent.", **extra) -> dict:
    data = {f"criterion_{c.pk}": str(s) for c, s in zip(criteria_of(cohort), scores, strict=True)}
    return {**data, "assessment": assessment, **extra}


def review_url(application, profile: str = "") -> str:
    url = reverse("review:application", args=[application.review_code])
    return f"{url}?profile={profile}" if profile else url


def test_review_page_shows_the_written_answers_and_the_anonymised_cv_link(client, reviewer, application):
    client.force_login(reviewer)

    response = client.get(review_url(application))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("h1") == [f"Candidature {application.review_code}"]
    assert page.texts("dd") == ["Développeur·se", "Data engineer", "4 — Junior (jusqu'à 5 ans d'expérience)"]
    assert page.texts("h3", css_class="fr-h5") == [
        "Vos compétences en quelques mots",
        "Parcours et expériences",
        "Motivation et sens de l'intérêt général",
        "Réalisations",
        "Liens",
        "CV anonymisé",
    ]
    assert "https://github.com/hquillebeuf<br>https://hq.example.org" in response.content.decode()
    assert [a.attrs["href"] for a in page.find_all("a") if a.text == "Ouvrir le CV anonymisé (PDF)"] == [
        reverse("review:anonymised_cv", args=[application.review_code])
    ]
    assert page.texts("legend", css_class="fr-fieldset__legend--regular") == [
        f"{label} De 0 (le plus faible) à 5 (le meilleur)." for label in GRID_LABELS
    ]
    assert page.texts("button", type="submit") == ["Enregistrer", "Enregistrer et suivante"]


def test_review_page_html_shows_neither_the_candidates_name_nor_email(client, reviewer, application):
    PreselectionReviewFactory(application=application, reviewer=UserFactory(staff=True), scores=3)
    client.force_login(reviewer)

    html = client.get(review_url(application)).content.decode()

    assert ("Hortense" in html, "Quillebeuf" in html, "hq@example.org" in html) == (False, False, False)
    assert (
        application.candidate.first_name in html,
        application.candidate.last_name in html,
        application.candidate.email in html,
    ) == (False, False, False)


def test_review_page_saves_the_review_and_stays_on_the_application(client, reviewer, application, cohort):
    client.force_login(reviewer)

    response = client.post(review_url(application, "developer"), review_data(cohort, [0, 1, 2, 3, 4, 5]))

    assert response.status_code == 302
    assert response["Location"] == review_url(application, "developer")
    saved = PreselectionReview.objects.get(application=application, reviewer=reviewer)
    assert saved.assessment == "Un parcours cohérent."
    assert [s.score for s in saved.scores.order_by("criterion__position")] == [0, 1, 2, 3, 4, 5]
    followed = client.get(response["Location"])
    assert [str(m) for m in followed.context["messages"]] == [
        f"Votre évaluation de la candidature {application.review_code} est enregistrée."
    ]


def test_review_page_save_and_next_goes_to_the_fewest_reviewed_of_the_profile(client, reviewer, application, cohort):
    twice = ApplicationFactory(submitted=True, cohort=cohort)
    once = ApplicationFactory(submitted=True, cohort=cohort)
    ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)
    for _ in range(2):
        PreselectionReviewFactory(application=twice, reviewer=UserFactory(staff=True), scores=3)
    PreselectionReviewFactory(application=once, reviewer=UserFactory(staff=True), scores=3)
    client.force_login(reviewer)

    response = client.post(
        review_url(application, "developer"), review_data(cohort, [3] * 6, save_next="Enregistrer et suivante")
    )

    assert response["Location"] == review_url(once, "developer")


def test_review_page_save_and_next_without_any_left_goes_back_to_the_queue(client, reviewer, application, cohort):
    client.force_login(reviewer)

    response = client.post(
        review_url(application, "developer"), review_data(cohort, [3] * 6, save_next="Enregistrer et suivante")
    )

    assert response["Location"] == reverse("review:queue") + "?cohort=12&profile=developer"
    followed = client.get(response["Location"])
    assert [str(m) for m in followed.context["messages"]] == [
        f"Votre évaluation de la candidature {application.review_code} est enregistrée.",
        "Plus aucune candidature n'attend votre évaluation dans ce profil.",
    ]


def test_review_page_lets_the_reviewer_revise_their_own_review(client, reviewer, application, cohort):
    PreselectionReviewFactory(application=application, reviewer=reviewer, scores=2, assessment="Première lecture.")
    client.force_login(reviewer)

    page = Page(client.get(review_url(application)).content.decode())
    client.post(review_url(application), review_data(cohort, [5] * 6, assessment="Relecture."))

    assert [i.attrs["value"] for i in page.find_all("input", type="radio", checked="")] == ["2"] * 6
    assert page.texts("textarea") == ["Première lecture."]
    saved = PreselectionReview.objects.get(application=application, reviewer=reviewer)
    assert (saved.assessment, sorted(saved.scores.values_list("score", flat=True))) == ("Relecture.", [5] * 6)
    assert PreselectionReview.objects.count() == 1


def test_review_page_does_not_show_other_reviewers_scores(client, reviewer, application):
    PreselectionReviewFactory(
        application=application, reviewer=UserFactory(staff=True), scores=1, assessment="Avis d'un autre relecteur."
    )
    client.force_login(reviewer)

    response = client.get(review_url(application))

    page = Page(response.content.decode())
    assert "Avis d'un autre relecteur." not in response.content.decode()
    assert page.find_all("input", type="radio", checked="") == []
    assert page.texts("textarea") == [""]


def test_review_page_refuses_a_score_out_of_scale_and_keeps_the_text(client, reviewer, application, cohort):
    client.force_login(reviewer)

    response = client.post(review_url(application), review_data(cohort, [6, 3, 3, 3, 3, 3], assessment="Gardé."))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("li", css_class="fr-error-text") == ["Sélectionnez un choix valide. 6 n’en fait pas partie."]
    assert page.texts("textarea") == ["Gardé."]
    assert PreselectionReview.objects.count() == 0


def test_review_page_requires_a_written_assessment(client, reviewer, application, cohort):
    client.force_login(reviewer)

    response = client.post(review_url(application), review_data(cohort, [3] * 6, assessment=""))

    assert Page(response.content.decode()).texts("li", css_class="fr-error-text") == ["Ce champ est obligatoire."]
    assert PreselectionReview.objects.count() == 0


def test_review_page_of_a_decided_application_shows_the_own_review_read_only(client, reviewer, application):
    PreselectionReviewFactory(application=application, reviewer=reviewer, scores=4, assessment="Très solide.")
    application.status = ApplicationStatus.PRESELECTED
    application.save()
    client.force_login(reviewer)

    response = client.get(review_url(application))
    posted = client.post(review_url(application), review_data(application.cohort, [1] * 6))

    page = Page(response.content.decode())
    assert page.find_all("form", method="post") == []
    assert page.texts("li", inside=page.find_all("section")[1])[:2] == [
        "Sens de l'intérêt général : 4 / 5",
        "Cohérence du parcours : 4 / 5",
    ]
    assert posted.status_code == 302
    assert sorted(PreselectionReview.objects.get().scores.values_list("score", flat=True)) == [4] * 6


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_review_page_not_found_for_drafts_and_withdrawn(client, reviewer, cohort, status):
    application = ApplicationFactory(complete=True, cohort=cohort, status=status)
    client.force_login(reviewer)

    assert client.get(review_url(application)).status_code == 404
    assert client.get(reverse("review:anonymised_cv", args=[application.review_code])).status_code == 404


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_review_page_refused_to_other_roles(client, application, role):
    client.force_login(UserFactory(**{role: True}))

    assert client.get(review_url(application)).status_code == 403
    assert client.post(review_url(application), {}).status_code == 403


def test_review_page_refused_to_the_candidate_themself(client, application):
    client.force_login(application.candidate)

    assert client.get(reverse("review:anonymised_cv", args=[application.review_code])).status_code == 403


def test_anonymised_cv_served_inline_to_staff_never_the_named_cv(client, reviewer, application):
    client.force_login(reviewer)

    response = client.get(reverse("review:anonymised_cv", args=[application.review_code]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("CV anonyme")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{application.review_code}-cv-anonymise.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymised_cv_missing_is_not_found(client, reviewer, cohort):
    application = ApplicationFactory(submitted=True, cohort=cohort, anonymised_cv="")
    client.force_login(reviewer)

    assert client.get(reverse("review:anonymised_cv", args=[application.review_code])).status_code == 404


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_anonymised_cv_refused_to_other_roles(client, application, role):
    client.force_login(UserFactory(**{role: True}))

    assert client.get(reverse("review:anonymised_cv", args=[application.review_code])).status_code == 403


def test_anonymised_cv_anonymous_sent_to_login(client, application):
    url = reverse("review:anonymised_cv", args=[application.review_code])

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")


def test_review_database_keeps_one_review_per_reviewer_per_application(reviewer, application):
    PreselectionReview.objects.create(application=application, reviewer=reviewer, assessment="Une.")

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        PreselectionReview.objects.create(application=application, reviewer=reviewer, assessment="Deux.")

    assert raised.value.__cause__.diag.constraint_name == "preselection_review_one_per_reviewer"


@pytest.mark.parametrize("score", [6, 9])
def test_review_database_refuses_a_score_out_of_the_criterion_scale(reviewer, application, score):
    saved = PreselectionReview.objects.create(application=application, reviewer=reviewer, assessment="Une.")
    criterion = criteria_of(application.cohort)[0]

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        ReviewScore.objects.create(
            review=saved,
            criterion=criterion,
            score=score,
            min_score=criterion.min_score,
            max_score=criterion.max_score,
            weight=criterion.weight,
        )

    assert raised.value.__cause__.diag.constraint_name == "review_score_within_scale"
