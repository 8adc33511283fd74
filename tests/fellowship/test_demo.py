"""The fellowship's demo data (fellowship/demo.py), seeded by the shell's seed_demo."""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Wish
from auditions.models import ListKind, ListVersion, ListVersionEntry
from cohorts.models import Cohort
from cohorts.windows import Step
from eig.dates import PARIS
from eig.management.commands.seed_demo import seed_demo
from eig.models import OutboxEmail, User
from fellowship.models import (
    AssignmentChoice,
    AssignmentRun,
    Attendance,
    Audience,
    Fellow,
    Mentor,
    MentorKind,
    Offer,
    OfferTransition,
    Repository,
    RunPlacement,
    Session,
)
from fellowship.runs import runs_compare

pytestmark = pytest.mark.django_db

FELLOW_EMAIL = "eig@demo.eig.localhost"
MENTOR_EMAIL = "mentor@demo.eig.localhost"
FIRST = "Aide Juridictionnelle en Ligne"


def name(application) -> str:
    return application.candidate.get_full_name()


def fellowship_counts() -> dict[str, int]:
    return {
        "list versions": ListVersion.objects.count(),
        "list entries": ListVersionEntry.objects.count(),
        "choices": AssignmentChoice.objects.count(),
        "runs": AssignmentRun.objects.count(),
        "placements": RunPlacement.objects.count(),
        "offers": Offer.objects.count(),
        "offer transitions": OfferTransition.objects.count(),
        "fellows": Fellow.objects.count(),
        "mentors": Mentor.objects.count(),
        "sessions": Session.objects.count(),
        "attendances": Attendance.objects.count(),
        "repositories": Repository.objects.count(),
        "outbox": OutboxEmail.objects.count(),
    }


def test_demo_fellowship_is_idempotent_and_queues_its_emails_once():
    seed_demo()
    first = fellowship_counts()

    seed_demo()
    seed_demo(now=timezone.now() + dt.timedelta(days=2))

    assert (
        fellowship_counts()
        == first
        == {
            "list versions": 9,
            # 9 on the main lists, 6 on the waiting lists.
            "list entries": 15,
            "choices": 2,
            "runs": 2,
            "placements": 9 + 9,
            # The 9 placements of the validated run, and the 3 next on their lists.
            "offers": 12,
            "offer transitions": 4 + 1 + 1 + 1,
            "fellows": 4,
            # Two teams: each its project lead and its sponsor.
            "mentors": 4,
            "sessions": 3,
            "attendances": 4,
            "repositories": 1,
            "outbox": 18,
        }
    )
    assert Counter(OutboxEmail.objects.values_list("template", flat=True)) == {
        "emails/fellowship/offer": 12,
        "emails/fellowship/mentor_invitation": 4,
        "emails/fellowship/offer_lapsed": 1,
        "emails/fellowship/offer_withdrawn": 1,
    }


def test_demo_cohort_results_out_twelve_days_ago_and_its_programme_to_come():
    seed_demo()

    cohort = Cohort.objects.get(number=8)
    today = timezone.now().astimezone(PARIS).date()
    assert cohort.name == "EIG 8"
    assert cohort.results_at.astimezone(PARIS).date() == today - dt.timedelta(days=12)
    assert cohort.window(Step.ACCEPTANCE).is_open(timezone.now())
    assert not cohort.window(Step.PROGRAMME).has_opened(timezone.now())
    assert Cohort.objects.current().number == 10
    positions = {c.name: c.positions.count() for c in cohort.challenges.filter(status="selected")}
    assert positions == {
        FIRST: 2,
        "Forêts Sentinelles": 2,
        "France Services Connectées": 2,
        "Impôts Locaux Lisibles": 3,
    }
    granted = cohort.challenges.get(name="Impôts Locaux Lisibles")
    assert (
        granted.derogation_status,
        granted.derogation_positions,
        (granted.allowed_team_size.minimum, granted.allowed_team_size.maximum),
    ) == (
        "granted",
        3,
        (2, 3),
    )


def test_demo_offers_in_every_state_each_closed_one_passed_on():
    seed_demo()

    statuses = Counter(Offer.objects.values_list("status", flat=True))
    assert statuses == {"accepted": 4, "declined": 1, "lapsed": 1, "withdrawn": 1, "open": 5}
    passed_on = {
        name(offer.previous.application): name(offer.application)
        for offer in Offer.objects.filter(previous__isnull=False).select_related(
            "previous__application__candidate", "application__candidate"
        )
    }
    assert passed_on == {
        "Héloïse Masson": "Ibrahim Traoré",
        "Juliette Renaud": "Kévin Picard",
        "Maxime Colin": "Noémie Lucas",
    }
    withdrawal = OfferTransition.objects.get(to_status="withdrawn")
    assert withdrawal.note == "Pièces justificatives non fournies : le diplôme et l'attestation de l'employeur."
    assert withdrawal.by.email == "equipe@demo.eig.localhost"
    assert OfferTransition.objects.get(to_status="declined").note == (
        "J'ai accepté un poste dans une autre administration."
    )
    # The open offers of the validated run are due 15 days after the results: in 3 days, at 23:59:59.
    today = timezone.now().astimezone(PARIS).date()
    due = {
        name(offer.application): offer.answer_by.astimezone(PARIS)
        for offer in Offer.objects.filter(status="open").select_related("application__candidate")
    }
    assert due == {
        person: dt.datetime.combine(today + dt.timedelta(days=days), dt.time(23, 59, 59), tzinfo=PARIS)
        for person, days in [
            ("Lina Haddou", 3),
            ("Océane Gauthier", 3),
            ("Ibrahim Traoré", 5),
            ("Noémie Lucas", 7),
            ("Kévin Picard", 15),
        ]
    }


def test_demo_runs_the_second_validated_after_a_pin_and_a_forbid_moves_one_person():
    seed_demo()

    runs = AssignmentRun.objects.filter(cohort__number=8).order_by("number")
    assert [(run.number, run.status) for run in runs] == [(1, "proposed"), (2, "validated")]
    assert sorted(AssignmentChoice.objects.values_list("kind", "application__candidate__last_name")) == [
        ("forbid", "Caron"),
        ("pin", "Entrepreneur"),
    ]
    comparison = runs_compare(runs[0], runs[1])
    moved = {
        User.objects.get(applications__pk=row.application_id).get_full_name(): (row.before is None, row.after is None)
        for row in comparison.rows
        if row.moved
    }
    assert (comparison.moves, moved) == (2, {"Bérénice Caron": (False, True), "Clément Dubois": (True, False)})
    assert set(Offer.objects.values_list("run__number", flat=True)) == {2}


def test_demo_fellow_first_on_the_first_challenge_with_the_demo_mentor():
    seed_demo()

    fellow = Fellow.objects.select_related("challenge", "position", "operational_mentor", "senior_mentor").get(
        user__email=FELLOW_EMAIL
    )
    entry = ListVersionEntry.objects.get(application=fellow.application)
    assert (entry.kind, entry.rank, entry.version.deliberation.challenge.name) == (ListKind.MAIN, 1, FIRST)
    assert entry.version.validated_by.email == "direction@demo.eig.localhost"
    assert Wish.objects.get(application=fellow.application, rank=1).challenge.name == FIRST
    assert (fellow.challenge.name, fellow.position.profile, fellow.public) == (FIRST, "developer", True)
    assert fellow.operational_mentor.user.email == MENTOR_EMAIL
    assert fellow.operational_mentor.accepted_at is not None
    assert (fellow.senior_mentor.kind, fellow.senior_mentor.accepted_at) == (MentorKind.SENIOR, None)
    teams = sorted(Fellow.objects.filter(cohort__number=8).values_list("challenge__name", "user__last_name", "public"))
    assert teams == [
        (FIRST, "Dubois", False),
        (FIRST, "Entrepreneur", True),
        ("Forêts Sentinelles", "Diallo", False),
        ("Forêts Sentinelles", "Morel", True),
    ]
    mentor = User.objects.get(email=MENTOR_EMAIL)
    assert [m.challenge.name for m in Mentor.objects.filter(user=mentor)] == [FIRST]
    assert list(Repository.objects.values_list("challenge__name", "licence", "declared_by__email")) == [
        (FIRST, "EUPL-1.2", FELLOW_EMAIL)
    ]


def test_demo_sessions_past_with_attendance_bootcamp_and_mentors_workshop():
    seed_demo()

    cohort = Cohort.objects.get(number=8)
    now = timezone.now()
    sessions = Session.objects.filter(cohort=cohort).order_by("starts_at")
    assert [(s.title, s.audience, s.mandatory, s.starts_at < now) for s in sessions] == [
        ("Journée d'accueil des lauréat·es", Audience.FELLOWS, False, True),
        ("Atelier des mentor·es : accompagner une équipe EIG", Audience.MENTORS, False, False),
        ("Bootcamp de rentrée", Audience.BOTH, True, False),
    ]
    assert sessions[2].starts_at == cohort.programme_starts_at
    assert sorted(Attendance.objects.values_list("user__last_name", "status")) == [
        ("Diallo", "excused"),
        ("Dubois", "present"),
        ("Entrepreneur", "present"),
        ("Morel", "present"),
    ]


def test_demo_fellow_and_mentor_see_their_team(client):
    seed_demo()
    fellow, mentor = User.objects.get(email=FELLOW_EMAIL), User.objects.get(email=MENTOR_EMAIL)

    client.force_login(fellow)
    team = client.get(reverse("fellowship:my_team"))
    client.force_login(mentor)
    mentoring = client.get(reverse("fellowship:mentoring"))

    assert (team.status_code, mentoring.status_code) == (200, 200)
    assert ["Morgane Mentor" in team.content.decode(), "Clément Dubois" in team.content.decode()] == [True, True]
    assert ["Andréa Entrepreneur" in mentoring.content.decode(), "Diane Morel" in mentoring.content.decode()] == [
        True,
        False,
    ]
