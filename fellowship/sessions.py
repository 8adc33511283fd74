"""The collective sessions of a cohort (docs/fellowship.md, « Collective sessions »): who is expected at
each one, each person's sessions and their private calendar feed, staff's changes (SEQUENCE raised when
the time or the place changes) and the attendance staff record.

A person is expected at a session of a cohort when the session's audience includes them: the fellows of
that cohort (`Fellow`), its mentors (a `Mentor` of one of its challenges whose invitation was accepted),
or both. Every read here is a constant number of queries, however many sessions or people.
"""

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Event

from eig.feeds import feed_owner, feed_renew
from eig.ics import calendar_text, timed_event
from eig.models import User
from eig.permissions import is_programme_staff
from fellowship.models import Attendance, AttendanceStatus, Audience, Fellow, Mentor, Session, SessionFeed

FELLOW_AUDIENCES = (Audience.FELLOWS, Audience.BOTH)
MENTOR_AUDIENCES = (Audience.MENTORS, Audience.BOTH)
# A change of one of these is a change of the event in everyone's calendar: its SEQUENCE is raised.
CALENDAR_FIELDS = frozenset({"starts_at", "ends_at", "place", "video_link"})
PRODID = "-//Entrepreneurs d'intérêt général//Sessions collectives//FR"
MY_SESSIONS_URL_NAME = "fellowship:my_sessions"


def accepted_mentors() -> QuerySet[Mentor]:
    """The mentors who accepted their invitation (an account is then linked)."""
    return Mentor.objects.filter(accepted_at__isnull=False, user__isnull=False)


# --- Who is expected ------------------------------------------------------------------------------------


def expected_condition(user_id: int) -> Q:
    """On sessions: those at which this person is expected."""
    fellow = Fellow.objects.filter(cohort=OuterRef("cohort"), user_id=user_id)
    mentor = accepted_mentors().filter(challenge__cohort=OuterRef("cohort"), user_id=user_id)
    return Q(Exists(fellow), audience__in=FELLOW_AUDIENCES) | Q(Exists(mentor), audience__in=MENTOR_AUDIENCES)


def expected_people(session: Session) -> QuerySet[User]:
    """The people expected at the session, by name."""
    condition = Q()
    if session.audience in FELLOW_AUDIENCES:
        condition |= Q(Exists(Fellow.objects.filter(cohort_id=session.cohort_id, user=OuterRef("pk"))))
    if session.audience in MENTOR_AUDIENCES:
        condition |= Q(Exists(accepted_mentors().filter(challenge__cohort_id=session.cohort_id, user=OuterRef("pk"))))
    if not condition:
        return User.objects.none()
    return User.objects.filter(condition).order_by("last_name", "first_name", "email", "pk")


def expected_pairs(session_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(user id, session id) of everyone expected at these sessions, in two queries."""
    sessions = Session.objects.filter(pk__in=list(session_ids))
    fellows = sessions.filter(audience__in=FELLOW_AUDIENCES, cohort__fellows__isnull=False).values_list(
        "cohort__fellows__user_id", "pk"
    )
    mentors = sessions.filter(
        audience__in=MENTOR_AUDIENCES,
        cohort__challenges__mentors__accepted_at__isnull=False,
        cohort__challenges__mentors__user__isnull=False,
    ).values_list("cohort__challenges__mentors__user_id", "pk")
    return set(fellows) | set(mentors)


# --- A person's sessions and their feed -------------------------------------------------------------------


def sessions_for(user) -> QuerySet[Session]:
    """The sessions of every cohort in which `user` is a fellow or a mentor, for their audience, in time
    order, each with the person's own attendance (`my_attendance`: a status, or None): one query."""
    mine = Attendance.objects.filter(session=OuterRef("pk"), user_id=user.pk).values("status")[:1]
    return (
        Session.objects.filter(expected_condition(user.pk))
        .annotate(my_attendance=Subquery(mine))
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )


def upcoming_and_past(sessions: Iterable[Session], now=None) -> tuple[list[Session], list[Session]]:
    """The sessions not ended yet (soonest first) and the ended ones (latest first), each past one with
    the person's attendance as a status (`my_status`, or None) when `sessions` come from `sessions_for`."""
    now = now or timezone.now()
    sessions = list(sessions)
    past = [session for session in reversed(sessions) if session.ends_at <= now]
    for session in past:
        recorded = getattr(session, "my_attendance", None)
        session.my_status = AttendanceStatus(recorded) if recorded else None
    return [session for session in sessions if session.ends_at > now], past


def next_sessions(user, count: int = 3) -> list[Session]:
    """The person's next sessions (not ended yet), for their space (fellowship/sessions/_upcoming.html,
    as `upcoming_sessions`): one query."""
    return list(sessions_for(user).filter(ends_at__gt=timezone.now())[:count])


def session_uid(session: Session) -> str:
    """The session's UID in every calendar: its pk on this site's domain, never changed."""
    return f"session-{session.pk}@{urlsplit(settings.SITE_URL).hostname}"


def my_sessions_url() -> str:
    return f"{settings.SITE_URL}{reverse(MY_SESSIONS_URL_NAME)}"


def session_summary(session: Session) -> str:
    return _("%(title)s (obligatoire)") % {"title": session.title} if session.mandatory else session.title


def session_event(session: Session, *, stamp=None) -> Event:
    """The session as a VEVENT: LOCATION is its place, or its video link when it has none; URL its video
    link, or the person's sessions page."""
    event = timed_event(
        uid=session_uid(session),
        sequence=session.sequence,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        stamp=stamp,
    )
    event.add("summary", session_summary(session))
    event.add("location", session.place or session.video_link)
    event.add("url", session.video_link or my_sessions_url())
    description = [session.description] if session.description else []
    if session.video_link:
        description.append(_("Lien de visioconférence : %(link)s") % {"link": session.video_link})
    if session.mandatory:
        description.append(_("Cette session est obligatoire."))
    if description:
        event.add("description", "\n\n".join(description))
    event.add("status", "CONFIRMED")
    return event


def sessions_ics(user, sessions: Iterable[Session] | None = None) -> str:
    """The person's calendar of their sessions (all of them unless given), in their language."""
    sessions = sessions_for(user) if sessions is None else sessions
    stamp = timezone.now()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        events = [session_event(session, stamp=stamp) for session in sessions]
        return calendar_text(events, prodid=PRODID, name=_("Mes sessions EIG"))


def session_feed_renew(user) -> str:
    """Give the person a new feed address and return its token (shown once): the old one stops working."""
    return feed_renew(SessionFeed, owner_field="user", owner=user)


def user_of_session_feed(token: str):
    """The active person whose sessions feed this token opens, or None."""
    return feed_owner(SessionFeed, token, owner_field="user")


def cohort_sessions(cohort) -> list[Session]:
    """Staff's list: the cohort's sessions in time order, each with its attendance counts (`present`,
    `excused`, `absent`) and the number of people expected (`expected_count`): three queries."""
    counts = {
        f"{status}_count": Count("attendances", filter=Q(attendances__status=status))
        for status in AttendanceStatus.values
    }
    sessions = list(Session.objects.filter(cohort=cohort).annotate(**counts).order_by("starts_at", "pk"))
    fellows = set(Fellow.objects.filter(cohort=cohort).values_list("user_id", flat=True))
    mentors = set(accepted_mentors().filter(challenge__cohort=cohort).values_list("user_id", flat=True))
    expected = {Audience.FELLOWS: len(fellows), Audience.MENTORS: len(mentors), Audience.BOTH: len(fellows | mentors)}
    for session in sessions:
        session.expected_count = expected[session.audience]
    return sessions


# --- Staff's writes -----------------------------------------------------------------------------------------


def session_save(*, session: Session, changed: Iterable[str]) -> Session:
    """Save a session staff added or changed; a change of its time or place raises its SEQUENCE, so that
    calendars that already hold it take the new version."""
    if not session._state.adding and CALENDAR_FIELDS & set(changed):
        session.sequence += 1
    session.save()
    return session


@transaction.atomic
def attendance_record(*, session: Session, statuses: Mapping[int, str], by) -> list[Attendance]:
    """Record the attendance of people expected at the session (`statuses`: user id → status), replacing
    what was recorded for them. Refused (ValidationError, nothing saved) for an unknown status or someone
    not expected; PermissionDenied unless `by` is programme staff."""
    if not is_programme_staff(by):
        raise PermissionDenied
    unknown = sorted(str(status) for status in statuses.values() if status not in AttendanceStatus.values)
    if unknown:
        raise ValidationError(_("Présence inconnue : %(values)s.") % {"values": ", ".join(unknown)})
    expected = set(expected_people(session).filter(pk__in=list(statuses)).values_list("pk", flat=True))
    strangers = sorted(set(statuses) - expected)
    if strangers:
        names = User.objects.filter(pk__in=strangers).order_by("pk")
        listed = ", ".join(person.get_full_name() or person.email for person in names) or ", ".join(
            map(str, strangers)
        )
        raise ValidationError(
            _("Ces personnes ne sont pas attendues à cette session : %(names)s.") % {"names": listed},
            code="not_expected",
        )
    rows = [
        Attendance(session=session, user_id=user_id, status=status, recorded_by=by)
        for user_id, status in sorted(statuses.items())
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["session", "user"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
