"""In Chromium, two journeys of personal data (docs/personal-data.md): a candidate deletes their account from
« Mes données » (the rule that applies to their running application, the phrase typed wrong then right,
signed out, the application withdrawn and the account anonymised); programme staff hold a file on
« Conservation des dossiers » with a reason (an empty one refused in French), see it held and release it,
each step in the audit trail. axe and the layout check at 375 px (and 1280 px for staff)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from applications.models import Application, ApplicationStatus
from eig.audit.models import AuditAction, AuditEntry
from eig.models import User
from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import (
    PHONE,
    WIDTHS,
    assert_no_axe_violation,
    layout_problems,
    log_in,
    log_in_with_totp,
    watch_csp,
)
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

RUNNING_RULE = "Une candidature encore en cours de sélection est d'abord retirée : elle ne sera plus étudiée."


def test_a_candidate_deletes_their_account_from_my_data(page: Page, site_url):
    application = ApplicationFactory(submitted=True)
    candidate = application.candidate
    csp_violations = watch_csp(page)
    log_in(page, site_url, candidate.email)
    page.set_viewport_size(PHONE)
    page.goto(site_url + reverse("my_data"))
    page.get_by_role("link", name="Supprimer mon compte").last.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer mon compte")
    expect(page.locator("#deletion-rules li").first).to_have_text(RUNNING_RULE)
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    field = page.get_by_label("Pour confirmer, tapez « SUPPRIMER MON COMPTE »")
    field.fill("supprimer mon conte")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.locator("#account-delete-form")).to_contain_text(
        "Tapez exactement « SUPPRIMER MON COMPTE » pour supprimer votre compte."
    )
    expect(page.get_by_label("Pour confirmer, tapez « SUPPRIMER MON COMPTE »")).to_have_value("supprimer mon conte")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    assert User.objects.get(pk=candidate.pk).is_active is True
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    page.get_by_label("Pour confirmer, tapez « SUPPRIMER MON COMPTE »").fill("SUPPRIMER MON COMPTE")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()

    expect(page).to_have_url(site_url + "/")
    expect(page.locator(".fr-alert--success")).to_have_text("Votre compte est supprimé.")
    expect(page.get_by_role("link", name=candidate.email)).to_have_count(0)
    assert_no_axe_violation(page)
    withdrawn = Application.objects.get(pk=application.pk)
    assert (withdrawn.status, withdrawn.motivation, withdrawn.purged_at is not None) == (
        ApplicationStatus.WITHDRAWN,
        "",
        True,
    )
    account = User.objects.get(pk=candidate.pk)
    assert (
        account.email,
        account.first_name,
        account.last_name,
        account.is_active,
        account.has_usable_password(),
    ) == (
        f"compte-efface-{candidate.pk}@efface.invalid",
        "",
        "",
        False,
        False,
    )
    page.goto(site_url + reverse("my_data"))
    expect(page).to_have_url(f"{site_url}{reverse('account_login')}?next={reverse('my_data')}")
    assert csp_violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_hold_a_file_with_a_reason_then_release_it(page: Page, site_url, width):
    # A period of 0 months: this not-retained file is due today, so it is on the page.
    cohort = CohortFactory(phase="programme", retention_not_retained_months=0)
    application = ApplicationFactory(cohort=cohort, not_preselected=True)
    staff = UserFactory(staff=True)
    csp_violations = watch_csp(page)
    log_in_with_totp(page, site_url, staff.email)
    page.set_viewport_size(WIDTHS[width])
    page.goto(site_url + reverse("applications:retention_due"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Conservation des dossiers")
    row = page.locator(f"#due-application-{application.pk}")
    expect(row.locator("td").nth(1)).to_have_text("Candidature non retenue")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    reason = page.get_by_label(f"Motif de la conservation de {application.reference}")
    reason.fill("   ")
    row.get_by_role("button", name="Conserver").click()
    expect(page.locator(".fr-alert--error")).to_have_text("Indiquez le motif de la conservation.")
    assert Application.objects.get(pk=application.pk).held_at is None

    page.get_by_label(f"Motif de la conservation de {application.reference}").fill("Recours gracieux n°2026-14")
    page.locator(f"#due-application-{application.pk}").get_by_role("button", name="Conserver").click()

    expect(page.locator(".fr-alert--success")).to_have_text(f"Le dossier {application.reference} est conservé.")
    held = page.locator(f"#held-application-{application.pk}")
    expect(held.locator("td").nth(1)).to_have_text("Recours gracieux n°2026-14")
    expect(page.locator(f"#due-application-{application.pk}")).to_have_count(0)
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    stored = Application.objects.get(pk=application.pk)
    assert (stored.hold_reason, stored.held_by_id) == ("Recours gracieux n°2026-14", staff.pk)

    held.get_by_role("button", name=f"Lever la conservation {application.reference}").click()

    expect(page.locator(".fr-alert--success")).to_have_text(
        f"La conservation du dossier {application.reference} est levée."
    )
    expect(page.locator(f"#held-application-{application.pk}")).to_have_count(0)
    expect(page.locator(f"#due-application-{application.pk}")).to_be_visible()
    assert_no_axe_violation(page)
    assert Application.objects.get(pk=application.pk).held_at is None
    assert list(
        AuditEntry.objects.filter(action=AuditAction.HOLD)
        .order_by("id")
        .values_list("summary", "object_id", "actor_email", "data")
    ) == [
        (
            f"Conservation de la candidature {application.pk} (contentieux)",
            str(application.pk),
            staff.email,
            {"held": True},
        ),
        (
            f"Fin de la conservation de la candidature {application.pk}",
            str(application.pk),
            staff.email,
            {"held": False},
        ),
    ]
    # The reason is free text: it stays on the file, never in the append-only trail.
    assert "Recours gracieux" not in str(list(AuditEntry.objects.values_list("summary", "data")))
    assert csp_violations == []
