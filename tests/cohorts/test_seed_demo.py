import datetime as dt
import itertools
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from applications.models import Application, Wish
from auditions.models import (
    Audition,
    AuditionScore,
    AuditionScorecard,
    AuditionStatus,
    AuditionTransition,
    Declaration,
    Deliberation,
    DeliberationEntry,
    DeliberationStatus,
    JurorBooking,
    Jury,
    JuryMember,
    JuryRole,
    Link,
    ListKind,
)
from auditions.permissions import AUDITION_JURY, DELIBERATION_READERS
from challenges.models import Administration, Challenge, ChallengeStatus
from cohorts.calendar import Phase
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.windows import Step
from eig.dates import PARIS
from eig.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from eig.management.commands.seed_demo import seed_demo
from eig.models import User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "cohorts": Cohort.objects.count(),
        "administrations": Administration.objects.count(),
        "challenges": Challenge.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "applications": Application.objects.count(),
        "wishes": Wish.objects.count(),
        "juries": Jury.objects.count(),
        "jury members": JuryMember.objects.count(),
        "auditions": Audition.objects.count(),
        "juror bookings": JurorBooking.objects.count(),
        "declarations": Declaration.objects.count(),
        "scorecards": AuditionScorecard.objects.count(),
        "scores": AuditionScore.objects.count(),
        "deliberations": Deliberation.objects.count(),
        "deliberation entries": DeliberationEntry.objects.count(),
        "audition transitions": AuditionTransition.objects.count(),
    }


def test_seed_demo_refused_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError) as raised:
        call_command("seed_demo")

    assert "seed_demo est réservé au développement" in str(raised.value)
    assert counts()["cohorts"] == 0


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = counts()

    call_command("seed_demo")

    assert (
        counts()
        == first
        == {
            "cohorts": 4,
            "administrations": 13,
            "challenges": 18,
            # 7 demo accounts, 9 pre-selected candidates, 14 jurors besides the demo juror and EIG 8's 3,
            # 14 laureates besides the demo fellow, 2 candidates not pre-selected (a held file, a consent).
            "users": 49,
            "emails": 7,
            "applications": 26,
            "wishes": 72,
            # EIG 9's three, and EIG 8's with its 3 jurors who heard the 15 on its lists.
            "juries": 3 + 1,
            "jury members": 16 + 3,
            "auditions": 9 + 15,
            # Each booked audition holds the time of each juror of its jury (5, 5 and 6 jurors; EIG 8's 3).
            "juror bookings": 3 * 5 + 2 * 5 + 4 * 6 + 15 * 3,
            # EIG 9: the 5 auditions held, every juror declared; the 4 to come, their president. EIG 8: all.
            "declarations": 2 * 5 + 5 + 2 * 6 + 4 + 15 * 3,
            # EIG 9: 3 jurors per audition held, and the demo juror for one; EIG 8: 3 per audition. 6 criteria.
            "scorecards": 16 + 45,
            "scores": (16 + 45) * 6,
            # EIG 9's in progress, EIG 8's nine validated lists.
            "deliberations": 1 + 9,
            "deliberation entries": 2,
            # Convened then confirmed: the 5 held and 1 to come; convened then another time asked: 1;
            # convened: 1; still to convene: 1. EIG 8's 15: convened then confirmed.
            "audition transitions": 2 * 5 + 2 + 2 + 1 + 15 * 2,
        }
    )


def test_seed_demo_current_cohort_has_its_candidates_call_open_today(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    current = Cohort.objects.current()
    assert current.number == 10
    assert Phase.CANDIDATES_CALL in [step.phase for step in current.open_steps()]
    assert Cohort.objects.get(number=6).phase() == Phase.FINISHED


def test_seed_demo_names_real_challenges_and_accounts(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    assert sorted(Challenge.objects.filter(cohort__number__in=[6, 10]).values_list("name", flat=True)) == sorted(
        [
            "ArchiFiltre",
            "Brigade Numérique",
            "Gobelins",
            "Hopkins",
            "Lab Santé",
            "PrédiSauvetage",
            "Prévisecours",
            "Signaux Faibles",
            "b@liseNAV",
            "dataESR",
        ]
    )
    assert Challenge.objects.filter(cohort__number=6, status=ChallengeStatus.SELECTED).count() == 5
    # The cohort in its auditions: four selected challenges on the programme's usual themes.
    assert sorted(
        Challenge.objects.filter(cohort__number=9, status=ChallengeStatus.SELECTED).values_list("name", flat=True)
    ) == [
        "Archives Augmentées",
        "Cap Littoral",
        "Parcours de Soins",
        "Radar Entreprises",
    ]
    accounts = User.objects.filter(email__in=[account.email for account in DEMO_ACCOUNTS])
    roles = {user.email: [role.value for role in user.roles] for user in accounts}
    assert roles == {
        "agent@demo.eig.localhost": ["agent"],
        "candidat@demo.eig.localhost": ["candidate"],
        "equipe@demo.eig.localhost": ["staff"],
        "jure@demo.eig.localhost": ["juror"],
        "direction@demo.eig.localhost": ["director"],
        "eig@demo.eig.localhost": ["candidate", "fellow"],
        "mentor@demo.eig.localhost": ["agent", "mentor"],
    }
    assert all(user.check_password(DEMO_PASSWORD) for user in accounts)
    # Every demo account has a name, as sign-up now asks (a candidate without one could not submit).
    assert sorted(user.get_full_name() for user in accounts) == [
        "Alix Juré",
        "Andréa Entrepreneur",
        "Camille Candidat",
        "Claude Direction",
        "Dominique Agent",
        "Morgane Mentor",
        "Sacha Équipe",
    ]
    # The other people of the demo (candidates, jurors, laureates) cannot sign in.
    others = User.objects.exclude(pk__in=accounts)
    assert (others.count(), others.filter(password__startswith="!").count()) == (42, 42)


def test_seed_demo_submitted_challenges_are_complete(settings):
    from challenges.selectors import challenge_missing_items

    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

    incomplete = {
        challenge.name: challenge_missing_items(challenge)
        for challenge in Challenge.objects.exclude(status=ChallengeStatus.DRAFT)
        if challenge_missing_items(challenge)
    }
    assert incomplete == {}
    assert Challenge.objects.get(name="PrédiSauvetage").positions.count() == 2
    asking = Challenge.objects.get(name="dataESR")
    assert (asking.positions.count(), asking.derogation_positions, asking.derogation_status) == (4, 4, "requested")
    current = Cohort.objects.get(number=10)
    assert list(current.challenge_jurors.values_list("email", flat=True)) == ["jure@demo.eig.localhost"]
    assert sorted(
        Challenge.objects.filter(owners__email="agent@demo.eig.localhost").values_list("name", flat=True)
    ) == [
        "ArchiFiltre",
        "PrédiSauvetage",
        "Prévisecours",
        "b@liseNAV",
        "dataESR",
    ]


def test_seed_demo_indexes_the_demo_challenges_for_the_catalogue_search(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    query = SearchQuery("terrain", config="french_unaccent")
    selected = Challenge.objects.filter(status=ChallengeStatus.SELECTED)
    assert selected.filter(search_vector=query).count() == selected.count()
    assert Challenge.objects.filter(search_vector__isnull=True).count() == 0


def test_seed_demo_auditions_cohort_in_its_auditions_with_juries_of_every_role(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    cohort = Cohort.objects.get(number=9)
    assert [step.phase for step in cohort.open_steps()] == [Phase.AUDITIONS]
    assert Cohort.objects.current().number == 10
    roles = {
        jury.name: sorted({member.role for member in jury.members.all()})
        for jury in Jury.objects.filter(cohort=cohort).prefetch_related("members")
    }
    assert roles == dict.fromkeys(
        ["Jury Archives Augmentées", "Jury Cap Littoral", "Jury Santé et Entreprises"], sorted(JuryRole.values)
    )
    assert JuryMember.objects.filter(accepted_at__isnull=True).count() == 0
    assert sorted(JuryMember.objects.filter(email="jure@demo.eig.localhost").values_list("jury__name", "role")) == [
        ("Jury Archives Augmentées", JuryRole.OUTSIDE),
        ("Jury Cap Littoral", JuryRole.ALUMNUS),
    ]
    statuses = Counter(Audition.objects.filter(jury__cohort=cohort).values_list("status", flat=True))
    assert statuses == {
        AuditionStatus.CONFIRMED: 6,
        AuditionStatus.CONVENED: 1,
        AuditionStatus.CHANGE_REQUESTED: 1,
        AuditionStatus.PLANNED: 1,
    }
    now = timezone.now()
    auditions = Audition.objects.filter(jury__cohort=cohort)
    assert auditions.filter(starts_at__lt=now).count() == 5
    assert {audition.starts_at.astimezone(PARIS).date() for audition in auditions} == {
        (now.astimezone(PARIS) + dt.timedelta(days=days)).date() for days in (-2, -1, 1, 3)
    }
    assert all(cohort.window(Step.AUDITIONS).opens_at <= a.starts_at for a in auditions)
    assert all(a.ends_at <= cohort.window(Step.AUDITIONS).closes_at for a in auditions)
    (recusal,) = Declaration.objects.exclude(link=Link.NONE)
    assert (recusal.juror.get_full_name(), recusal.audition.application.candidate.get_full_name()) == (
        "Pierre Lemaire",
        "Hugo Chevalier",
    )
    assert not AuditionScorecard.objects.filter(audition=recusal.audition, juror=recusal.juror).exists()
    (deliberation,) = Deliberation.objects.filter(challenge__cohort=cohort)
    assert (deliberation.challenge.name, deliberation.profile, deliberation.status) == (
        "Archives Augmentées",
        Profile.DEVELOPER,
        DeliberationStatus.OPEN,
    )
    assert sorted(deliberation.entries.values_list("application__candidate__first_name", "kind", "rank")) == [
        ("Inès", ListKind.MAIN, 1),
        ("Léa", ListKind.WAITING, 1),
    ]


def test_seed_demo_slots_never_overlap_for_a_jury_a_candidate_or_a_juror(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    # Another day: the calendar moves, and every slot with it.
    seed_demo(now=timezone.now() + dt.timedelta(days=2))

    def overlaps(rows):
        by_holder = {}
        for holder, busy in rows:
            by_holder.setdefault(holder, []).append(busy)
        return [
            holder
            for holder, ranges in by_holder.items()
            for first, second in itertools.combinations(ranges, 2)
            if first.lower < second.upper and second.lower < first.upper
        ]

    active = Audition.objects.exclude(status=AuditionStatus.CANCELLED)
    assert active.filter(busy__isnull=True).count() == 0
    assert overlaps(active.values_list("jury_id", "busy")) == []
    assert overlaps(active.values_list("application_id", "busy")) == []
    assert overlaps(JurorBooking.objects.values_list("juror_id", "busy")) == []
    assert {a.starts_at.astimezone(PARIS).date() for a in active.filter(jury__cohort__number=9)} == {
        (timezone.now().astimezone(PARIS) + dt.timedelta(days=days)).date() for days in (0, 1, 3, 5)
    }


def test_seed_demo_juror_signs_in_and_sees_the_auditions_of_their_juries(settings, client):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False  # as in development: the demo accounts need no second factor
    call_command("seed_demo")

    response = client.post(reverse("account_login"), {"login": "jure@demo.eig.localhost", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    juror = User.objects.get(email="jure@demo.eig.localhost")
    assert int(client.session["_auth_user_id"]) == juror.pk
    theirs = Audition.objects.filter(jury__members__user=juror)
    assert sorted(theirs.values_list("application__candidate__first_name", flat=True)) == [
        "Chloé",
        "Inès",
        "Léa",
        "Mathis",
        "Yanis",
    ]
    assert all(AUDITION_JURY.admits(juror, audition) for audition in theirs)
    assert not any(AUDITION_JURY.admits(juror, audition) for audition in Audition.objects.exclude(pk__in=theirs))
    assert AuditionScorecard.objects.filter(juror=juror).count() == 1
    try:
        page = reverse("auditions:my_auditions")
    except NoReverseMatch:
        pytest.skip("« Mes auditions » (the juror's space) is built on another branch")
    content = client.get(page).content.decode()
    assert [name in content for name in ("Inès Moreau", "Mathis Rousseau", "Hugo Chevalier")] == [True, True, False]


def test_seed_demo_director_signs_in(settings, client):
    settings.DEBUG = True
    settings.STAFF_MFA_REQUIRED = False
    call_command("seed_demo")

    assert client.login(email="direction@demo.eig.localhost", password=DEMO_PASSWORD)
    director = User.objects.get(email="direction@demo.eig.localhost")
    assert DELIBERATION_READERS.admits(director, Deliberation.objects.get(challenge__cohort__number=9))
