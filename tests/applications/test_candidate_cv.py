"""CV uploads through the form's step 5 (PDFs parsed and rewritten, hostile ones refused, 5 MB at most,
French messages, the rest kept) and the private CV view (its candidate and programme staff only, never
cached, never sniffed)."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application
from eig.pdf import pdf_sanitise
from tests import pdfs
from tests.applications.factories import ApplicationFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.eig.test_pdf import EMBEDDED, JAVASCRIPT
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
        cohort=CohortFactory(phase="candidates_call"),
        anonymised_cv=SimpleUploadedFile("anonyme.pdf", pdf_bytes("Déjà là")),
    )
    client.force_login(candidate)
    return client


def stored_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def stored_files(settings) -> dict[str, bytes]:
    """Every file in the private storage, by its path."""
    root = settings.MEDIA_ROOT
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_cv_step_accepts_a_valid_pdf_stores_its_rewritten_copy_and_keeps_the_stored_one(applicant_client):
    response = applicant_client.post(
        CV_STEP, {"cv": SimpleUploadedFile("Ada Lovelace.pdf", pdf_bytes("Mon CV")), "action": "draft"}
    )

    assert response.status_code == 302
    application = Application.objects.get()
    assert stored_bytes(application.cv) == pdf_sanitise(pdf_bytes("Mon CV"))
    assert stored_bytes(application.cv) != pdf_bytes("Mon CV")
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


def test_cv_upload_stores_nothing_as_it_came_and_refuses_each_hostile_file_with_its_message(
    applicant_client, settings
):
    """The acceptance test: an executable carrying the PDF markers, a PDF/HTML polyglot, a PDF with
    JavaScript, a PDF with an embedded file and a PDF whose metadata names the candidate."""
    uploads = {
        "executable": pdfs.executable_with_pdf_markers(),
        "polyglot": pdfs.html_polyglot(),
        "javascript": pdfs.pdf_with_javascript(),
        "embedded file": pdfs.pdf_with_embedded_file(),
        "metadata": pdfs.pdf_with_metadata("Hortense Quillebeuf"),
    }
    before = stored_files(settings)

    refusals = {}
    for case, content in uploads.items():
        response = applicant_client.post(
            CV_STEP, {"anonymised_cv": SimpleUploadedFile("cv.pdf", content), "action": "draft"}
        )
        refusals[case] = Page(response.content.decode()).texts("div", id="id_anonymised_cv-desc-error")

    assert refusals == {
        "executable": [NOT_A_PDF],
        "polyglot": [NOT_A_PDF],
        "javascript": [JAVASCRIPT],
        "embedded file": [EMBEDDED],
        "metadata": [],
    }
    stored = stored_files(settings)
    assert set(uploads.values()) & set(stored.values()) == set()
    # Only the PDF whose metadata named the candidate was stored: rewritten, nameless.
    [new_path] = set(stored) - set(before)
    application = Application.objects.get()
    assert application.anonymised_cv.name == new_path
    assert stored[new_path] == pdf_sanitise(uploads["metadata"])
    assert b"Quillebeuf" not in stored[new_path]
    with pikepdf.open(io.BytesIO(stored[new_path])) as pdf:
        assert (pdf.docinfo.keys(), "/Metadata" in pdf.Root) == (set(), False)
    assert pdfs.page_text(stored[new_path]) == [b"BT /F1 12 Tf 72 720 Td (CV anonyme) Tj ET"]


def test_cv_step_says_the_metadata_is_removed(applicant_client):
    response = applicant_client.get(CV_STEP)

    page = Page(response.content.decode())
    assert page.texts("span", id="id_anonymised_cv_helptext") == [
        "Au format PDF, 5 Mo au plus. Sans script ni fichier joint. Les métadonnées du document (auteur, "
        "titre, logiciel…) sont retirées de la copie enregistrée. Sans nom, photo, âge ni coordonnées : c'est lui "
        "que lisent les personnes qui présélectionnent."
    ]


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
    assert response["Location"] == reverse("mfa_index")


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
