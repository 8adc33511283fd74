"""Staff type a cohort's deadline in the admin, in Chromium: the date and the Paris time each have their
label, « 23h59 » is understood, and axe-core finds no WCAG 2.1 A/AA violation in the date-time inputs."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cohorts.models import Cohort
from tests.cohorts.factories import PARIS, CohortFactory
from tests.e2e.helpers import AXE, axe_violations, log_in_with_totp
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]


def test_staff_type_a_deadline_in_paris_time_with_labelled_inputs(page: Page, site_url):
    cohort = CohortFactory(name="EIG 40", number=40, grids=False)
    staff = UserFactory(superuser=True, email="equipe@example.org")
    log_in_with_totp(page, site_url, staff.email)
    page.goto(site_url + reverse("admin:cohorts_cohort_change", args=[cohort.pk]))

    closes = cohort.candidates_call_closes_at.astimezone(PARIS)
    page.get_by_label("Clôture de l'appel à candidatures : Date (jj/mm/aaaa)").fill(f"{closes:%d/%m/%Y}")
    page.get_by_label("Clôture de l'appel à candidatures : Heure de Paris (hh:mm)").fill("23h59")
    count, report = axe_violations(page, include="p.datetime")
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("EIG 40")
    assert Cohort.objects.get(pk=cohort.pk).candidates_call_closes_at == dt.datetime.combine(
        closes.date(), dt.time(23, 59), tzinfo=PARIS
    )
    assert count == 0, report
