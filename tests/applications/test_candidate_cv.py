"""CV uploads through the form's step 5 (PDF by content, 5 MB at most, French messages, the rest kept)
and the private CV view (its candidate and programme staff only, never cached, never sniffed)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application
from tests.applications.factories import ApplicationFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CV_STEP = reverse("applications:edit", args=(5,))
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 4000
NOT_A_PDF = "Ce fichier n'est pas un PDF valide. Enregistrez votre CV au format PDF puis déposez-le à nouveau."
TOO_LARGE = "Le fichier pèse 6 Mo : la limite est de 5 Mo."


def cv_url(application, kind: str = "cv") -> str:
    return reverse("applications:cv", args=(application.pk, kind))


@pytest.fixture
def applicant_client(client):
    """A candidate signed in, with a draft whose anonymised CV is already stored (the call is open)."""
    candidate = UserFactory(candidate=True)
    ApplicationFactory(
        candidate=candidate,
        cohort=CohortFactory(days_since_start=60),
        anonymised_cv=SimpleUploadedFile("anonyme.pdf", pdf_bytes("Déjà là")),
    )
    client.force_login(candidate)
    return client


def stored_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_cv_step_accepts_a_valid_pdf_and_keeps_the_stored_one(applicant_client):
    response = applicant_client.post(
        CV_STEP, {"cv": SimpleUploadedFile("Ada Lovelace.pdf", pdf_bytes("Mon CV")), "action": "draft"}
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert stored_bytes(application.cv) == pdf_bytes("Mon CV")
    assert stored_bytes(application.anonymised_cv) == pdf_bytes("Déjà là")
    # The stored name says nothing of the candidate.
    assert "Lovelace" not in application.cv.name


@pytest.mark.parametrize(
    ("content", "message"),
    [(EXECUTABLE, NOT_A_PDF), (pdf_bytes(padding=6 * 1024 * 1024), TOO_LARGE)],
    ids=["renamed-executable", "6-mb-pdf"],
)
def test_cv_step_refuses_a_bad_file_on_its_field_and_keeps_the_rest(applicant_client, content, message):
    response = applicant_client.post(
        CV_STEP, {"cv": SimpleUploadedFile("cv.pdf", content, content_type="application/pdf"), "action": "continue"}
    )

    assert response.status_code == 200
    page = Page(response.content.decode())
    [error] = page.find_all("div", id="id_cv-desc-error")
    assert error.text == message
    assert page.texts("div", id="save-errors") == [
        "Cette étape n'est pas enregistrée Corrigez les champs signalés ci-dessous : rien n'a été enregistré à cette "
        "étape."
    ]
    assert page.texts("li", id="stored-anonymised-cv") == ["CV anonymisé : enregistré. Voir votre CV anonymisé (PDF)"]
    application = Application.objects.get()
    assert application.cv.name == ""
    assert stored_bytes(application.anonymised_cv) == pdf_bytes("Déjà là")


def test_cv_step_refuses_a_bad_anonymised_cv_and_stores_nothing(applicant_client):
    response = applicant_client.post(
        CV_STEP,
        {
            "cv": SimpleUploadedFile("cv.pdf", pdf_bytes("Bon CV")),
            "anonymised_cv": SimpleUploadedFile("anonyme.pdf", EXECUTABLE),
            "action": "draft",
        },
    )

    page = Page(response.content.decode())
    assert page.texts("div", id="id_anonymised_cv-desc-error") == [NOT_A_PDF]
    application = Application.objects.get()
    assert application.cv.name == ""
    assert stored_bytes(application.anonymised_cv) == pdf_bytes("Déjà là")


def test_cv_step_shows_the_stored_files_with_links(applicant_client):
    application = Application.objects.get()

    response = applicant_client.get(CV_STEP)

    page = Page(response.content.decode())
    assert page.texts("li", id="stored-cv") == ["CV : aucun fichier pour l'instant."]
    [link] = page.find_all("a", inside=page.find_all("li", id="stored-anonymised-cv")[0])
    assert link.attrs["href"] == cv_url(application, "anonyme")
    assert page.find_all("input", name="cv")[0].attrs["accept"] == "application/pdf,.pdf"


def test_cv_view_serves_the_pdf_inline_to_its_candidate(client):
    application = ApplicationFactory(complete=True)
    client.force_login(application.candidate)

    response = client.get(cv_url(application))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("CV")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="cv-{application.reference}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_cv_view_serves_the_anonymised_cv_under_an_anonymous_name(client):
    application = ApplicationFactory(complete=True)
    client.force_login(UserFactory(staff=True))

    response = client.get(cv_url(application, "anonyme"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("CV anonyme")
    assert response["Content-Disposition"] == f'inline; filename="cv-anonymise-{application.reference}.pdf"'


def test_cv_view_serves_staff(client):
    application = ApplicationFactory(complete=True)
    client.force_login(UserFactory(staff=True))

    response = client.get(cv_url(application))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("CV")


def test_cv_view_sends_staff_without_second_factor_to_set_it_up(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    application = ApplicationFactory(complete=True)
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(cv_url(application))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_cv_view_sends_anonymous_visitors_to_login(client):
    application = ApplicationFactory(complete=True)

    response = client.get(cv_url(application))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={cv_url(application)}"


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_cv_view_refuses_anyone_else(client, role):
    application = ApplicationFactory(complete=True)
    client.force_login(UserFactory(**{role: True}))

    response = client.get(cv_url(application))

    assert response.status_code == 403


def test_cv_view_without_file_is_not_found(client):
    application = ApplicationFactory()
    client.force_login(application.candidate)

    response = client.get(cv_url(application))

    assert response.status_code == 404


def test_cv_view_unknown_kind_is_not_found(client):
    application = ApplicationFactory(complete=True)
    client.force_login(application.candidate)

    response = client.get(cv_url(application, "photo"))

    assert response.status_code == 404
