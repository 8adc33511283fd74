import datetime as dt
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
from cohorts.models import Cohort
from cohorts.services import scoring_grids_seed


def cohort_dates(*, days_since_start: float, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """A typical calendar placed so that `now` falls `days_since_start` days after the projects call opens."""
    now = now or timezone.now()
    return typical_calendar(now - dt.timedelta(days=days_since_start))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda o: f"EIG {o.number}")

    class Params:
        # Days since the projects call opened; the default puts "now" in the candidates call.
        days_since_start = TYPICAL_OFFSETS_DAYS["candidates_call_opens_at"] + 10

    @factory.post_generation
    def grids(obj, create, extracted, **kwargs):
        """The real programme's scoring grids (pass grids=False for none)."""
        if create and extracted is not False:
            scoring_grids_seed(cohort=obj)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        dates = cohort_dates(days_since_start=kwargs.pop("days_since_start"))
        return {**dates, **kwargs}


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
