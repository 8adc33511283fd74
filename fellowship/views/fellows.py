"""The fellow's space « Mon équipe » (their challenge, position, contract, team and mentors, the consent
to the public cohort page) and staff's cohort hub « La promotion » (each challenge's team and mentors, the
invitations to send again, the HR export)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cohorts.models import Cohort
from eig.exports import FORMATS
from eig.gate import PROGRAMME_STAFF, gate
from fellowship.fellows import (
    challenge_teams,
    cohorts_overview,
    fellow_visibility_set,
    hr_export_filename,
    hr_export_table,
    mentor_invite,
)
from fellowship.forms_fellows import VisibilityForm
from fellowship.models import Fellow, Mentor, MentorKind
from fellowship.repositories import team_repositories
from fellowship.sessions import next_sessions
from fellowship.spaces import FELLOWS, OWN_FELLOWSHIP, fellowship_chosen, teammates, user_fellowships


def my_team_url(fellow: Fellow) -> str:
    return f"{reverse('fellowship:my_team')}?promotion={fellow.cohort_id}"


def fellow_mentors(fellow: Fellow) -> list[tuple[str, Mentor]]:
    """The fellow's mentors, each with the role they hold for them."""
    roles = [
        (MentorKind.OPERATIONAL.label, fellow.operational_mentor),
        (MentorKind.SENIOR.label, fellow.senior_mentor),
    ]
    return [(role, mentor) for role, mentor in roles if mentor is not None]


@gate(FELLOWS)
def my_team(request):
    """The fellow's latest fellowship, or the one of `?promotion=` among theirs, the others listed."""
    fellowships = user_fellowships(request.user)
    fellow = fellowship_chosen(fellowships, request.GET.get("promotion"))
    title = _("Mon équipe")
    return render(
        request,
        "fellowship/fellows/my_team.html",
        {
            "page_title": title,
            "breadcrumb_data": {"current": title},
            "fellow": fellow,
            "others": [other for other in fellowships if other != fellow],
            "teammates": list(teammates(fellow)) if fellow else [],
            "mentors": fellow_mentors(fellow) if fellow else [],
            "visibility_form": VisibilityForm(initial={"public": fellow.public}) if fellow else None,
            "upcoming_sessions": next_sessions(request.user),
            "repositories": list(team_repositories(fellow.challenge)) if fellow else [],
        },
    )


def fellow_get(fellow_pk: int) -> Fellow:
    return get_object_or_404(Fellow, pk=fellow_pk)


@gate(OWN_FELLOWSHIP, load=fellow_get)
@require_POST
def visibility(request, fellow: Fellow):
    """The fellow's consent to appear on the public cohort page, given or taken back."""
    form = VisibilityForm(request.POST)
    form.is_valid()  # A box: unchecked (or anything but a yes) is a no.
    public = form.cleaned_data.get("public", False)
    fellow_visibility_set(fellow=fellow, public=public)
    if public:
        messages.success(
            request, _("Vous apparaissez désormais avec votre équipe sur la page publique de la promotion.")
        )
    else:
        messages.success(request, _("Vous n'apparaissez plus sur la page publique de la promotion."))
    return redirect(my_team_url(fellow))


# --- Staff -------------------------------------------------------------------------------------------------


@gate(PROGRAMME_STAFF)
def staff_cohorts(request):
    """Every cohort, newest first, with where its fellowship stands and the links to its pages."""
    title = _("Les promotions")
    return render(
        request,
        "fellowship/fellows/staff_cohorts.html",
        {"page_title": title, "breadcrumb_data": {"current": title}, "cohorts": cohorts_overview()},
    )


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


@gate(PROGRAMME_STAFF, load=cohort_get)
def cohort_hub(request, cohort: Cohort):
    """Each challenge's team of the cohort, its mentors and whether they joined, the HR export."""
    challenges = list(challenge_teams(cohort))
    mentors = [mentor for challenge in challenges for mentor in challenge.mentors.all()]
    title = _("La promotion %(cohort)s") % {"cohort": cohort.name}
    return render(
        request,
        "fellowship/fellows/cohort_hub.html",
        {
            "page_title": title,
            "breadcrumb_data": {"current": title},
            "cohort": cohort,
            "challenges": challenges,
            "fellow_count": sum(len(challenge.fellows.all()) for challenge in challenges),
            "mentor_count": len(mentors),
            "joined_count": sum(1 for mentor in mentors if mentor.accepted_at),
            "results_out": cohort.results_at <= timezone.now(),
            "exports": [(reverse("fellowship:hr_export", args=[cohort.pk, fmt]), fmt.upper()) for fmt in FORMATS],
        },
    )


@gate(PROGRAMME_STAFF, load=cohort_get)
def hr_export(request, cohort: Cohort, fmt: str):
    """The contracts of the cohort's fellows for the host administrations' HR, CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404(_("Cet export n'existe pas."))
    header, rows, title = hr_export_table(cohort)
    return FORMATS[fmt](
        header,
        rows,
        filename=hr_export_filename(cohort, fmt),
        sheet=title,
        audit=gettext_lazy("les contrats des entrepreneur·es (export RH)"),
        audit_target=cohort,
    )


def mentor_get(mentor_pk: int) -> Mentor:
    return get_object_or_404(Mentor.objects.select_related("challenge"), pk=mentor_pk)


@gate(PROGRAMME_STAFF, load=mentor_get)
@require_POST
def mentor_resend(request, mentor: Mentor):
    """Send a mentor who has not joined yet their invitation again (a new link)."""
    try:
        mentor_invite(mentor=mentor, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("L'invitation est renvoyée à %(email)s.") % {"email": mentor.email})
    return redirect("fellowship:cohort_hub", cohort_pk=mentor.challenge.cohort_id)
