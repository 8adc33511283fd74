"""In Chromium: programme staff reach the audit journal from the header, filter it (a bad address is told
in French, what was typed stays), page through it and export it; at 375 px as at 1280 px, with no WCAG 2.1
A/AA violation and nothing wider than the screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from eig.audit.models import AuditEntry
from eig.audit.services import record
from tests.e2e.helpers import PHONE, WIDTHS, assert_no_axe_violation, layout_problems, sign_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_search_and_export_the_audit_journal(page: Page, site_url, width):
    staff = UserFactory(staff=True, email="equipe@example.org")
    target = UserFactory(email="candidate@example.org")
    for number in range(55):
        record("file", summary=f"CV de la candidature n°{number} consulté", target=target, actor=staff)
    record("status", summary="Candidature n°12 : déposée → présélectionnée", target=target, actor=staff)
    csp_violations = watch_csp(page)
    sign_in(page, site_url, staff)
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse("home"))

    if WIDTHS[width] == PHONE:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Journal").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Journal d'audit")
    expect(page.locator("#results-title")).to_have_text("56 entrées")
    expect(page.locator("#journal tbody tr")).to_have_count(50)
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    page.get_by_label("Adresse IP").fill("300.1.1.1")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#id_ip-desc-error")).to_have_text(
        "Saisissez une adresse IPv4 ou IPv6 valide, par exemple « 203.0.113.9 »."
    )
    expect(page.get_by_label("Adresse IP")).to_have_value("300.1.1.1")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    page.get_by_label("Adresse IP").fill("")
    page.get_by_label("Action").select_option("status")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#results-title")).to_have_text("1 entrée")
    expect(page.locator("#journal tbody tr td").nth(4)).to_have_text("Candidature n°12 : déposée → présélectionnée")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV)").click()
    assert download.value.suggested_filename == "journal-audit.csv"
    export = AuditEntry.objects.latest("id")
    assert (export.action, export.summary, export.actor_email) == (
        "export",
        "Export CSV : le journal d'audit (1 ligne)",
        "equipe@example.org",
    )
    assert csp_violations == []
