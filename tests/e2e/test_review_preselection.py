"""Programme staff review an application anonymously through the queue, then pre-select it from the
admin through the confirmation page; the candidate receives the decision e-mail."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from cohorts.models import GridStage, ScoringCriterion
from tests.applications.factories import ApplicationFactory, pdf_bytes
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import log_in_with_totp, run_admin_action, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e

STAFF_EMAIL = "relectrice@example.org"


def log_in_as_staff(page: Page, site_url: str) -> None:
    """Password, then the code of the authenticator app (staff have two-factor authentication)."""
    log_in_with_totp(page, site_url, STAFF_EMAIL)
    # Programme staff land on the admin; its "Voir le site" link leads back to the site.
    page.get_by_role("link", name="Voir le site").click()
    expect(page.get_by_role("link", name=STAFF_EMAIL)).to_be_visible()


def test_staff_review_anonymously_then_preselect_from_the_admin(page: Page, site_url, mailoutbox):
    cohort = CohortFactory(phase="preselection", name="EIG 12", number=12)
    candidate = UserFactory(candidate=True, first_name="Hortense", last_name="Quillebeuf", email="hq@example.org")
    application = ApplicationFactory(
        submitted=True,
        cohort=cohort,
        candidate=candidate,
        anonymised_cv=ContentFile(pdf_bytes("CV anonyme"), name="cv-anonyme.pdf"),
    )
    UserFactory(staff=True, email=STAFF_EMAIL)
    criteria = ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION)
    csp_violations = watch_csp(page)

    # The reviewer signs in and opens the queue from the menu: the application is there, anonymous.
    log_in_as_staff(page, site_url)
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Présélection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Présélection des candidatures")
    expect(page.get_by_role("rowheader", name=application.review_code)).to_be_visible()
    for identity in ("Hortense", "Quillebeuf", "hq@example.org"):
        assert identity not in page.content()

    # They review it: the written answers and the anonymised CV, never the name.
    page.get_by_role("link", name="Évaluer la suivante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Candidature {application.review_code}")
    expect(page.get_by_role("link", name="Ouvrir le CV anonymisé (PDF)")).to_be_visible()
    for identity in ("Hortense", "Quillebeuf", "hq@example.org"):
        assert identity not in page.content()
    for criterion in criteria:
        page.get_by_role("group", name=criterion.label).get_by_text("4", exact=True).click()
    page.get_by_label("Appréciation").fill("Un parcours cohérent, une vraie motivation.")
    page.get_by_role("button", name="Enregistrer et suivante").click()

    # Nothing else to review: back to the queue, with their review listed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Présélection des candidatures")
    expect(page.get_by_text("Plus aucune candidature n'attend votre évaluation dans ce profil.")).to_be_visible()
    reviews = page.get_by_role("table", name=re.compile("Les candidatures que vous avez évaluées"))
    expect(reviews.get_by_role("rowheader", name=application.review_code)).to_be_visible()

    # In the admin, they pre-select it through the confirmation page.
    run_admin_action(page, site_url, "admin:applications_application_changelist", [application.pk], "preselect")
    expect(page.get_by_role("heading", level=1)).to_have_text("Présélectionner ces candidatures ?")
    expect(page.locator("#applications-to-decide")).to_contain_text(application.reference)
    expect(page.locator("#applications-to-decide")).to_contain_text("Hortense Quillebeuf")
    page.get_by_role("button", name="Oui, présélectionner").click()
    expect(page.get_by_text("1 candidature présélectionnée.")).to_be_visible()

    application.refresh_from_db()
    assert application.status == "preselected"
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["hq@example.org"], "[EIG] Vous êtes présélectionné·e pour la promotion EIG 12")
    ]
    assert csp_violations == []
