"""The jurors' calendars: their private ICS feed (a secret address whose token's digest only is stored,
renewed on demand: the old address dies) and the .ics of their auditions of one day, attached to the
day's schedule e-mail (auditions/reminders.py). A juror's auditions are those their time is held for
(`JurorBooking`: every booked, not cancelled audition of the juries they sit on); those they recused
from are in the calendar without the candidate's name."""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from auditions.ics import calendar_ics
from auditions.models import Audition, Declaration, JurorFeed, Link
from eig.dates import PARIS
from eig.feeds import feed_owner, feed_renew


def juror_auditions(juror_id: int) -> QuerySet[Audition]:
    """The booked auditions the juror sits in, in time order."""
    return (
        Audition.objects.filter(juror_bookings__juror_id=juror_id)
        .select_related("challenge", "application__candidate", "application__cohort")
        .order_by("starts_at", "pk")
    )


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of a Paris day and of the next one."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=PARIS)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=PARIS)


def juror_day_auditions(juror_id: int, day: dt.date) -> list[Audition]:
    start, end = day_bounds(day)
    return list(juror_auditions(juror_id).filter(starts_at__gte=start, starts_at__lt=end))


def juror_ics(juror, auditions: list[Audition]) -> str:
    """The juror's calendar of these auditions, in their language; the recused ones without the candidate."""
    recused = frozenset(
        Declaration.objects.filter(juror=juror, audition__in=auditions)
        .exclude(link=Link.NONE)
        .values_list("audition_id", flat=True)
    )
    return calendar_ics(auditions, name=_("Mes auditions EIG"), without_candidate=recused, language=juror.language)


# --- The private feed (eig.feeds) -------------------------------------------------------------------------


def juror_feed_renew(*, juror) -> str:
    """Give the juror a new feed address and return its token (shown once): the old one stops working."""
    return feed_renew(JurorFeed, owner_field="juror", owner=juror)


def juror_of_feed(token: str):
    """The active juror whose feed this token opens, or None."""
    return feed_owner(JurorFeed, token, owner_field="juror", is_juror=True)
