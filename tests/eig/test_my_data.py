"""« Mes données » (docs/personal-data.md): the export ZIP holds every item of the person's and nothing of
anyone else's; the account deletion states its rules, withdraws what is in a running selection, erases,
ends the session and leaves an audit row."""

import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from applications.models import Application, ApplicationStatus
from auditions.models import AuditionScorecard
from eig.dates import PARIS
from eig.models import AuditAction, AuditEntry, User
from eig.privacy import declarations
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, WishFactory, pdf_bytes
from tests.auditions.factories import AuditionFactory, JuryFactory, audition_scorecard, auditions_day
from tests.auditions.juror_kit import jurors_of
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

OTHER_TEXTS = {
    "skills": "Rust, Kotlin, Elixir",
    "career_path": "Chercheuse en épidémiologie à l'Inserm.",
    "motivation": "Ouvrir les données de santé publique.",
    "achievements": "Un tableau de bord de la grippe saisonnière.",
    "links": "https://autre.example.org/travaux",
}


def _candidate_file(jury, reviewer, *, hour: int, first_name: str, last_name: str, email: str, **texts):
    """A pre-selected application reviewed by `reviewer`, with a wish and an audition scored (with
    comments) by the jury's first juror."""
    candidate = UserFactory(candidate=True, first_name=first_name, last_name=last_name, email=email)
    application = ApplicationFactory(cohort=jury.cohort, candidate=candidate, submitted=True, **texts)
    if texts:
        application.cv.save("cv.pdf", ContentFile(pdf_bytes(f"CV de {first_name}")), save=True)
    PreselectionReviewFactory(
        application=application, reviewer=reviewer, scores=[4, 3, 5, 2, 4, 3], assessment=f"Solide ({first_name})."
    )
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.PRESELECTED)
    application.refresh_from_db()
    challenge = jury.challenges.get()
    WishFactory(application=application, challenge=challenge)
    audition = AuditionFactory(jury=jury, application=application, at=auditions_day(jury.cohort, hour=hour))
    juror = jurors_of(audition)[0]
    audition_scorecard(audition=audition, juror=juror, scores=4, comment=f"Convaincant·e, {first_name}")
    return application, audition


@pytest.fixture
def two_candidates():
    jury = JuryFactory(members=1)
    reviewer = UserFactory(staff=True, first_name="Rémi", last_name="Relecteur", email="remi.relecteur@example.org")
    mine = _candidate_file(jury, reviewer, hour=10, first_name="Awa", last_name="Diallo", email="awa@example.org")
    theirs = _candidate_file(
        jury, reviewer, hour=11, first_name="Zoé", last_name="Lambert", email="zoe@example.org", **OTHER_TEXTS
    )
    return jury, reviewer, mine, theirs


def _zip(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-eig.zip"'
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_export_holds_every_item_of_theirs_and_nothing_of_anyone_else(client, two_candidates):
    jury, reviewer, (application, audition), (other_application, other_audition) = two_candidates
    candidate = application.candidate
    juror = jurors_of(audition)[0]
    archive = _zip(client, candidate)
    reference = application.reference
    assert sorted(archive.namelist()) == [
        f"fichiers/cv-{reference}.pdf",
        f"fichiers/cv-anonymise-{reference}.pdf",
        "mes-donnees.json",
    ]
    with application.cv.open("rb") as handle:
        assert archive.read(f"fichiers/cv-{reference}.pdf") == handle.read()
    data = json.loads(archive.read("mes-donnees.json"))
    assert list(data) == ["account", "applications", "auditions", "fellowship", "files"]

    account = data["account"]
    assert {key: account[key] for key in ("email", "first_name", "last_name", "usual_name", "pronouns")} == {
        "email": "awa@example.org",
        "first_name": "Awa",
        "last_name": "Diallo",
        "usual_name": "",
        "pronouns": "",
    }
    assert account["roles"] == ["candidate"]
    assert account["email_addresses"] == [{"email": "awa@example.org", "verified": True, "primary": True}]

    [exported] = data["applications"]
    assert list(exported) == [
        "reference",
        "cohort",
        "status",
        "profile",
        "secondary_profiles",
        "skills",
        "years_of_experience",
        "career_path",
        "motivation",
        "achievements",
        "links",
        "relocation",
        "heard_from",
        "not_civil_servant",
        "not_juror_or_expert",
        "not_current_fellow",
        "data_consent",
        "submitted_at",
        "created_at",
        "updated_at",
        "retention_consent_at",
        "purged_at",
        "cv",
        "anonymised_cv",
        "erased_on",
        "wishes",
        "preselection_reviews",
        "history",
    ]
    assert (exported["reference"], exported["status"], exported["motivation"], exported["skills"]) == (
        reference,
        "preselected",
        "Mettre mes compétences au service de l'action publique.",
        "Python, Django, PostgreSQL",
    )
    assert exported["wishes"] == [{"rank": 1, "challenge": jury.challenges.get().name}]
    [review] = exported["preselection_reviews"]
    assert review["assessment"] == "Solide (Awa)."
    assert [score["score"] for score in review["scores"]] == [4, 3, 5, 2, 4, 3]
    assert set(review) == {"assessment", "scores"}  # never who reviewed

    [exported_audition] = data["auditions"]["auditions"]
    assert exported_audition["challenge"] == audition.challenge.name
    assert exported_audition["starts_at"] == audition.starts_at.astimezone(PARIS).isoformat()
    [card] = exported_audition["scorecards"]
    assert (card["opinion"], card["comment"]) == ("favourable", "Convaincant·e, Awa")
    assert set(card) == {"opinion", "favourite", "comment", "scores"}  # never which juror
    assert data["fellowship"] == {"offers": [], "fellowships": [], "attendance": []}
    assert data["files"] == [f"fichiers/cv-{reference}.pdf", f"fichiers/cv-anonymise-{reference}.pdf"]

    # Nothing of the other candidate's, nor the reviewer's or the jurors' identities, anywhere in the ZIP.
    other = other_application.candidate
    foreign = [
        other.email,
        other.first_name,
        other.last_name,
        other_application.reference,
        *OTHER_TEXTS.values(),
        "Solide (Zoé).",
        "Convaincant·e, Zoé",
        reviewer.email,
        reviewer.first_name,
        reviewer.last_name,
        juror.email,
        juror.first_name,
        juror.last_name,
        other_audition.starts_at.astimezone(PARIS).isoformat(),
    ]
    everything = b"".join(archive.read(name) for name in archive.namelist())
    text = everything.decode("utf-8", errors="replace")
    for value in foreign:
        assert value not in text, value
        assert json.dumps(value)[1:-1] not in text, value
    # One audit row for the export, naming no one.
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor_id, entry.object_id, entry.summary) == (
        candidate.pk,
        str(candidate.pk),
        f"Export de ses données par le compte {candidate.pk}",
    )


def test_every_app_declares_its_share_in_layer_order():
    assert [(declaration.key, declaration.order) for declaration in declarations()] == [
        ("account", 0),
        ("applications", 3),
        ("auditions", 4),
        ("fellowship", 5),
    ]


def test_my_data_page_links_the_download_the_corrections_and_the_deletion(client):
    user = UserFactory(candidate=True)
    client.force_login(user)
    html = client.get(reverse("my_data")).content.decode()
    for url in (reverse("my_data_download"), reverse("identity"), reverse("account_email"), reverse("account_delete")):
        assert f'href="{url}"' in html


# --- Account deletion ---------------------------------------------------------------------------------------


def test_the_rules_are_stated_and_a_wrong_phrase_keeps_everything(client):
    application = ApplicationFactory(submitted=True)
    client.force_login(application.candidate)
    page = client.get(reverse("account_delete")).content.decode()
    assert "Une candidature encore en cours de sélection est d'abord retirée" in page
    response = client.post(reverse("account_delete"), {"confirmation": "supprimer"})
    assert response.status_code == 200
    assert "Tapez exactement « SUPPRIMER MON COMPTE » pour supprimer votre compte." in response.content.decode()
    assert User.objects.get(pk=application.candidate_id).is_active is True
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


def test_deleting_the_account_withdraws_erases_and_ends_the_session(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(submitted=True)
    candidate = application.candidate
    cv_name = application.cv.name
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_delete"), {"confirmation": " supprimer  mon compte "})
    assert response.status_code == 302
    erased = Application.objects.get(pk=application.pk)
    assert (erased.status, erased.motivation, erased.cv.name) == (ApplicationStatus.WITHDRAWN, "", "")
    assert erased.purged_at is not None
    assert not application.cv.storage.exists(cv_name)
    assert list(erased.transitions.values_list("from_status", "to_status")) == [("submitted", "withdrawn")]
    account = User.objects.get(pk=candidate.pk)
    assert (account.email, account.first_name, account.is_active) == (
        f"compte-efface-{candidate.pk}@efface.invalid",
        "",
        False,
    )
    assert account.erasure_requested_at is not None and account.erased_at is not None
    assert list(
        AuditEntry.objects.filter(action=AuditAction.ACCOUNT).order_by("id").values_list("summary", flat=True)
    ) == [
        f"Suppression du compte {candidate.pk} demandée par la personne",
        f"Compte {candidate.pk} anonymisé",
    ]
    # The session is over.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("my_data")).status_code == 302


def test_a_running_selection_is_left_through_the_lifecycle(client):
    jury = JuryFactory(members=1)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    juror = jurors_of(audition)[0]
    audition_scorecard(audition=audition, juror=juror, scores=4, comment="Très clair")
    client.force_login(audition.application.candidate)
    client.post(reverse("account_delete"), {"confirmation": "SUPPRIMER MON COMPTE"})
    application = Application.objects.get(pk=audition.application_id)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert list(application.transitions.values_list("from_status", "to_status")) == [("preselected", "withdrawn")]
    assert AuditionScorecard.objects.get(audition=audition).comment == ""
