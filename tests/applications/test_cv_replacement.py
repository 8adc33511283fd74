"""A replaced CV leaves the disk once the save commits, never before: a save that rolls back keeps it.
Real files in the temporary MEDIA_ROOT, real transactions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from applications import services
from applications.models import Application
from eig.pdf import pdf_sanitise
from tests.applications.factories import ApplicationFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory


def on_disk(settings) -> set[str]:
    root = settings.MEDIA_ROOT
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def application():
    return ApplicationFactory(complete=True, cohort=CohortFactory(phase="candidates_call"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("field", ["cv", "anonymised_cv"])
def test_replaced_cv_is_deleted_from_disk_after_the_commit_not_before(settings, application, field):
    old_name = getattr(application, field).name
    other_name = application.anonymised_cv.name if field == "cv" else application.cv.name
    assert on_disk(settings) == {old_name, other_name}

    with transaction.atomic():
        services.application_save(
            application=application, data={field: SimpleUploadedFile("nouveau.pdf", pdf_bytes("Nouveau CV"))}
        )
        new_name = getattr(application, field).name
        assert on_disk(settings) == {old_name, other_name, new_name}

    assert on_disk(settings) == {other_name, new_name}
    stored = Application.objects.get()
    assert getattr(stored, field).name == new_name
    with getattr(stored, field).open("rb") as handle:
        assert handle.read() == pdf_sanitise(pdf_bytes("Nouveau CV"))


@pytest.mark.django_db(transaction=True)
def test_a_save_that_rolls_back_keeps_the_old_cv(settings, application):
    old_name = application.cv.name

    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_save(
            application=application, data={"cv": SimpleUploadedFile("nouveau.pdf", pdf_bytes("Nouveau CV"))}
        )
        raise RuntimeError("something after the save failed")

    assert old_name in on_disk(settings)
    assert Application.objects.get().cv.name == old_name
    with Application.objects.get().cv.open("rb") as handle:
        assert handle.read() == pdf_bytes("CV")


@pytest.mark.django_db(transaction=True)
def test_a_refused_replacement_keeps_the_old_cv(settings, application, client):
    client.force_login(application.candidate)
    before = on_disk(settings)

    response = client.post(
        reverse("applications:edit", args=(5,)),
        {"cv": SimpleUploadedFile("cv.pdf", b"MZ" + b"\x00" * 100), "action": "draft"},
    )

    assert response.status_code == 200
    assert on_disk(settings) == before


@pytest.mark.django_db(transaction=True)
def test_replacing_both_cvs_through_the_form_leaves_only_the_new_files(settings, application, client):
    client.force_login(application.candidate)

    response = client.post(
        reverse("applications:edit", args=(5,)),
        {
            "cv": SimpleUploadedFile("cv.pdf", pdf_bytes("CV 2")),
            "anonymised_cv": SimpleUploadedFile("anonyme.pdf", pdf_bytes("Anonyme 2")),
            "action": "draft",
        },
    )

    assert response.status_code == 302
    stored = Application.objects.get()
    assert on_disk(settings) == {stored.cv.name, stored.anonymised_cv.name}
    assert {name: (settings.MEDIA_ROOT / name).read_bytes() for name in on_disk(settings)} == {
        stored.cv.name: pdf_sanitise(pdf_bytes("CV 2")),
        stored.anonymised_cv.name: pdf_sanitise(pdf_bytes("Anonyme 2")),
    }
