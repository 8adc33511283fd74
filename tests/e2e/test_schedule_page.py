"""The staff schedule in Chromium: staff ask for a proposal, drag a card onto another free slot of its
jury (static/js/schedule.js posts the card's own form), and, without JavaScript, move a slot with the
« Déplacer » form and read PostgreSQL's refusal in French with what they typed kept; axe finds no
WCAG 2.1 A/AA violation at 375 px and 1280 px, and nothing overflows."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from auditions.models import Audition, JuryAvailability
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import AXE, WIDTHS, assert_no_axe_violation, layout_problems, sign_in, watch_csp
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]


@pytest.fixture
def world(transactional_db):
    cohort = CohortFactory(phase="after_wishes", name="EIG 12", number=12)
    jury = JuryFactory(cohort=cohort, name="Jury Santé", members=2)
    JuryAvailability.objects.create(
        jury=jury, starts_at=auditions_day(cohort, 0, 9), ends_at=auditions_day(cohort, 0, 11)
    )
    first, second = AuditionFactory(jury=jury), AuditionFactory(jury=jury)
    return cohort, first, second


def slot(audition_pk: int):
    audition = Audition.objects.get(pk=audition_pk)
    return audition.starts_at


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_propose_a_schedule_and_drag_a_card_to_another_time(page: Page, site_url, world, width):
    cohort, first, second = world
    page.set_viewport_size(WIDTHS[width])
    csp = watch_csp(page)
    sign_in(page, site_url, UserFactory(staff=True))
    page.goto(site_url + reverse("auditions:schedule", args=[cohort.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning des auditions — EIG 12")
    expect(page.get_by_role("heading", name="2 auditions sans créneau")).to_be_visible()
    assert_no_axe_violation(page)

    page.get_by_role("button", name="Proposer un planning").click()

    expect(page.get_by_text("Planning proposé : 2 audition(s) placée(s), 0 non placée(s).")).to_be_visible()
    assert (slot(first.pk), slot(second.pk)) == (auditions_day(cohort, 0, 9), auditions_day(cohort, 0, 9, 30))
    page.locator(f"#audition-{first.pk} summary").click()  # its « Déplacer » form, open
    assert_no_axe_violation(page)
    assert layout_problems(page) == []
    expect(page.get_by_role("heading", name="Toutes les auditions ont un créneau")).to_be_visible()

    free = page.locator("[data-schedule-slot][data-time='10:30']")
    # The card and the slot it is dropped on both in view (a drag does not scroll the page).
    page.set_viewport_size({"width": WIDTHS[width]["width"], "height": 2400})
    page.locator(f"#audition-{first.pk}").drag_to(free)

    expect(page.get_by_text("est placée le")).to_be_visible()
    assert slot(first.pk) == auditions_day(cohort, 0, 10, 30)
    expect(free.locator(f"#audition-{first.pk}")).to_be_visible()
    assert csp == []


def test_from_the_keyboard_a_card_is_moved_to_a_free_slot(page: Page, site_url, world):
    cohort, first, second = world
    sign_in(page, site_url, UserFactory(staff=True))
    page.goto(site_url + reverse("auditions:schedule", args=[cohort.pk]))
    page.get_by_role("button", name="Proposer un planning").click()
    card = page.locator(f"#audition-{second.pk}")

    card.get_by_role("button", name="Choisir un autre créneau").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#schedule-status")).to_have_text(
        "Choisissez un créneau libre de son jury avec « Placer ici », ou Échap pour annuler."
    )
    assert_no_axe_violation(page)
    assert page.get_by_role("button", name="Placer ici", exact=False).all_inner_texts() == [
        "Placer ici, à 10:00",
        "Placer ici, à 10:30",
    ]
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Placer ici, à 10:00")).to_have_count(0)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Placer ici, à 10:30").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("est placée le")).to_be_visible()
    assert slot(second.pk) == auditions_day(cohort, 0, 10, 30)


def test_without_javascript_the_form_moves_a_slot_and_shows_refusals(browser, site_url, world):
    cohort, first, second = world
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    sign_in(page, site_url, UserFactory(staff=True))
    page.goto(site_url + reverse("auditions:schedule", args=[cohort.pk]))
    page.get_by_role("button", name="Proposer un planning").click()
    card = page.locator(f"#audition-{second.pk}")

    card.locator("summary").click()
    card.get_by_label("Heure de début (heure de Paris)").fill("09:00")
    card.get_by_role("button", name="Déplacer").click()

    alert = page.locator("#move-errors")
    expect(alert).to_contain_text("Ce jury a déjà une audition à cet horaire.")
    card = page.locator(f"#audition-{second.pk}")
    expect(card.get_by_label("Heure de début (heure de Paris)")).to_have_value("09:00")

    card.get_by_label("Heure de début (heure de Paris)").fill("10:00")
    card.get_by_label("Durée (minutes)").fill("45")
    card.get_by_role("button", name="Déplacer").click()

    expect(page.get_by_text("est placée le")).to_be_visible()
    audition = Audition.objects.get(pk=second.pk)
    assert (audition.starts_at, audition.ends_at) == (auditions_day(cohort, 0, 10), auditions_day(cohort, 0, 10, 45))
    context.close()
