"""Dates in Paris time: the minute rule of every deadline, and local times that a change of clocks
makes impossible or ambiguous.

The minute rule (docs/calendar.md): every date of the calendar is shown to the minute (« 23:59 »),
so a step that ends at a date accepts what arrives during that whole minute (until 23:59:59.999999)
and is closed from the next one (00:00:00); a step that starts at a date is open from the first
instant of that minute. The cohorts' window API (cohorts/windows.py) and the reminder engine both
read deadlines through these functions, so that a deadline means the same thing everywhere.
Dates are shown by `paris_datetime` and `paris_date` here (the template filters of the same names
present them), so that the kernel and the apps show them without importing template tags.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

PARIS = ZoneInfo("Europe/Paris")
ONE_MINUTE = dt.timedelta(minutes=1)


def minute_start(instant: dt.datetime) -> dt.datetime:
    """The first instant of the minute `instant` falls in (the minute it is shown as)."""
    return instant.replace(second=0, microsecond=0)


def minute_end(instant: dt.datetime) -> dt.datetime:
    """The first instant after the minute `instant` is shown as: when a deadline at `instant` has passed."""
    return minute_start(instant) + ONE_MINUTE


def deadline_has_passed(deadline: dt.datetime, now: dt.datetime) -> bool:
    """A deadline shown as 23:59 still accepts what arrives at 23:59:59.999999; it has passed at 00:00."""
    return now >= minute_end(deadline)


def passed_deadlines_cutoff(now: dt.datetime) -> dt.datetime:
    """The query form of `deadline_has_passed`: the deadlines strictly before this instant have passed
    at `now` (filter `deadline__lt=cutoff`), the others have not (`deadline__gte=cutoff`)."""
    return minute_start(now)


def paris_datetime(value: dt.datetime | None) -> str:
    """A date and time in Europe/Paris, with the time zone named: « 19 avril 2022 à 23:59 (heure de Paris) »."""
    if not value:
        return ""
    local = value.astimezone(PARIS)
    return _("%(date)s à %(time)s (heure de Paris)") % {
        "date": formats.date_format(local, "j F Y"),
        "time": formats.time_format(local, "H:i"),
    }


def paris_date(value: dt.datetime | None) -> str:
    if not value:
        return ""
    return formats.date_format(value.astimezone(PARIS), "j F Y")


@dataclass(frozen=True)
class NonExistentTime:
    """A local time skipped when clocks go forward: `last_before` and `first_after` are the nearest minutes
    that exist on either side."""

    last_before: dt.datetime
    first_after: dt.datetime


@dataclass(frozen=True)
class AmbiguousTime:
    """A local time lived twice when clocks go back: first with the summer offset, then with the winter one."""

    first_offset: dt.timedelta
    second_offset: dt.timedelta


def _exists(local: dt.datetime, zone: ZoneInfo) -> bool:
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local.replace(fold=0)


def local_time_problem(local: dt.datetime, zone: ZoneInfo = PARIS) -> NonExistentTime | AmbiguousTime | None:
    """Whether the naive wall-clock time `local` does not exist in `zone` (spring forward) or exists twice
    (fall back). None when it names exactly one instant."""
    local = local.replace(tzinfo=None)
    if not _exists(local, zone):
        before, after = local, local
        while not _exists(before, zone):
            before -= ONE_MINUTE
        while not _exists(after, zone):
            after += ONE_MINUTE
        return NonExistentTime(last_before=minute_start(before), first_after=minute_start(after))
    first = local.replace(fold=0, tzinfo=zone).utcoffset()
    second = local.replace(fold=1, tzinfo=zone).utcoffset()
    if first != second:
        return AmbiguousTime(first_offset=first, second_offset=second)
    return None
