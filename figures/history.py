"""The cohort beside the previous ones (the staff dashboard): the same figures for each, from what
every cohort keeps after the retention purges (anonymous records)."""

import datetime as dt

from cohorts.models import Cohort


def cohorts_comparison(cohort: Cohort, *, now: dt.datetime):
    return None
