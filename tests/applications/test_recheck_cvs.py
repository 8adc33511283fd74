"""`manage.py recheck_cvs`: the CVs stored before uploads were checked are checked and rewritten in place;
the refused and missing ones are listed and left as they are."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from applications.models import Application
from eig.pdf import pdf_sanitise
from tests import pdfs
from tests.applications.factories import ApplicationFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory
from tests.eig.test_pdf import JAVASCRIPT

pytestmark = pytest.mark.django_db


def recheck(*args) -> list[str]:
    output = io.StringIO()
    call_command("recheck_cvs", *args, stdout=output)
    return output.getvalue().splitlines()


def content(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def on_disk(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def stored(settings):
    """Four applications whose files were stored before the checks, as they came."""
    cohort = CohortFactory(number=12)
    named = ApplicationFactory(
        cohort=cohort,
        cv=ContentFile(pdf_bytes("CV de Hortense"), name="cv.pdf"),
        anonymised_cv=ContentFile(pdfs.pdf_with_metadata("Hortense Quillebeuf"), name="anonyme.pdf"),
    )
    hostile = ApplicationFactory(
        cohort=cohort, anonymised_cv=ContentFile(pdfs.pdf_with_javascript(), name="anonyme.pdf")
    )
    lost = ApplicationFactory(cohort=cohort, cv=ContentFile(pdf_bytes(), name="cv.pdf"))
    (settings.MEDIA_ROOT / lost.cv.name).unlink()
    clean = ApplicationFactory(cohort=cohort, cv=ContentFile(pdf_sanitise(pdf_bytes("Propre")), name="cv.pdf"))
    ApplicationFactory(cohort=cohort)  # no file at all
    return {"named": named, "hostile": hostile, "lost": lost, "clean": clean}


def test_recheck_cvs_rewrites_the_old_files_and_lists_the_refused_and_missing_ones(
    settings, stored, django_capture_on_commit_callbacks
):
    named, hostile, lost, clean = stored.values()
    old = {"cv": named.cv.name, "anonymised_cv": named.anonymised_cv.name}
    hostile_bytes = content(hostile.anonymised_cv)

    with django_capture_on_commit_callbacks(execute=True):
        output = recheck("--verbosity", "2")

    assert output == [
        f"{named.reference}, CV (PDF) : réécrit.",
        f"{named.reference}, CV anonymisé (PDF) : réécrit.",
        f"{hostile.reference}, CV anonymisé (PDF) : refusé — {JAVASCRIPT}",
        f"{lost.reference}, CV (PDF) : fichier introuvable.",
        "5 fichiers vérifiés : 2 réécrits, 1 déjà conformes, 1 refusés, 1 introuvables.",
    ]
    named.refresh_from_db()
    assert content(named.cv) == pdf_sanitise(pdf_bytes("CV de Hortense"))
    assert content(named.anonymised_cv) == pdf_sanitise(pdfs.pdf_with_metadata("Hortense Quillebeuf"))
    assert b"Quillebeuf" not in content(named.anonymised_cv)
    hostile.refresh_from_db()
    assert content(hostile.anonymised_cv) == hostile_bytes
    assert on_disk(settings) == {named.cv.name, named.anonymised_cv.name, hostile.anonymised_cv.name, clean.cv.name}
    assert set(old.values()) & on_disk(settings) == set()


def test_recheck_cvs_keeps_the_modification_date(stored, django_capture_on_commit_callbacks):
    named = stored["named"]
    updated_at = Application.objects.get(pk=named.pk).updated_at

    with django_capture_on_commit_callbacks(execute=True):
        recheck()

    assert Application.objects.get(pk=named.pk).updated_at == updated_at


def test_recheck_cvs_lists_only_problems_by_default_and_is_idempotent(stored, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = recheck()
    with django_capture_on_commit_callbacks(execute=True):
        second = recheck()

    assert first[-1] == "5 fichiers vérifiés : 2 réécrits, 1 déjà conformes, 1 refusés, 1 introuvables."
    assert len(first) == 3
    assert second[-1] == "5 fichiers vérifiés : 0 réécrits, 3 déjà conformes, 1 refusés, 1 introuvables."


def test_recheck_cvs_dry_run_changes_nothing(settings, stored, django_capture_on_commit_callbacks):
    named = stored["named"]
    before = {name: (settings.MEDIA_ROOT / name).read_bytes() for name in on_disk(settings)}

    with django_capture_on_commit_callbacks(execute=True):
        output = recheck("--dry-run", "--verbosity", "2")

    assert output[:2] == [
        f"{named.reference}, CV (PDF) : serait réécrit.",
        f"{named.reference}, CV anonymisé (PDF) : serait réécrit.",
    ]
    assert output[-1] == (
        "5 fichiers vérifiés : 2 à réécrire, 1 déjà conformes, 1 refusés, 1 introuvables (rien n'a été modifié)."
    )
    assert {name: (settings.MEDIA_ROOT / name).read_bytes() for name in on_disk(settings)} == before
    named.refresh_from_db()
    assert content(named.cv) == pdf_bytes("CV de Hortense")
