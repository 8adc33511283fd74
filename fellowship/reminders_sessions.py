"""The reminder of each collective session, the day before it, to everyone expected there (the session's
fellows and/or mentors, fellowship.sessions.expected_people), once each: a rule of the reminder engine
(eig/reminders), registered from fellowship/reminders.py.

In the ledger: the scope and the object are the session, the deadline its start. A session moved to
another time gets its reminder again before the new time (the old row is cancelled, the deadline having
changed); someone no longer expected (their audience changed) no longer gets it.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eig.dates import passed_deadlines_cutoff
from eig.reminders.registry import Before, Due, DueReminders, ReminderRule, register
from fellowship.models import Session
from fellowship.sessions import MY_SESSIONS_URL_NAME, expected_condition, expected_pairs

ONE_DAY = dt.timedelta(days=1)


class SessionsAhead:
    """The schedule of the session rules: the sessions starting within the next two days (one query),
    which covers every session whose eve has come."""

    def load(self, rules: Sequence["SessionRule"], now: dt.datetime) -> list[Session]:
        return list(
            Session.objects.filter(starts_at__gte=passed_deadlines_cutoff(now), starts_at__lt=now + 2 * ONE_DAY)
        )


SESSIONS_AHEAD = SessionsAhead()


@dataclass(frozen=True)
class SessionRule(ReminderRule):
    """A reminder before each session's start, to everyone expected at it."""

    scope_type: ClassVar[str] = "fellowship.session"
    scope_cohort: ClassVar[str] = "cohort"

    @property
    def schedule(self) -> SessionsAhead:
        return SESSIONS_AHEAD

    def due(self, loaded: list[Session], now: dt.datetime) -> DueReminders:
        points = {}
        for session in loaded:
            point = self.point_due(session, session.starts_at, now)
            if point is not None:
                points[session.pk] = (session.starts_at, point)
        if not points:
            return DueReminders()
        reminders = [
            Due(user_id, session_id, session_id, *points[session_id])
            for user_id, session_id in sorted(expected_pairs(points))
        ]
        return DueReminders(frozenset(points), tuple(reminders))

    def deadline_is_current(self) -> Q:
        """The row's session still starts at the row's deadline."""
        return Q(Exists(Session.objects.filter(pk=OuterRef("scope_id"), starts_at=OuterRef("deadline"))))

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        session = (
            Session.objects.filter(expected_condition(delivery.recipient_id))
            .filter(pk=delivery.scope_id, starts_at=delivery.deadline)
            .select_related("cohort")
            .first()
        )
        return None if session is None else {"object": session, "session": session, "cohort": session.cohort}


SESSION_EVE = register(
    SessionRule(
        key="session_eve",
        send_points=(Before(days=1),),
        object_type="fellowship.session",
        template="emails/fellowship/reminder_session",
        action_url=lambda session_id: reverse(MY_SESSIONS_URL_NAME),
        reason=_("Vous recevez ce message parce que vous êtes attendu·e à cette session collective du programme EIG."),
    )
)
