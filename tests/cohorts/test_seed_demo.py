import pytest
from allauth.account.models import EmailAddress
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.core.management.base import CommandError

from challenges.models import Administration, Challenge, ChallengeStatus
from cohorts.calendar import Phase
from cohorts.models import Cohort
from eig.demo import DEMO_PASSWORD
from eig.models import User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "cohorts": Cohort.objects.count(),
        "administrations": Administration.objects.count(),
        "challenges": Challenge.objects.count(),
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
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

    assert counts() == first == {"cohorts": 2, "administrations": 9, "challenges": 10, "users": 4, "emails": 4}


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

    assert sorted(Challenge.objects.values_list("name", flat=True)) == sorted(
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
    roles = {user.email: [role.value for role in user.roles] for user in User.objects.all()}
    assert roles == {
        "agent@demo.eig.localhost": ["agent"],
        "candidat@demo.eig.localhost": ["candidate"],
        "equipe@demo.eig.localhost": ["staff"],
        "jure@demo.eig.localhost": ["juror"],
    }
    assert all(user.check_password(DEMO_PASSWORD) for user in User.objects.all())
    # Every demo account has a name, as sign-up now asks (a candidate without one could not submit).
    assert sorted(user.get_full_name() for user in User.objects.all()) == [
        "Alix Juré",
        "Camille Candidat",
        "Dominique Agent",
        "Sacha Équipe",
    ]


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
