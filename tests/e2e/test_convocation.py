"""In Chromium, at 375 px as on a desktop, with no WCAG 2.1 A/AA violation: the convened candidate opens
their auditions from their space, downloads the .ics (parsed: UID, SEQUENCE, Europe/Paris) and confirms;
a juror creates their private calendar address, then renews it."""

from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import Page, expect

from auditions.convocations import convocation_send
from auditions.models import Audition, AuditionStatus, JurorFeed
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import WIDTHS, assert_no_axe_violation, layout_problems, sign_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", WIDTHS)
def test_the_candidate_downloads_the_ics_and_confirms(page: Page, site_url, width):
    jury = JuryFactory(cohort=CohortFactory(phase="after_wishes"))
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    convocation_send(audition=audition, by=UserFactory(staff=True))
    candidate = audition.application.candidate
    csp_violations = watch_csp(page)
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, site_url, candidate)

    page.goto(site_url + reverse("auditions:candidate_auditions"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes auditions")
    expect(page.locator(f"#audition-{audition.pk}")).to_contain_text("Convocation envoyée")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    assert download.value.suggested_filename == "audition.ics"
    (event,) = Calendar.from_ical(Path(download.value.path()).read_bytes()).events
    assert (str(event["UID"]), event["SEQUENCE"], event["DTSTART"].params["TZID"]) == (audition.uid, 0, "Europe/Paris")

    page.get_by_role("button", name="Je confirme").click()

    expect(page.locator(".fr-alert--success")).to_contain_text("Merci : votre audition est confirmée.")
    expect(page.locator(f"#audition-{audition.pk}")).to_contain_text("Confirmée")
    expect(page.get_by_role("button", name="Je confirme")).to_have_count(0)
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONFIRMED
    assert_no_axe_violation(page)
    assert csp_violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_candidate_asks_for_another_time_and_a_missing_reason_is_refused(page: Page, site_url, width):
    jury = JuryFactory(cohort=CohortFactory(phase="after_wishes"))
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    convocation_send(audition=audition, by=UserFactory(staff=True))
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, site_url, audition.application.candidate)
    page.goto(site_url + reverse("auditions:candidate_auditions"))

    page.get_by_role("button", name="Je demande un autre horaire").click()
    page.get_by_label("Pourquoi cet horaire ne vous convient-il pas ?").evaluate(
        "field => field.form.noValidate = true"
    )
    page.get_by_role("button", name="Je demande un autre horaire").click()
    expect(page.locator(f"#audition-{audition.pk}")).to_contain_text(
        "Indiquez pourquoi cet horaire ne vous convient pas."
    )
    assert_no_axe_violation(page)
    page.get_by_label("Pourquoi cet horaire ne vous convient-il pas ?").fill("Je suis en examen ce matin-là.")
    page.get_by_role("button", name="Je demande un autre horaire").click()

    expect(page.locator(f"#audition-{audition.pk}")).to_contain_text("Autre horaire demandé")
    assert Audition.objects.get(pk=audition.pk).change_reason == "Je suis en examen ce matin-là."


@pytest.mark.parametrize("width", WIDTHS)
def test_a_juror_creates_then_renews_their_calendar_address(page: Page, site_url, width):
    seat = JuryMemberFactory()
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, site_url, seat.user)
    page.goto(site_url + reverse("auditions:juror_agenda"))
    assert_no_axe_violation(page)

    page.get_by_role("button", name="Créer mon adresse privée").click()
    first = page.locator("#feed-url").inner_text()
    assert first.startswith(f"{site_url}/auditions/agenda/") and first.endswith(".ics")
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    page.get_by_role("button", name="Renouveler l'adresse").click()
    second = page.locator("#feed-url").inner_text()

    assert second != first
    assert page.request.get(first).status == 404
    assert page.request.get(second).status == 200
    assert JurorFeed.objects.filter(juror=seat.user).count() == 1
