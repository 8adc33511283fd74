"""Demo data of the cohorts: a current cohort whose candidates call is open today, a past one (EIG 6,
on its real calendar), with their scoring grids and challenge jury, a cohort in its auditions (EIG 9)
and a cohort whose results are out, its laureates answering their offers (EIG 8). Idempotent."""

import datetime as dt

from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
from cohorts.models import Cohort
from cohorts.services import scoring_grids_seed
from eig.dates import PARIS
from eig.models import User


def _paris(year, month, day, hour=0, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# EIG 6, 2022: the real calendar of the programme's public documents.
PAST_COHORT = {
    "number": 6,
    "name": "EIG 6",
    "projects_call_opens_at": _paris(2022, 1, 24, 9),
    "projects_call_closes_at": _paris(2022, 3, 18, 23, 59),
    "challenges_selected_at": _paris(2022, 4, 8, 12),
    "candidates_call_opens_at": _paris(2022, 3, 7, 9),
    "candidates_call_closes_at": _paris(2022, 4, 19, 23, 59),
    "preselection_results_at": _paris(2022, 5, 4, 12),
    "wishes_open_at": _paris(2022, 5, 9, 9),
    "wishes_close_at": _paris(2022, 5, 15, 23, 59),
    "auditions_start_at": _paris(2022, 6, 7, 9),
    "auditions_end_at": _paris(2022, 6, 13, 19),
    "results_at": _paris(2022, 6, 28, 12),
    "programme_starts_at": _paris(2022, 9, 12, 9),
    "programme_ends_at": _paris(2023, 7, 11, 18),
}


AUDITIONS_COHORT_NUMBER = 9


def _calendar_around(now: dt.datetime, *, date: str, days_ago: int) -> dict[str, dt.datetime]:
    """A typical calendar in which the cohort's `date` fell `days_ago` days ago, at 9:00 Paris time."""
    today = now.astimezone(PARIS).replace(hour=9, minute=0, second=0, microsecond=0)
    dates = typical_calendar(today - dt.timedelta(days=TYPICAL_OFFSETS_DAYS[date] + days_ago))
    # Calls close at 23:59 Paris time, as the real ones do.
    for field in ("projects_call_closes_at", "candidates_call_closes_at", "wishes_close_at"):
        dates[field] = dates[field].astimezone(PARIS).replace(hour=23, minute=59)
    return dates


def current_cohort_calendar(now: dt.datetime) -> dict[str, dt.datetime]:
    """A calendar in which the candidates call opened ten days ago: it is open today."""
    return _calendar_around(now, date="candidates_call_opens_at", days_ago=10)


def auditions_cohort_calendar(now: dt.datetime) -> dict[str, dt.datetime]:
    """A calendar in which the auditions began three days ago at 9:00 and end in three days at 19:00."""
    dates = _calendar_around(now, date="auditions_start_at", days_ago=3)
    dates["auditions_end_at"] = dates["auditions_end_at"].astimezone(PARIS).replace(hour=19)
    return dates


def auditions_cohort_seed(*, now: dt.datetime) -> Cohort:
    """Create or update the demo cohort in its auditions phase (EIG 9), with its scoring grids."""
    cohort, _ = Cohort.objects.update_or_create(
        number=AUDITIONS_COHORT_NUMBER, defaults={"name": "EIG 9", **auditions_cohort_calendar(now)}
    )
    scoring_grids_seed(cohort=cohort)
    return cohort


FELLOWSHIP_COHORT_NUMBER = 8
# EIG 8 runs its challenges with the programme's usual two fellows: a third needs a derogation.
FELLOWSHIP_USUAL_POSITIONS = 2


def fellowship_cohort_calendar(now: dt.datetime) -> dict[str, dt.datetime]:
    """A calendar in which the results were published twelve days ago: the laureates are answering their
    offers, the programme starts in about two months."""
    return _calendar_around(now, date="results_at", days_ago=12)


def fellowship_cohort_seed(*, now: dt.datetime) -> Cohort:
    """Create or update the demo cohort whose results are out (EIG 8), with its scoring grids."""
    cohort, _ = Cohort.objects.update_or_create(
        number=FELLOWSHIP_COHORT_NUMBER,
        defaults={
            "name": "EIG 8",
            "usual_positions_min": FELLOWSHIP_USUAL_POSITIONS,
            "usual_positions_max": FELLOWSHIP_USUAL_POSITIONS,
            **fellowship_cohort_calendar(now),
        },
    )
    scoring_grids_seed(cohort=cohort)
    return cohort


def cohorts_seed(*, now: dt.datetime, challenge_juror: User) -> tuple[Cohort, Cohort]:
    """Create or update the past and the current demo cohorts: (past, current)."""
    past, _ = Cohort.objects.update_or_create(number=PAST_COHORT["number"], defaults=PAST_COHORT)
    current, _ = Cohort.objects.update_or_create(
        number=10, defaults={"name": "EIG 10", **current_cohort_calendar(now)}
    )
    for cohort in (past, current):
        scoring_grids_seed(cohort=cohort)
        cohort.challenge_jurors.add(challenge_juror)
    return past, current
