"""The jurors' day schedule: the day before each day they audition, an e-mail listing that day's
auditions of their juries with an .ics of them, once per (juror, day). A reminder rule of the engine
(eig/reminders) whose deadline is not a cohort date but the start of the juror's audition day (00:00,
Paris time), registered in auditions/reminders.py.

In the ledger: the recipient is the juror, the object the day (its proleptic ordinal, `date.toordinal()`),
the scope the cohort, the deadline the day's first instant. A juror whose auditions of that day are all
moved away or cancelled before the e-mail leaves no longer gets it (the re-check); a day that gains or
loses an audition still gets one e-mail, listing what the day holds when it is sent.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q

from auditions.calendars import day_bounds, juror_day_auditions, juror_ics
from auditions.ics import ics_attachment
from auditions.models import JurorBooking
from eig.dates import PARIS
from eig.reminders.registry import Due, DueReminders, ReminderRule

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class EveAt:
    """Send the day before the deadline's day, at `hour`:00 in Paris."""

    hour: int

    @property
    def label(self) -> str:
        return "eve"

    def send_at(self, scope, deadline: dt.datetime) -> dt.datetime:
        eve = deadline.astimezone(PARIS).date() - ONE_DAY
        return dt.datetime.combine(eve, dt.time(self.hour), tzinfo=PARIS)


class AuditionDays:
    """The schedule of the day rules: every juror's booking starting within the next two days (one
    query), which covers every day whose eve has come."""

    def load(self, rules: Sequence["JurorDayRule"], now: dt.datetime) -> list[tuple[int, dt.datetime, int]]:
        return list(
            JurorBooking.objects.filter(
                audition__starts_at__gte=now, audition__starts_at__lt=now + 2 * ONE_DAY
            ).values_list("juror_id", "audition__starts_at", "audition__application__cohort_id")
        )


AUDITION_DAYS = AuditionDays()


@dataclass(frozen=True)
class JurorDayRule(ReminderRule):
    scope_type: ClassVar[str] = "cohorts.cohort"
    scope_cohort: ClassVar[str] = "pk"

    @property
    def schedule(self) -> AuditionDays:
        return AUDITION_DAYS

    def due(self, loaded, now: dt.datetime) -> DueReminders:
        reminders = {}
        for juror_id, starts_at, cohort_id in loaded:
            day = starts_at.astimezone(PARIS).date()
            deadline = day_bounds(day)[0]
            point = self.point_due(None, deadline, now)
            if point is not None:
                reminders[juror_id, day] = Due(juror_id, day.toordinal(), cohort_id, deadline, point)
        return DueReminders(frozenset(reminder.scope_id for reminder in reminders.values()), tuple(reminders.values()))

    def deadline_is_current(self) -> Q:
        """The juror still has an audition on the row's day."""
        day_end = ExpressionWrapper(OuterRef("deadline") + ONE_DAY, output_field=DateTimeField())
        return Q(
            Exists(
                JurorBooking.objects.filter(
                    juror_id=OuterRef("recipient_id"),
                    audition__starts_at__gte=OuterRef("deadline"),
                    audition__starts_at__lt=day_end,
                )
            )
        )

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        auditions = juror_day_auditions(delivery.recipient_id, dt.date.fromordinal(delivery.object_id))
        if not auditions:
            return None
        return {"object": auditions[0], "auditions": auditions, "cohort": auditions[0].cohort}

    def attachments(self, delivery, about: dict) -> list[dict]:
        return [ics_attachment(juror_ics(delivery.recipient, about["auditions"]))]
