"""The projects call, enforced by the challenge services at its exact instants: a deadline shown as 23:59
accepts what arrives during that minute and refuses what arrives at 00:00; and the query form of the rule
(the cohort open for challenges)."""

import pytest
from django.core.exceptions import ValidationError

from challenges import services
from challenges.models import Challenge, ChallengeStatus
from challenges.selectors import cohort_with_open_projects_call
from cohorts.windows import Step
from tests.challenges.factories import ChallengeFactory, MembershipFactory
from tests.cohorts.factories import EXACT_CALENDAR, CohortFactory, paris, window_instants
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

PROJECTS_CALL = window_instants(paris(2026, 1, 26, 9), paris(2026, 3, 20, 23, 59))
IDS = [label for label, _now, _open in PROJECTS_CALL]


@pytest.fixture
def cohort():
    return CohortFactory(grids=False, **EXACT_CALENDAR)


def refusal(cohort, now) -> list[str]:
    return [cohort.window(Step.PROJECTS_CALL).refusal(now)]


@pytest.mark.parametrize(("label", "now", "is_open"), PROJECTS_CALL, ids=IDS)
def test_challenge_create_at_the_projects_call_instants(cohort, label, now, is_open):
    agent = UserFactory(agent=True)
    administration = MembershipFactory(user=agent).administration

    if is_open:
        challenge = services.challenge_create(
            cohort=cohort, administration=administration, name="Signaux faibles", by=agent, now=now
        )
        assert (challenge.name, list(challenge.owners.all())) == ("Signaux faibles", [agent])
        return
    with pytest.raises(ValidationError) as raised:
        services.challenge_create(cohort=cohort, administration=administration, name="Signaux", by=agent, now=now)
    assert raised.value.messages == refusal(cohort, now)
    assert Challenge.objects.count() == 0


@pytest.mark.parametrize(("label", "now", "is_open"), PROJECTS_CALL, ids=IDS)
def test_challenge_save_step_at_the_projects_call_instants(cohort, label, now, is_open):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[agent], summary="Avant")

    if is_open:
        services.challenge_save_step(challenge=challenge, by=agent, fields={"summary": "Après"}, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.challenge_save_step(challenge=challenge, by=agent, fields={"summary": "Après"}, now=now)
        assert raised.value.messages == refusal(cohort, now)

    challenge.refresh_from_db()
    assert challenge.summary == ("Après" if is_open else "Avant")


@pytest.mark.parametrize(("label", "now", "is_open"), PROJECTS_CALL, ids=IDS)
def test_challenge_submit_at_the_projects_call_instants(cohort, label, now, is_open):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[agent], complete=True)

    if is_open:
        services.challenge_submit(challenge=challenge, by=agent, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.challenge_submit(challenge=challenge, by=agent, now=now)
        assert raised.value.messages == refusal(cohort, now)

    challenge.refresh_from_db()
    assert challenge.status == (ChallengeStatus.SUBMITTED if is_open else ChallengeStatus.DRAFT)


@pytest.mark.parametrize(("label", "now", "is_open"), PROJECTS_CALL, ids=IDS)
def test_cohort_with_open_projects_call_at_its_instants(cohort, label, now, is_open):
    assert cohort_with_open_projects_call(now=now) == (cohort if is_open else None)
