"""The one calendar window API: every step of a cohort pinned at its exact opening and closing instants,
in Python (`cohort.window(step)`) and in SQL (`Cohort.objects.with_window_open`), with its French refusal
and the dates it shows."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cohorts.calendar import Phase, StepState
from cohorts.models import Cohort
from cohorts.selectors import cohort_past
from cohorts.windows import Step
from tests.cohorts.factories import EXACT_CALENDAR, MICROSECOND, MINUTE, CohortFactory, paris, window_instants

pytestmark = pytest.mark.django_db

# Each step of EXACT_CALENDAR: the first instant it is open, and the minute shown as its end. A step that
# starts when another ends opens after that minute (the selection at 00:00, after the call's 23:59).
EDGES = {
    Step.PROJECTS_CALL: (paris(2026, 1, 26, 9), paris(2026, 3, 20, 23, 59)),
    Step.CANDIDATES_CALL: (paris(2026, 3, 9, 9), paris(2026, 4, 21, 23, 59)),
    Step.CHALLENGE_SELECTION: (paris(2026, 3, 21, 0, 0), paris(2026, 4, 10, 12)),
    Step.PRESELECTION: (paris(2026, 4, 22, 0, 0), paris(2026, 5, 6, 12)),
    Step.WISHES: (paris(2026, 5, 11, 9), paris(2026, 5, 17, 23, 59)),
    Step.AUDITIONS: (paris(2026, 6, 9, 9), paris(2026, 6, 15, 19)),
    Step.DELIBERATION: (paris(2026, 6, 15, 19, 1), paris(2026, 6, 30, 12)),
    Step.ACCEPTANCE: (paris(2026, 6, 30, 12, 1), paris(2026, 7, 15, 12)),
    Step.PROGRAMME: (paris(2026, 9, 14, 9), paris(2027, 7, 13, 18)),
}

CASES = [
    pytest.param(step, now, is_open, id=f"{step.value}: {label}")
    for step, (opening, last_minute) in EDGES.items()
    for label, now, is_open in window_instants(opening, last_minute)
]


@pytest.fixture
def cohort():
    return CohortFactory(grids=False, **EXACT_CALENDAR)


def test_every_step_is_pinned():
    assert list(EDGES) == list(Step)


@pytest.mark.parametrize("step", list(Step))
def test_window_bounds_and_the_dates_it_shows(cohort, step):
    opening, last_minute = EDGES[step]

    window = cohort.window(step)

    assert (window.opens_at, window.deadline, window.closes_at) == (opening, last_minute, last_minute + MINUTE)
    with translation.override("fr"):
        assert (window.opens_display, window.deadline_display) == (french(opening), french(last_minute))


MONTHS = {1: "janvier", 3: "mars", 4: "avril", 5: "mai", 6: "juin", 7: "juillet", 9: "septembre"}


def french(moment) -> str:
    return f"{moment.day} {MONTHS[moment.month]} {moment.year} à {moment:%H:%M} (heure de Paris)"


@pytest.mark.parametrize(("step", "now", "is_open"), CASES)
def test_window_is_open_at_its_exact_instants(cohort, step, now, is_open):
    window = cohort.window(step)

    assert window.is_open(now) is is_open
    assert list(Cohort.objects.with_window_open(step, now)) == ([cohort] if is_open else [])


@pytest.mark.parametrize(("step", "now", "is_open"), CASES)
def test_window_check_raises_its_refusal_outside(cohort, step, now, is_open):
    window = cohort.window(step)

    if is_open:
        window.check(now)
        assert window.refusal(now) == ""
        return
    with pytest.raises(ValidationError) as raised:
        window.check(now)
    assert raised.value.messages == [window.refusal(now)]
    expected_state = StepState.UPCOMING if now < window.opens_at else StepState.CLOSED
    assert window.state(now) == expected_state
    assert raised.value.error_list[0].code == f"{step.value}_{expected_state.value}"


@pytest.mark.parametrize(("step", "now", "is_open"), CASES)
def test_window_opened_in_python_and_sql(cohort, step, now, is_open):
    opening, _last_minute = EDGES[step]

    has_opened = now >= opening

    assert cohort.window(step).has_opened(now) is has_opened
    assert list(Cohort.objects.with_window_opened(step, now)) == ([cohort] if has_opened else [])


@pytest.mark.parametrize(("step", "now", "is_open"), CASES)
def test_window_closed_in_python_and_sql(cohort, step, now, is_open):
    _opening, last_minute = EDGES[step]

    has_closed = now >= last_minute + MINUTE

    assert cohort.window(step).has_closed(now) is has_closed
    assert list(Cohort.objects.with_window_closed(step, now)) == ([cohort] if has_closed else [])


def test_past_cohorts_are_those_whose_programme_has_closed(cohort):
    assert cohort_past(now=paris(2027, 7, 13, 18, 0, 59, 999999)) == []
    assert cohort_past(now=paris(2027, 7, 13, 18, 1)) == [cohort]


@pytest.mark.parametrize(
    ("now", "message"),
    [
        (
            paris(2026, 1, 26, 8, 59, 59, 999999),
            "L'appel à projets n'est pas encore ouvert : il ouvrira le 26 janvier 2026 à 09:00 (heure de Paris).",
        ),
        (
            paris(2026, 3, 21),
            "L'appel à projets est clos : sa date limite était le 20 mars 2026 à 23:59 (heure de Paris). "
            "Le défi ne peut plus être modifié ni déposé.",
        ),
    ],
)
def test_projects_call_refusals_in_french(cohort, now, message):
    with translation.override("fr"), pytest.raises(ValidationError) as raised:
        cohort.window(Step.PROJECTS_CALL).check(now)

    assert raised.value.messages == [message]


@pytest.mark.parametrize(
    ("step", "now", "message"),
    [
        (
            Step.CANDIDATES_CALL,
            paris(2026, 4, 22),
            "L'appel à candidatures est clos : sa date limite était le 21 avril 2026 à 23:59 (heure de Paris). "
            "La candidature ne peut plus être modifiée.",
        ),
        (Step.WISHES, paris(2026, 5, 11, 8, 59), "Les vœux ouvriront le 11 mai 2026 à 09:00 (heure de Paris)."),
        (
            Step.WISHES,
            paris(2026, 5, 18),
            "La saisie des vœux est close : sa date limite était le 17 mai 2026 à 23:59 (heure de Paris). "
            "Vos vœux ne peuvent plus être modifiés.",
        ),
        (
            Step.CHALLENGE_SELECTION,
            paris(2026, 3, 20, 23, 59, 30),
            "La sélection des défis ouvre à la clôture de l'appel à projets, le 21 mars 2026 à 00:00 "
            "(heure de Paris) : aucun défi ne peut être sélectionné ni écarté avant.",
        ),
        (
            Step.CHALLENGE_SELECTION,
            paris(2026, 4, 10, 12, 1),
            "La sélection des défis est close : elle se terminait à l'annonce des défis sélectionnés, le "
            "10 avril 2026 à 12:00 (heure de Paris). Pour revenir sur une décision, reportez d'abord cette "
            "annonce dans le calendrier de la promotion.",
        ),
    ],
)
def test_refusals_of_the_enforced_steps_in_french(cohort, step, now, message):
    with translation.override("fr"):
        assert cohort.window(step).refusal(now) == message


def test_a_stored_time_with_seconds_is_read_as_its_minute():
    # Dates written by code may carry seconds: a deadline at 23:59:30 is shown, and enforced, as 23:59.
    cohort = CohortFactory(**{**EXACT_CALENDAR, "projects_call_closes_at": paris(2026, 3, 20, 23, 59, 30, 5)})
    window = cohort.window(Step.PROJECTS_CALL)

    assert window.deadline == paris(2026, 3, 20, 23, 59)
    assert window.is_open(paris(2026, 3, 21) - MICROSECOND) is True
    assert window.is_open(paris(2026, 3, 21)) is False
    assert list(Cohort.objects.with_window_open(Step.PROJECTS_CALL, paris(2026, 3, 21) - MICROSECOND)) == [cohort]
    assert list(Cohort.objects.with_window_open(Step.PROJECTS_CALL, paris(2026, 3, 21))) == []


def test_an_opening_with_seconds_opens_at_its_minute():
    cohort = CohortFactory(**{**EXACT_CALENDAR, "wishes_open_at": paris(2026, 5, 11, 9, 0, 42)})

    assert cohort.window(Step.WISHES).opens_at == paris(2026, 5, 11, 9)
    assert list(Cohort.objects.with_window_open(Step.WISHES, paris(2026, 5, 11, 9))) == [cohort]


def test_acceptance_closes_after_its_delay_in_sql_too():
    cohort = CohortFactory(**{**EXACT_CALENDAR, "acceptance_days": 3})
    last_minute = paris(2026, 7, 3, 12)

    assert cohort.window(Step.ACCEPTANCE).deadline == last_minute
    assert list(Cohort.objects.with_window_open(Step.ACCEPTANCE, last_minute + MINUTE - MICROSECOND)) == [cohort]
    assert list(Cohort.objects.with_window_open(Step.ACCEPTANCE, last_minute + MINUTE)) == []


@pytest.mark.parametrize(
    ("now", "phase"),
    [
        (paris(2026, 1, 26, 9) - MICROSECOND, Phase.UPCOMING),
        (paris(2026, 1, 26, 9), Phase.PROJECTS_CALL),
        (paris(2026, 3, 20, 23, 59, 59, 999999), Phase.CANDIDATES_CALL),
        (paris(2026, 3, 21), Phase.CHALLENGE_SELECTION),
        (paris(2027, 7, 13, 18, 0, 59, 999999), Phase.PROGRAMME),
        (paris(2027, 7, 13, 18, 1), Phase.FINISHED),
    ],
)
def test_phase_at_the_edges(cohort, now, phase):
    assert cohort.phase(now) == phase


def test_steps_are_the_windows_in_calendar_order(cohort):
    assert [window.step for window in cohort.steps()] == list(Step)
    assert [window.phase for window in cohort.steps()] == [Phase(step.value) for step in Step]


def test_windows_by_name_for_templates(cohort):
    assert cohort.windows["wishes"] == cohort.window(Step.WISHES)
    with pytest.raises(KeyError):
        cohort.windows["unknown"]
