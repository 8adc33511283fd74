"""The acceptance line of issue 12, in Chromium, through the real pages, each person in their own browser:
staff (TOTP) run the assignment of the cohort, read why, pin a pair, run it again, compare the two runs and
validate the second; a laureate accepts their offer and finds their team and mentors; another declines and
the next person of that waiting list receives an offer; the fellow downloads their sessions (.ics, parsed
here) and renews their private feed's address.

The cohort, « EIG 8 », has three challenges. Xavier wishes Brest first and Arras second and heads both
developer lists; without him Arras cannot run, so the first run sends him to Arras, and (Xavier, Brest) is a
blocking pair kept for Arras's team. Calais has one developer listed: it never runs. Staff pin Xavier on
Brest: the second run gives Brest three people and Arras none. Théo waits on Brest's data scientist list,
behind Violette."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar
from playwright.sync_api import Page, expect

from challenges.models import ContactKind, Position
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.dates import PARIS
from fellowship.models import AssignmentRun, Fellow, Offer, OfferStatus, RunStatus, Session
from fellowship.offers import offer_accept
from tests.challenges.factories import ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.e2e.helpers import (
    AXE,
    DESKTOP,
    assert_no_axe_violation,
    check_phone,
    log_in,
    log_in_with_totp,
    tick,
    watch_csp,
)
from tests.eig.factories import UserFactory
from tests.fellowship.factories import SessionFactory, laureate, validated_list

pytestmark = [pytest.mark.e2e, AXE]

DEV, DATA = Profile.DEVELOPER, Profile.DATA_SCIENTIST
STAFF_EMAIL = "equipe@example.org"
SITE = "https://eig.example.org"
# (first name, last name, profile, wishes): the laureates of EIG 8, each with an address of their own.
LAUREATES = (
    ("Xavier", "Roux", DEV, ["Brest", "Arras"]),
    ("Yasmine", "Blanc", DATA, ["Arras"]),
    ("Wassim", "Noir", DEV, ["Brest"]),
    ("Violette", "Vert", DATA, ["Brest"]),
    ("Théo", "Bleu", DATA, ["Brest"]),
    ("Ulysse", "Gris", DEV, ["Calais"]),
)


def email_of(first_name: str) -> str:
    return f"{first_name.lower().replace('é', 'e')}@example.org"


@pytest.fixture
def world(site_url, settings):
    """EIG 8 in its acceptance phase: Arras (a developer and a data scientist position), Brest (two developers,
    a data scientist; a sponsor and a project lead), Calais; the validated lists; staff; the fellows' bootcamp
    in ten days at 09:30 Paris time."""
    settings.SITE_URL = SITE
    cohort = CohortFactory(phase="acceptance", number=8, name="EIG 8")
    challenges = {}
    for name, profiles in (("Arras", [DEV, DATA]), ("Brest", [DEV, DEV, DATA]), ("Calais", [DEV, DATA])):
        challenges[name] = ChallengeFactory(cohort=cohort, selected=True, with_parts=False, name=name)
        for profile in profiles:
            PositionFactory(challenge=challenges[name], profile=profile)
    brest = challenges["Brest"]
    ContactFactory(challenge=brest, kind=ContactKind.SPONSOR, name="Claire Martin", email="claire@brest.gouv.fr")
    ContactFactory(challenge=brest, kind=ContactKind.PROJECT_LEAD, name="Paul Durand", email="paul@brest.gouv.fr")
    people = {
        first: laureate(
            cohort,
            profile,
            wishes=[challenges[name] for name in wishes],
            candidate__first_name=first,
            candidate__last_name=last,
            candidate__email=email_of(first),
            years_of_experience=4,
        )
        for first, last, profile, wishes in LAUREATES
    }
    validated_list(challenges["Arras"], DEV, main=[people["Xavier"]])
    validated_list(challenges["Arras"], DATA, main=[people["Yasmine"]])
    validated_list(brest, DEV, main=[people["Xavier"], people["Wassim"]])
    validated_list(brest, DATA, main=[people["Violette"]], waiting=[people["Théo"]])
    validated_list(challenges["Calais"], DEV, main=[people["Ulysse"]])
    UserFactory(superuser=True, second_factor=True, email=STAFF_EMAIL, first_name="Camille", last_name="Durand")
    day = timezone.now().astimezone(PARIS).date() + dt.timedelta(days=10)
    starts_at = dt.datetime.combine(day, dt.time(9, 30), tzinfo=PARIS)
    SessionFactory(
        cohort=cohort, title="Bootcamp de rentrée", starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=7)
    )
    return cohort, challenges, people


def french_date(day: dt.date) -> str:
    """« 16 décembre 2026 »: Django's French month names."""
    with translation.override("fr"):
        return formats.date_format(day, "j F Y")


def open_my_offers(page: Page, site_url: str) -> None:
    """From the candidate's space, « Mes offres »."""
    page.goto(site_url + reverse("applications:space"))
    page.get_by_role("link", name="Mes offres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes offres")


def offer_of(first_name: str) -> Offer:
    return Offer.objects.select_related("position__challenge").get(
        application__candidate__email=email_of(first_name), status=OfferStatus.OPEN
    )


def staff_run_pin_rerun_compare_and_validate(staff: Page, site_url: str, cohort: Cohort, brest_dev: Position):
    log_in_with_totp(staff, site_url, STAFF_EMAIL)
    staff.goto(site_url + reverse("fellowship:assignment", args=[cohort.pk]))
    expect(staff.get_by_role("heading", level=1)).to_have_text("Affectation — EIG 8")
    assert_no_axe_violation(staff)
    staff.get_by_role("button", name="Lancer le calcul").click()
    expect(staff.get_by_text("Le calcul n° 1 est fait.")).to_be_visible()
    expect(staff.locator("#run-summary")).to_have_text(
        "Résultat optimal. Personnes placées : 4 ; défis qui partent : 2 sur 3."
    )
    expect(staff.get_by_role("heading", name="Pourquoi ce résultat")).to_be_visible()
    expect(staff.locator("#why-challenges > li")).to_have_text(
        [
            "Le défi « Arras » part avec une équipe de 2 : Xavier Roux, Yasmine Blanc.",
            "Le défi « Brest » part avec une équipe de 2 : Wassim Noir, Violette Vert.",
            "Le défi « Calais » ne part pas : ses listes ne suffisent pas à former une équipe, même sans "
            "concurrence des autres défis (équipe minimale : 2 ; équipe possible au plus : 1).",
        ]
    )
    expect(staff.locator("#why-candidates > li").first).to_contain_text(
        "« Brest » (vœu n° 1) : ce défi et cette personne se préfèrent l'un l'autre à leur résultat : paire "
        "bloquante, voir plus bas."
    )
    assert_no_axe_violation(staff)

    # Pin Xavier on Brest with the page's form. Brest's two developer positions bear the same label: the
    # first one is chosen.
    form = staff.locator("form").filter(has=staff.get_by_role("button", name="Enregistrer ce choix"))
    form.get_by_label("Personne", exact=True).select_option(label="Xavier Roux")
    form.get_by_label("Poste", exact=True).select_option(value=str(brest_dev.pk))
    tick(staff, "Imposer ce poste à cette personne")
    form.get_by_label("Motif (facultatif)").fill("Son premier vœu")
    form.get_by_role("button", name="Enregistrer ce choix").click()
    expect(
        staff.get_by_text(
            "Xavier Roux : poste « Brest — Développeur·se (poste 1) » imposé. Relancez le calcul pour en tenir compte."
        )
    ).to_be_visible()

    staff.get_by_role("link", name="Retour à l'affectation de la promotion").click()
    expect(staff.locator("#choices tbody tr")).to_have_count(1)
    expect(staff.locator("#choices tbody tr")).to_contain_text("Son premier vœu")
    staff.get_by_role("button", name="Lancer le calcul").click()
    expect(staff.get_by_text("Le calcul n° 2 est fait.")).to_be_visible()
    expect(staff.locator("#run-summary")).to_have_text(
        "Résultat optimal. Personnes placées : 3 ; défis qui partent : 1 sur 3."
    )
    expect(staff.locator("#why-challenges > li").first).to_have_text(
        "Le défi « Arras » ne part pas : trop peu de personnes de ses listes restent disponibles (équipe "
        "minimale : 2 ; équipe possible avec les personnes disponibles : 1). Placées sur un autre défi : Xavier "
        "Roux sur « Brest » (vœu n° 1, rang 1 ; ce défi-ci : vœu n° 2, rang 1 ; placement épinglé)."
    )

    # Compare the two runs (the two latest by default), then open the second and validate it.
    staff.get_by_role("link", name="Retour à l'affectation de la promotion").click()
    staff.get_by_role("button", name="Comparer").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Comparer deux affectations")
    expect(staff.locator("#moves-count")).to_have_text("Personnes dont le poste change : 3.")
    xavier = staff.locator("#moves tbody tr").filter(has=staff.get_by_role("rowheader", name="Xavier Roux"))
    expect(xavier.locator("th, td")).to_have_text(
        ["Xavier Roux", "Arras — Développeur·se", "Brest — Développeur·se (poste 1)", "Déplacé·e"]
    )
    assert_no_axe_violation(staff)
    second = AssignmentRun.objects.get(cohort=cohort, number=2)
    staff.locator("#totals").get_by_role("link", name=str(second)).click()
    staff.get_by_role("link", name="Valider", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Valider l'affectation n° 2")
    assert_no_axe_violation(staff)
    staff.get_by_role("button", name="Valider l'affectation").click()
    expect(staff.get_by_text("L'affectation n° 2 est validée : les offres partent.")).to_be_visible()
    expect(staff.locator("#run-validated")).to_contain_text("Validée par Camille Durand le ")
    second.refresh_from_db()
    assert second.status == RunStatus.VALIDATED


def test_from_the_assignment_to_the_fellows_calendar(page: Page, new_page, site_url, world, mailoutbox):
    cohort, challenges, people = world
    brest = challenges["Brest"]
    brest_dev = Position.objects.filter(challenge=brest, profile=DEV).order_by("pk").first()

    # 1. Staff run the assignment, read why, pin Xavier on Brest, run again, compare and validate.
    staff_run_pin_rerun_compare_and_validate(page, site_url, cohort, brest_dev)
    assert sorted(Offer.objects.values_list("application__candidate__first_name", "position__challenge__name")) == [
        ("Violette", "Brest"),
        ("Wassim", "Brest"),
        ("Xavier", "Brest"),
    ]

    # 2. Wassim has already accepted (by the service); Xavier reads his offer and accepts it, then finds his
    # team and his mentors.
    offer_accept(offer=offer_of("Wassim"), by=people["Wassim"].candidate)
    offer = offer_of("Xavier")
    assert cohort.acceptance_days == 15
    # The offer's deadline: 15 days after it was made, on the Paris calendar, at 23:59 Paris time.
    deadline = french_date(offer.sent_at.astimezone(PARIS).date() + dt.timedelta(days=15))
    xavier = new_page()
    log_in(xavier, site_url, email_of("Xavier"))
    open_my_offers(xavier, site_url)
    section = xavier.locator(f"#offer-{offer.pk}")
    expect(section.get_by_role("heading", level=2)).to_have_text("Offre pour le défi Brest")
    expect(section).to_contain_text("Poste : Développeur·se")
    expect(section).to_contain_text("Rémunération : 3500 € net par mois (profil junior)")
    expect(section).to_contain_text(
        "Vos mentor·es : Claire Martin, Sponsor (mentor·e senior) ; "
        "Paul Durand, Porteur·se de projet (mentor·e opérationnel·le)"
    )
    expect(xavier.locator(f"#offer-{offer.pk}-deadline")).to_have_text(
        f"Répondez avant le {deadline} à 23:59 (heure de Paris) (il vous reste 2 semaines). "
        "Sans réponse, le poste sera proposé à la personne suivante de la liste."
    )
    assert_no_axe_violation(xavier)
    check_phone(xavier)
    xavier.set_viewport_size(DESKTOP)  # The header's « Mon équipe » is behind the menu button on a phone.
    section.get_by_role("link", name="Accepter Brest").click()
    expect(xavier.get_by_role("heading", level=1)).to_have_text("Accepter l'offre")
    assert_no_axe_violation(xavier)
    xavier.get_by_role("button", name="Je confirme : j'accepte l'offre").click()
    expect(
        xavier.get_by_text(
            "Félicitations : vous avez accepté l'offre du défi Brest. L'équipe du programme vous écrira pour la suite."
        )
    ).to_be_visible()
    xavier.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon équipe").click()
    expect(xavier.get_by_role("heading", level=1)).to_have_text("Mon équipe")
    expect(xavier.locator("#fellowship-summary")).to_have_text(
        f"Promotion EIG 8 : défi « Brest », accueilli par {brest.administration.name}."
    )
    expect(xavier.locator("#teammates tbody th")).to_have_text(["Wassim Noir"])
    expect(xavier.locator("#mentors tbody th")).to_have_text(["Paul Durand", "Claire Martin"])
    assert_no_axe_violation(xavier)
    check_phone(xavier)
    xavier.set_viewport_size(DESKTOP)
    assert Fellow.objects.get(user__email=email_of("Xavier")).position == brest_dev

    # 3. Violette declines; Théo, next on Brest's data scientist list, receives the offer.
    violette = new_page(axe=False)
    csp_violations = watch_csp(violette)
    log_in(violette, site_url, email_of("Violette"))
    open_my_offers(violette, site_url)
    violette.get_by_role("link", name="Refuser Brest").click()
    violette.get_by_label("Pourquoi refusez-vous ? (facultatif)").fill("J'ai accepté un autre poste.")
    violette.get_by_role("button", name="Je confirme : je refuse l'offre").click()
    expect(
        violette.get_by_text("Vous avez refusé l'offre du défi Brest. Merci de nous avoir répondu.")
    ).to_be_visible()
    expect(violette.locator("#no-open-offer")).to_be_visible()

    theo = new_page(axe=False)
    csp_violations += watch_csp(theo)
    log_in(theo, site_url, email_of("Théo"))
    open_my_offers(theo, site_url)
    new_offer = offer_of("Théo")
    assert (new_offer.position.challenge, new_offer.position.profile, new_offer.previous.status) == (
        brest,
        DATA,
        OfferStatus.DECLINED,
    )
    section = theo.locator(f"#offer-{new_offer.pk}")
    expect(section.get_by_role("heading", level=2)).to_have_text("Offre pour le défi Brest")
    expect(section).to_contain_text("Poste : Data scientist")
    expect(section.get_by_role("link", name="Accepter Brest")).to_be_visible()
    [message] = [message for message in mailoutbox if message.to == [email_of("Théo")]]
    assert message.subject == "[EIG] Action requise : une offre pour le défi Brest vous attend"
    assert f"{SITE}{reverse('fellowship:my_offers')}" in message.body

    # 4. Xavier downloads his sessions, then creates and renews his private feed's address.
    session = Session.objects.get(cohort=cohort)
    xavier.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon équipe").click()
    upcoming = xavier.locator("section", has=xavier.locator("#upcoming-sessions-title"))
    expect(upcoming.get_by_role("heading", level=3)).to_have_text([session.title])
    upcoming.get_by_role("link", name="Mes sessions").click()
    expect(xavier.get_by_role("heading", level=1)).to_have_text("Mes sessions")
    expect(xavier.locator(f"#session-{session.pk}")).to_contain_text(
        f"{french_date(session.starts_at.astimezone(PARIS).date())} à 09:30 (heure de Paris), jusqu'à 16:30"
    )
    assert_no_axe_violation(xavier)
    with xavier.expect_download() as download:
        xavier.get_by_role("link", name="Télécharger toutes mes sessions (.ics)").click()
    assert download.value.suggested_filename == "sessions-eig.ics"
    with open(download.value.path(), "rb") as file:
        calendar = Calendar.from_ical(file.read())
    [event] = calendar.events
    assert (str(event["UID"]), str(event["SUMMARY"]), event["DTSTART"].params["TZID"], event["DTSTART"].dt) == (
        f"session-{session.pk}@eig.example.org",
        "Bootcamp de rentrée",
        "Europe/Paris",
        session.starts_at.astimezone(PARIS),
    )
    assert [str(timezone_["TZID"]) for timezone_ in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]

    xavier.get_by_role("button", name="Créer mon adresse privée").click()
    first = xavier.locator("#feed-url").inner_text()
    xavier.get_by_role("button", name="Renouveler l'adresse").click()
    expect(
        xavier.get_by_text("Votre nouvelle adresse d'agenda est prête ; l'ancienne ne fonctionne plus.")
    ).to_be_visible()
    second = xavier.locator("#feed-url").inner_text()
    assert re.fullmatch(re.escape(site_url) + r"/promotion/sessions/agenda/\S+\.ics", second) and second != first
    assert_no_axe_violation(xavier)
    assert xavier.request.get(first).status == 404
    feed = xavier.request.get(second)
    assert feed.status == 200
    assert [str(event["UID"]) for event in Calendar.from_ical(feed.body()).events] == [
        f"session-{session.pk}@eig.example.org"
    ]
    assert csp_violations == []
