"""In Chromium: « Mes données » at 375 px as on a desktop, with no WCAG 2.1 A/AA violation: the account menu
leads there, the ZIP is downloaded and opened, the consent to a longer retention is given, and the account
deletion page states its rules."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from applications.models import Application
from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import PHONE, WIDTHS, assert_no_axe_violation, layout_problems, log_in, watch_csp

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", WIDTHS)
def test_my_data_download_consent_and_deletion_rules(page: Page, site_url, width):
    application = ApplicationFactory(cohort=CohortFactory(phase="programme"), not_preselected=True)
    candidate = application.candidate
    csp_violations = watch_csp(page)
    log_in(page, site_url, candidate.email)
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse("identity"))
    if WIDTHS[width] == PHONE:
        page.get_by_role("button", name="Dans cette rubrique").click()
    page.get_by_role("link", name="Mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    expect(page.locator(f"#retention-{application.pk}")).to_contain_text("Votre dossier sera effacé le")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename == "mes-donnees-eig.zip"
    with open(download.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    reference = application.reference
    assert sorted(archive.namelist()) == [
        f"fichiers/cv-{reference}.pdf",
        f"fichiers/cv-anonymise-{reference}.pdf",
        "mes-donnees.json",
    ]
    data = json.loads(archive.read("mes-donnees.json"))
    assert data["account"]["email"] == candidate.email
    assert [exported["reference"] for exported in data["applications"]] == [reference]

    page.get_by_role("button", name="Garder mon dossier plus longtemps").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre accord est enregistré")
    assert Application.objects.get(pk=application.pk).retention_consent_at is not None
    expect(page.get_by_role("button", name="Retirer mon accord")).to_be_visible()
    assert_no_axe_violation(page)

    page.get_by_role("link", name="Supprimer mon compte").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer mon compte")
    expect(page.locator("#deletion-rules")).to_contain_text("Une candidature encore en cours de sélection")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    assert csp_violations == []
