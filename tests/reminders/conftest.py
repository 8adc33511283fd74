import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cohorts.calendar import typical_calendar
from eig.reminders.services import reminders_sweep
from tests.cohorts.factories import CohortFactory

PARIS = ZoneInfo("Europe/Paris")
# The projects call of the time-travel cohort opens on Monday 7 January 2030 at 23:59, Paris time:
# it closes on 1 March 2030 at 23:59 (53 days later, the typical calendar).
PROJECTS_CALL_OPENS_AT = dt.datetime(2030, 1, 7, 23, 59, tzinfo=PARIS)
DAY = dt.timedelta(days=1)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def cohort():
    """A cohort on fixed dates (the typical calendar from PROJECTS_CALL_OPENS_AT), for time travel."""
    return CohortFactory(number=30, name="EIG 30", **typical_calendar(PROJECTS_CALL_OPENS_AT))


@pytest.fixture
def sweep_at(mailoutbox, django_capture_on_commit_callbacks):
    """Travel to `moment`, run the sweep (its deliveries run inline after the commit), and return the
    (recipients, subject) of the e-mails it sent, sorted."""

    def sweep(moment: dt.datetime) -> list[tuple[list[str], str]]:
        already = len(mailoutbox)
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            reminders_sweep()
        return sorted((message.to, message.subject) for message in mailoutbox[already:])

    return sweep
