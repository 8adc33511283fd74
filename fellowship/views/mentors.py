"""The mentor's space « Mon mentorat » (the teams they mentor) and the page of a mentor's invitation (a
link page, for people without an account too: eig.invitations)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from eig.gate import gate
from eig.invitations import invitation_page
from fellowship.fellows import mentor_accept, mentor_by_token
from fellowship.sessions import next_sessions
from fellowship.spaces import MENTORS, mentored_teams


@gate(MENTORS)
def mentoring(request):
    """The teams of the challenges whose invitation the mentor accepted, and whom they mentor in each."""
    title = _("Mon mentorat")
    return render(
        request,
        "fellowship/fellows/mentoring.html",
        {
            "page_title": title,
            "breadcrumb_data": {"current": title},
            "teams": mentored_teams(request.user),
            "upcoming_sessions": next_sessions(request.user),
        },
    )


def _joined(request, mentor):
    messages.success(
        request,
        _("Vous êtes désormais mentor·e de l'équipe du défi « %(name)s ».") % {"name": mentor.challenge.name},
    )
    return redirect("fellowship:mentoring")


def mentor_invitation(request, token: str):
    """The invited mentor joins with a POST, signed in with the invited address (anonymous visitors are sent
    to log in or sign up, and come back here)."""
    mentor = mentor_by_token(token)
    if mentor is None:
        raise Http404(_("Cette invitation n'existe pas ou a été remplacée par une plus récente."))
    return invitation_page(
        request,
        email=mentor.email,
        accepted_at=mentor.accepted_at,
        template="fellowship/fellows/mentor_invitation.html",
        context={"mentor": mentor, "challenge": mentor.challenge, "cohort": mentor.challenge.cohort, "token": token},
        accepted_url=reverse("fellowship:mentoring"),
        accept=lambda: mentor_accept(mentor=mentor, user=request.user),
        done=lambda accepted: _joined(request, accepted),
    )
