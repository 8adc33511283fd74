import datetime as dt

from django.utils import timezone

from cohorts.models import Cohort
from cohorts.windows import Step


def cohort_current(*, now: dt.datetime | None = None) -> Cohort | None:
    return Cohort.objects.current(now or timezone.now())


def cohort_past(*, now: dt.datetime | None = None) -> list[Cohort]:
    """Cohorts whose programme is over, most recent first."""
    return list(Cohort.objects.with_window_closed(Step.PROGRAMME, now or timezone.now()).order_by("-number"))
