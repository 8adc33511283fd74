"""The collective sessions' pages (docs/fellowship.md, « Collective sessions »): « Mes sessions » of a fellow
or a mentor with their private feed, the feed itself, staff's list of a cohort's sessions and a session's
attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cohorts.models import Cohort
from eig.dates import paris_date
from eig.feeds import feed_renewal
from eig.gate import PROGRAMME_STAFF, gate, role_rule
from eig.ics import ics_response
from eig.models import Role
from fellowship.forms_sessions import AttendanceForm
from fellowship.models import Session, SessionFeed
from fellowship.sessions import (
    attendance_record,
    cohort_sessions,
    expected_people,
    sessions_for,
    sessions_ics,
    upcoming_and_past,
    user_of_session_feed,
)

# « Mes sessions »: fellows and mentors (no second factor: they see only their own sessions).
SESSION_PEOPLE = role_rule(Role.FELLOW, Role.MENTOR)
FEED_FILENAME = "sessions-eig.ics"


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


def session_get(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("cohort"), pk=pk)


# --- Fellows and mentors -----------------------------------------------------------------------------------


@never_cache
@gate(SESSION_PEOPLE)
def my_sessions(request):
    """Their upcoming and past sessions, and their private feed's address: created or renewed (POST),
    shown once; the old one stops working."""
    upcoming, past = upcoming_and_past(sessions_for(request.user))
    context = {
        **feed_renewal(request, SessionFeed, owner_field="user", url_name="fellowship:session_feed"),
        "upcoming": upcoming,
        "past": past,
        "page_title": _("Mes sessions"),
        "breadcrumb_data": {"current": _("Mes sessions")},
    }
    return render(request, "fellowship/sessions/mine.html", context)


@never_cache
@gate(SESSION_PEOPLE)
def my_sessions_ics(request):
    return ics_response(sessions_ics(request.user), FEED_FILENAME)


@never_cache
def session_feed(request, token: str):
    """The person's private ICS feed (a public address, opened by its token alone; 404 otherwise)."""
    user = user_of_session_feed(token)
    if user is None:
        raise Http404
    return ics_response(sessions_ics(user), FEED_FILENAME)


# --- Staff -----------------------------------------------------------------------------------------------------


@gate(PROGRAMME_STAFF, load=cohort_get)
def staff_sessions(request, cohort: Cohort):
    """The cohort's sessions with their attendance counts; sessions are added and changed in the admin."""
    title = _("Sessions collectives — %(name)s") % {"name": cohort.name}
    context = {
        "cohort": cohort,
        "sessions": cohort_sessions(cohort),
        "add_url": f"{reverse('admin:fellowship_session_add')}?cohort={cohort.pk}",
        "page_title": title,
        "breadcrumb_data": {"current": _("Sessions collectives")},
    }
    return render(request, "fellowship/sessions/staff_list.html", context)


@gate(PROGRAMME_STAFF, load=session_get)
def session_attendance(request, session: Session):
    """One row per person expected, present, excused or absent; a POST saves them all, or none (each
    error in French, what was chosen kept)."""
    people = list(expected_people(session))
    recorded = dict(session.attendances.values_list("user_id", "status"))
    form = AttendanceForm(request.POST or None, people=people, recorded=recorded)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attendance_record(session=session, statuses=form.statuses(), by=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Les présences de « %(title)s » sont enregistrées.") % {"title": session})
                return redirect("fellowship:staff_sessions", cohort_pk=session.cohort_id)
        status = 400
    list_url = reverse("fellowship:staff_sessions", args=[session.cohort_id])
    context = {
        "session": session,
        "form": form,
        "people": people,
        "list_url": list_url,
        "page_title": _("Présences — %(title)s, %(date)s")
        % {"title": session.title, "date": paris_date(session.starts_at)},
        "breadcrumb_data": {
            "links": [
                {"url": list_url, "title": _("Sessions collectives — %(name)s") % {"name": session.cohort.name}}
            ],
            "current": _("Présences"),
        },
    }
    return render(request, "fellowship/sessions/attendance.html", context, status=status)
