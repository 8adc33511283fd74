import datetime as dt

import pytest
from django.utils import timezone

from cohorts.calendar import TYPICAL_OFFSETS_DAYS, Phase
from cohorts.windows import Step
from tests.cohorts.factories import PHASE_DAYS, CohortFactory

# Each named moment of CohortFactory(phase=…): the cohort's derived phase and the windows open then.
EXPECTED = {
    "upcoming": (Phase.UPCOMING, []),
    "projects_call": (Phase.PROJECTS_CALL, [Step.PROJECTS_CALL]),
    "both_calls": (Phase.CANDIDATES_CALL, [Step.PROJECTS_CALL, Step.CANDIDATES_CALL]),
    "challenge_selection": (Phase.CHALLENGE_SELECTION, [Step.CANDIDATES_CALL, Step.CHALLENGE_SELECTION]),
    "candidates_call": (Phase.CHALLENGE_SELECTION, [Step.CANDIDATES_CALL, Step.CHALLENGE_SELECTION]),
    "candidates_call_end": (Phase.CANDIDATES_CALL, [Step.CANDIDATES_CALL]),
    "preselection": (Phase.PRESELECTION, [Step.PRESELECTION]),
    "before_wishes": (Phase.BETWEEN_STEPS, []),
    "wishes": (Phase.WISHES, [Step.WISHES]),
    "after_wishes": (Phase.BETWEEN_STEPS, []),
    "auditions": (Phase.AUDITIONS, [Step.AUDITIONS]),
    "deliberation": (Phase.DELIBERATION, [Step.DELIBERATION]),
    "acceptance": (Phase.ACCEPTANCE, [Step.ACCEPTANCE]),
    "programme": (Phase.PROGRAMME, [Step.PROGRAMME]),
    "finished": (Phase.FINISHED, []),
}


def test_every_phase_of_the_factory_is_checked():
    assert set(PHASE_DAYS) == set(EXPECTED)
    assert {phase for phase, _ in EXPECTED.values()} == set(Phase)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_cohort_factory_phase_puts_now_inside_its_windows(name):
    now = timezone.now()

    cohort = CohortFactory.build(phase=name)

    phase, open_steps = EXPECTED[name]
    assert cohort.phase(now) == phase
    assert [window.step for window in cohort.open_steps(now)] == open_steps


@pytest.mark.parametrize("name", list(EXPECTED))
def test_cohort_factory_phase_is_a_day_away_from_every_date(name):
    now = timezone.now()

    cohort = CohortFactory.build(phase=name)

    dates = [getattr(cohort, field) for field in TYPICAL_OFFSETS_DAYS] + [cohort.acceptance_deadline]
    assert min(abs(date - now) for date in dates) >= dt.timedelta(days=1)


def test_cohort_factory_defaults_to_both_calls():
    now = timezone.now()

    cohort = CohortFactory.build()

    assert [window.step for window in cohort.open_steps(now)] == [Step.PROJECTS_CALL, Step.CANDIDATES_CALL]


def test_cohort_factory_refuses_an_unknown_phase():
    with pytest.raises(ValueError, match="Unknown phase 'wish'"):
        CohortFactory.build(phase="wish")


def test_cohort_factory_refuses_a_phase_and_a_day_count():
    with pytest.raises(TypeError):
        CohortFactory.build(phase="wishes", days_since_start=108)
