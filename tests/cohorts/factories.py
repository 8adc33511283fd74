import datetime as dt

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
