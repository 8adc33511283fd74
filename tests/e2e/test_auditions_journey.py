"""The first acceptance line of issue 11, in Chromium, through the real pages, each person in their own
browser: staff (TOTP) build a jury in the admin and invite a juror, who signs up, accepts and enrols a
second factor; staff propose the auditions and the schedule, move the slot and send the convocations; the
candidate receives the .ics (UID, SEQUENCE, Europe/Paris) and confirms; during the auditions a juror who
declares a link cannot open the file, the others declare no link and score, and the first then sees the
others' scores; in the deliberation the jury ranks and closes, the director (TOTP) validates; the
candidate reads « Liste principale » on their results page.

A live server cannot move time: the cohort's calendar is moved instead (cohort_move_to), from before its
auditions to their middle, then to the deliberation."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import Page, expect

from auditions.models import Audition, AuditionScorecard, AuditionStatus, DeliberationStatus, ListVersion
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.dates import PARIS
from tests.applications.factories import ApplicationFactory, WishFactory
from tests.auditions.factories import JuryMemberFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory, cohort_move_to
from tests.e2e.helpers import (
    AXE,
    check_phone,
    jury_decides_and_closes,
    log_in,
    log_in_with_totp,
    tick,
    watch_csp,
)
from tests.e2e.test_jury_invitation import JUROR_EMAIL, build_jury_and_invite, juror_signs_up_accepts_and_enrols
from tests.eig.factories import UserFactory

pytestmark = [pytest.mark.e2e, AXE]

CANDIDATE_EMAIL = "ada.lovelace@example.org"
DIRECTOR_EMAIL = "directrice@example.org"
LINKED_JUROR = ("grace@example.org", "Grace", "Hopper")
OTHER_JUROR = ("alan@example.org", "Alan", "Turing")


@pytest.fixture
def cohort(site_url) -> Cohort:
    """A cohort whose wishes are closed, before its auditions: one selected challenge, one pre-selected
    developer who wished for it, the programme's staff and director (with their second factor)."""
    cohort = CohortFactory(name="EIG 12", phase="after_wishes")
    challenge = ChallengeFactory(cohort=cohort, selected=True, name="Signaux Faibles")
    candidate = UserFactory(candidate=True, email=CANDIDATE_EMAIL, first_name="Ada", last_name="Lovelace")
    application = ApplicationFactory(cohort=cohort, candidate=candidate, preselected=True, profile=Profile.DEVELOPER)
    WishFactory(application=application, challenge=challenge)
    UserFactory(superuser=True, second_factor=True, email="equipe@example.org")
    UserFactory(director=True, second_factor=True, email=DIRECTOR_EMAIL)
    return cohort


def open_audition(page: Page, site_url: str, audition: Audition) -> None:
    page.goto(site_url + reverse("auditions:my_auditions"))
    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("auditions:audition", args=[audition.pk])) + "$"))


def declare_no_link_and_score(page: Page, score: int, comment: str) -> None:
    """On the audition's page: « Aucun lien », then every criterion at `score`, a comment, « Favorable »."""
    tick(page, "Aucun lien")
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    expect(page.get_by_text("Votre déclaration est enregistrée : le dossier vous est ouvert.")).to_be_visible()
    for label in page.locator(f"label[for^=id_criterion_][for$=_{score}]").all():
        label.click()
    page.locator("textarea[name^=comment_]").first.fill(comment)
    tick(page, "Favorable")
    page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(page.get_by_text("Votre évaluation de l'audition de Ada Lovelace est enregistrée.")).to_be_visible()


def test_from_the_jury_to_the_candidates_result(page: Page, new_page, site_url, cohort, mailoutbox):
    staff = page
    # 1. Staff build the jury in the admin and invite a juror, who signs up, accepts and enrols TOTP.
    build_jury_and_invite(staff, site_url, cohort)
    juror = new_page()
    juror_signs_up_accepts_and_enrols(juror, site_url, mailoutbox, check=lambda page: None)
    jury = cohort.juries.get()
    for email, first_name, last_name in (LINKED_JUROR, OTHER_JUROR):
        user = UserFactory(juror=True, second_factor=True, email=email, first_name=first_name, last_name=last_name)
        JuryMemberFactory(jury=jury, user=user)

    # 2. Staff propose the auditions (admin), then the schedule, and move the slot with its form.
    staff.goto(site_url + reverse("admin:auditions_audition_propose"))
    staff.get_by_label("Promotion").select_option(label=str(cohort))
    staff.get_by_role("button", name="Proposer les auditions").click()
    expect(staff.locator("#proposed-auditions tbody th")).to_have_text(["Ada Lovelace"])
    audition = Audition.objects.get(application__candidate__email=CANDIDATE_EMAIL)

    staff.goto(site_url + reverse("auditions:schedule", args=[cohort.pk]))
    staff.get_by_role("button", name="Proposer un planning").click()
    expect(staff.get_by_text("Planning proposé : 1 audition(s) placée(s), 0 non placée(s).")).to_be_visible()
    audition.refresh_from_db()
    proposed = audition.starts_at.astimezone(PARIS)
    moved = proposed.replace(hour=15, minute=0)
    assert moved != proposed  # the proposal takes the first morning slot: the form really moves it
    card = staff.locator(f"#audition-{audition.pk}")
    card.locator("summary").click()
    card.get_by_label("Heure de début (heure de Paris)").fill("15:00")
    card.get_by_role("button", name="Déplacer").click()
    expect(staff.get_by_text("L'audition de Ada Lovelace est placée le")).to_be_visible()
    audition.refresh_from_db()
    assert (audition.starts_at, audition.ends_at) == (moved, moved + cohort.audition_duration)
    check_phone(staff)

    # 3. Staff send the convocations; the candidate gets the e-mail and its .ics, signs in and confirms.
    staff.get_by_role("button", name="Envoyer les convocations").click()
    expect(staff.get_by_text("1 convocation envoyée.")).to_be_visible()
    [convocation] = [message for message in mailoutbox if message.to == [CANDIDATE_EMAIL]]
    [(filename, content, mimetype)] = convocation.attachments
    assert (filename, mimetype.split(";")[0]) == ("audition.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    [event] = calendar.events
    assert (str(event["UID"]), event["SEQUENCE"], event["DTSTART"].params["TZID"], event["DTSTART"].dt) == (
        audition.uid,
        0,
        "Europe/Paris",
        moved,
    )
    assert [str(timezone["TZID"]) for timezone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]

    candidate = new_page(axe=False)
    csp_violations = watch_csp(candidate)
    log_in(candidate, site_url, CANDIDATE_EMAIL)
    candidate.goto(site_url + reverse("auditions:candidate_auditions"))
    expect(candidate.locator(f"#audition-{audition.pk}")).to_contain_text("Convocation envoyée")
    candidate.get_by_role("button", name="Je confirme").click()
    expect(candidate.locator(".fr-alert--success")).to_contain_text("Merci : votre audition est confirmée.")
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONFIRMED

    # 4. The auditions: a juror who declares a link cannot open the file; the others declare no link and
    # score; the first juror then sees the others' scores.
    cohort_move_to(cohort, phase="auditions")
    linked = new_page()
    log_in_with_totp(linked, site_url, LINKED_JUROR[0], lands_on=None)
    open_audition(linked, site_url, audition)
    tick(linked, "Nous avons travaillé ensemble")
    linked.get_by_label("Précision").fill("Même équipe à la DINUM en 2022")
    linked.get_by_role("button", name="Enregistrer ma déclaration").click()
    expect(linked.get_by_role("heading", name="Vous êtes déporté·e de cette audition")).to_be_visible()
    expect(linked.get_by_role("button", name="Enregistrer mon évaluation")).to_have_count(0)
    expect(linked.get_by_role("link", name="Ouvrir le CV (PDF)")).to_have_count(0)
    assert linked.goto(site_url + reverse("auditions:cv", args=[audition.pk])).status == 403

    other = new_page()
    log_in_with_totp(other, site_url, OTHER_JUROR[0], lands_on=None)
    open_audition(other, site_url, audition)
    declare_no_link_and_score(other, 3, "Bonne connaissance du domaine")

    open_audition(juror, site_url, audition)
    check_phone(juror)
    declare_no_link_and_score(juror, 4, "Parcours très clair")
    scores = juror.get_by_role("table", name="Les notes de chaque juré·e, sur 5")
    expect(scores.get_by_role("columnheader")).to_have_text(["Critère", "Alan Turing", "Camille Durand", "Moyenne"])
    expect(juror.get_by_text("Bonne connaissance du domaine")).to_be_visible()
    check_phone(juror)
    assert sorted(
        AuditionScorecard.objects.filter(audition=audition).values_list("juror__email", flat=True)
    ) == sorted([JUROR_EMAIL, OTHER_JUROR[0]])

    # 5. The deliberation: the jury ranks and closes; the director validates.
    cohort_move_to(cohort, phase="deliberation")
    juror.goto(site_url + reverse("auditions:deliberations"))
    juror.get_by_role("link", name="Signaux Faibles").click()
    jury_decides_and_closes(juror, [("Ada Lovelace", "main", "1", "Excellente audition")])

    director = new_page()
    log_in_with_totp(director, site_url, DIRECTOR_EMAIL)
    director.goto(site_url + reverse("auditions:validation"))
    director.get_by_role("button", name=re.compile("Valider les listes")).click()
    expect(director.get_by_text("sont validées (version 1)", exact=False)).to_be_visible()
    version = ListVersion.objects.get()
    assert (version.deliberation.status, version.validated_by.email) == (DeliberationStatus.VALIDATED, DIRECTOR_EMAIL)

    # 6. The candidate reads their outcome.
    candidate.goto(site_url + reverse("auditions:my_results"))
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Mes résultats")
    expect(candidate.get_by_text("Liste principale", exact=True)).to_be_visible()
    assert len([message for message in mailoutbox if message.to == [CANDIDATE_EMAIL]]) == 2  # convened, told
    assert csp_violations == []
