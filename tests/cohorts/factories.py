import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
from cohorts.models import Cohort, GridStage, ScoringCriterion
from cohorts.services import scoring_grids_seed

DAY = TYPICAL_OFFSETS_DAYS  # Days after the projects call opens, in a typical calendar.

# Named moments of a typical calendar, in days after the projects call opens: `CohortFactory(phase=…)`
# places "now" there. Each is at least a day away from every date of the calendar, and
# tests/cohorts/test_factories.py checks the windows open at each (and the cohort's derived phase).
# The calls overlap: the candidates call opens before the projects call closes, and the challenge
# selection runs during the candidates call.
PHASE_DAYS = {
    "upcoming": -30,  # Nothing has opened yet.
    "projects_call": DAY["projects_call_opens_at"] + 20,  # The projects call alone.
    "both_calls": DAY["candidates_call_opens_at"] + 10,  # The projects call and the candidates call.
    # The projects call has closed; the candidates call and the challenge selection are open.
    "challenge_selection": DAY["projects_call_closes_at"] + 7,
    "candidates_call": DAY["projects_call_closes_at"] + 7,
    "candidates_call_end": DAY["challenges_selected_at"] + 5,  # The candidates call alone, challenges selected.
    "preselection": DAY["candidates_call_closes_at"] + 5,  # The call is closed, the results are not out yet.
    "before_wishes": DAY["preselection_results_at"] + 2,  # Pre-selection results out, wishes not open yet.
    "wishes": DAY["wishes_open_at"] + 3,  # Challenges revealed, wishes open.
    "after_wishes": DAY["wishes_close_at"] + 4,  # Wishes closed, auditions not started.
    "auditions": DAY["auditions_start_at"] + 3,
    "deliberation": DAY["auditions_end_at"] + 10,
    "acceptance": DAY["results_at"] + 5,  # Results out, offers being accepted.
    "programme": DAY["programme_starts_at"] + 169,
    "finished": DAY["programme_ends_at"] + 367,
}


def phase_days(phase: str) -> float:
    """Days after the projects call opens at which "now" is inside `phase` (a key of PHASE_DAYS)."""
    try:
        return PHASE_DAYS[phase]
    except KeyError:
        raise ValueError(f"Unknown phase {phase!r}: choose one of {', '.join(PHASE_DAYS)}.") from None


def cohort_dates(*, days_since_start: float, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """A typical calendar placed so that `now` falls `days_since_start` days after the projects call opens."""
    now = now or timezone.now()
    return typical_calendar(now - dt.timedelta(days=days_since_start))


def cohort_move_to(cohort: Cohort, *, phase: str) -> None:
    """Move the cohort's whole calendar so that now falls in `phase` (a key of PHASE_DAYS). A live server
    cannot move time, so a browser test that follows a cohort through several phases moves its calendar:
    the pages read it from the database on every request."""
    Cohort.objects.filter(pk=cohort.pk).update(**cohort_dates(days_since_start=phase_days(phase)))
    cohort.refresh_from_db()


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda o: f"EIG {o.number}")

    class Params:
        # Where "now" falls in the cohort's calendar: a named moment (a key of PHASE_DAYS), or, for a test
        # that pins an exact offset (an edge), the days since the projects call opened. The default is
        # "both_calls": the projects call and the candidates call are open.
        phase = None
        days_since_start = None

    @factory.post_generation
    def grids(obj, create, extracted, **kwargs):
        """The real programme's scoring grids (pass grids=False for none)."""
        if create and extracted is not False:
            scoring_grids_seed(cohort=obj)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        phase, days = kwargs.pop("phase"), kwargs.pop("days_since_start")
        if phase is not None and days is not None:
            raise TypeError("CohortFactory takes phase or days_since_start, not both.")
        if days is None:
            days = phase_days(phase or "both_calls")
        dates = cohort_dates(days_since_start=days)
        return {**dates, **kwargs}


Scores = int | list[int] | dict[int, int]


def grid_scores(cohort: Cohort, stage: GridStage, scores: Scores) -> dict[int, int]:
    """A score for every criterion of the cohort's grid for `stage`, keyed by criterion id as the scoring
    services take them, from one score for every criterion, a list in the grid's order or that dict itself."""
    if isinstance(scores, dict):
        return scores
    criteria = ScoringCriterion.objects.for_stage(cohort, stage)
    if isinstance(scores, int):
        return {criterion.pk: scores for criterion in criteria}
    return {criterion.pk: score for criterion, score in zip(criteria, scores, strict=True)}


PARIS = ZoneInfo("Europe/Paris")


def paris(year, month, day, hour=0, minute=0, second=0, microsecond=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=PARIS)


# A calendar on whole minutes, as the admin stores it: calls and wishes close at 23:59 Paris time.
EXACT_CALENDAR = {
    "projects_call_opens_at": paris(2026, 1, 26, 9),
    "projects_call_closes_at": paris(2026, 3, 20, 23, 59),
    "challenges_selected_at": paris(2026, 4, 10, 12),
    "candidates_call_opens_at": paris(2026, 3, 9, 9),
    "candidates_call_closes_at": paris(2026, 4, 21, 23, 59),
    "preselection_results_at": paris(2026, 5, 6, 12),
    "wishes_open_at": paris(2026, 5, 11, 9),
    "wishes_close_at": paris(2026, 5, 17, 23, 59),
    "auditions_start_at": paris(2026, 6, 9, 9),
    "auditions_end_at": paris(2026, 6, 15, 19),
    "results_at": paris(2026, 6, 30, 12),
    "acceptance_days": 15,
    "programme_starts_at": paris(2026, 9, 14, 9),
    "programme_ends_at": paris(2027, 7, 13, 18),
}

MICROSECOND = dt.timedelta(microseconds=1)
MINUTE = dt.timedelta(minutes=1)


def window_instants(opening: dt.datetime, last_minute: dt.datetime) -> list[tuple[str, dt.datetime, bool]]:
    """The four instants every window is pinned at, with whether it is open then: just before its
    opening, its opening, the very end of the minute shown as its end, and the next minute."""
    return [
        ("opening - 1 µs", opening - MICROSECOND, False),
        ("opening", opening, True),
        ("last minute + 59.999999 s", last_minute + MINUTE - MICROSECOND, True),
        ("last minute + 60 s", last_minute + MINUTE, False),
    ]
