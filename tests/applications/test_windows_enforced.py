"""The candidates call and the wishes, enforced by the services at their exact instants: a deadline shown
as 23:59 accepts what arrives during that minute and refuses what arrives at 00:00."""

import pytest
from django.core.exceptions import ValidationError

from applications import services
from applications.models import Application, ApplicationStatus
from cohorts.profiles import Profile
from cohorts.windows import Step
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import EXACT_CALENDAR, CohortFactory, paris, window_instants
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

CANDIDATES_CALL = window_instants(paris(2026, 3, 9, 9), paris(2026, 4, 21, 23, 59))
WISHES = window_instants(paris(2026, 5, 11, 9), paris(2026, 5, 17, 23, 59))


def ids(instants):
    return [label for label, _now, _open in instants]


@pytest.fixture
def cohort():
    return CohortFactory(grids=False, **EXACT_CALENDAR)


def refusal(cohort, step, now) -> list[str]:
    return [cohort.window(step).refusal(now)]


@pytest.mark.parametrize(("label", "now", "is_open"), CANDIDATES_CALL, ids=ids(CANDIDATES_CALL))
def test_application_start_at_the_candidates_call_instants(cohort, label, now, is_open):
    candidate = UserFactory(candidate=True)

    if is_open:
        application = services.application_start(cohort=cohort, candidate=candidate, now=now)
        assert (application.cohort, application.candidate, application.status) == (cohort, candidate, "draft")
        return
    with pytest.raises(ValidationError) as raised:
        services.application_start(cohort=cohort, candidate=candidate, now=now)
    assert raised.value.messages == refusal(cohort, Step.CANDIDATES_CALL, now)
    assert Application.objects.count() == 0


@pytest.mark.parametrize(("label", "now", "is_open"), CANDIDATES_CALL, ids=ids(CANDIDATES_CALL))
def test_application_save_at_the_candidates_call_instants(cohort, label, now, is_open):
    application = ApplicationFactory(cohort=cohort, motivation="Avant")

    if is_open:
        services.application_save(application=application, data={"motivation": "Après"}, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.application_save(application=application, data={"motivation": "Après"}, now=now)
        assert raised.value.messages == refusal(cohort, Step.CANDIDATES_CALL, now)

    application.refresh_from_db()
    assert application.motivation == ("Après" if is_open else "Avant")


@pytest.mark.parametrize(("label", "now", "is_open"), CANDIDATES_CALL, ids=ids(CANDIDATES_CALL))
def test_application_submit_at_the_candidates_call_instants(cohort, label, now, is_open):
    application = ApplicationFactory(cohort=cohort, complete=True)

    if is_open:
        services.application_submit(application=application, by=application.candidate, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.application_submit(application=application, by=application.candidate, now=now)
        assert raised.value.messages == refusal(cohort, Step.CANDIDATES_CALL, now)

    application.refresh_from_db()
    assert application.status == (ApplicationStatus.SUBMITTED if is_open else ApplicationStatus.DRAFT)


@pytest.mark.parametrize(("label", "now", "is_open"), WISHES, ids=ids(WISHES))
def test_wishes_save_at_the_wishes_instants(cohort, label, now, is_open):
    application = ApplicationFactory(cohort=cohort, preselected=True)
    challenges = [ChallengeFactory(cohort=cohort, selected=True, with_parts=False) for _ in range(3)]
    for challenge in challenges:
        PositionFactory(challenge=challenge, profile=Profile.DEVELOPER)
    wanted = [challenge.pk for challenge in challenges]

    if is_open:
        services.wishes_save(application=application, challenge_ids=wanted, now=now)
    else:
        with pytest.raises(ValidationError) as raised:
            services.wishes_save(application=application, challenge_ids=wanted, now=now)
        assert raised.value.messages == refusal(cohort, Step.WISHES, now)

    assert list(application.wishes.order_by("rank").values_list("challenge_id", flat=True)) == (
        wanted if is_open else []
    )
