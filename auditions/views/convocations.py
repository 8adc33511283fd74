"""Convocations and calendars: the candidate's auditions (their answer, their .ics), staff's bulk
convocation, the jurors' agenda page and their private feed (docs/auditions.md, « Convocations and
calendars »)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from auditions.calendars import juror_auditions, juror_ics, juror_of_feed
from auditions.convocation_forms import CHANGE, CONFIRM, ChangeRequestForm
from auditions.convocations import can_answer, convocation_answer, convocations_send_all, duration_minutes
from auditions.ics import FILENAME, convocation_ics
from auditions.models import Audition, JurorFeed
from auditions.permissions import AUDITION_JURORS, CONVENED_CANDIDATE
from cohorts.models import Cohort
from eig.feeds import feed_renewal
from eig.gate import CANDIDATES, PROGRAMME_STAFF, gate
from eig.ics import ics_response


def audition_get(pk: int) -> Audition:
    return get_object_or_404(
        Audition.objects.select_related("challenge", "application__candidate", "application__cohort"), pk=pk
    )


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


# --- The candidate ------------------------------------------------------------------------------------


def _candidate_page(request, *, invalid: ChangeRequestForm | None = None, status: int = 200):
    now = timezone.now()
    auditions = list(
        Audition.objects.filter(application__candidate=request.user, convened_at__isnull=False)
        .select_related("challenge", "application__cohort")
        .order_by("starts_at", "pk")
    )
    for audition in auditions:
        audition.answerable = can_answer(audition, now)
        audition.minutes = duration_minutes(audition)
        if invalid is not None and invalid.prefix == f"audition-{audition.pk}":
            audition.change_form = invalid
        else:
            audition.change_form = ChangeRequestForm(audition=audition)
    return render(request, "auditions/candidate/auditions.html", {"auditions": auditions}, status=status)


@never_cache
@gate(CANDIDATES)
def candidate_auditions(request):
    """The candidate's auditions once convened: date, duration, video link, status, .ics, their answer."""
    return _candidate_page(request)


@never_cache
@gate(CONVENED_CANDIDATE, load=audition_get)
def candidate_audition_ics(request, audition):
    return ics_response(convocation_ics(audition, language=request.user.language), FILENAME)


@gate(CONVENED_CANDIDATE, load=audition_get)
@require_POST
def candidate_answer(request, audition):
    """« Je confirme » or « Je demande un autre horaire » with a reason, before the deadline."""
    answer = request.POST.get("answer")
    form = ChangeRequestForm(request.POST, audition=audition)
    if answer == CHANGE and not form.is_valid():
        return _candidate_page(request, invalid=form, status=400)
    if answer not in (CONFIRM, CHANGE):
        messages.error(request, _("Choisissez de confirmer ou de demander un autre horaire."))
        return redirect("auditions:candidate_auditions")
    reason = form.cleaned_data["reason"] if answer == CHANGE else ""
    try:
        convocation_answer(audition=audition, by=request.user, confirm=answer == CONFIRM, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if answer == CHANGE:
            return _candidate_page(request, invalid=form, status=400)
    else:
        messages.success(
            request,
            _("Merci : votre audition est confirmée.")
            if answer == CONFIRM
            else _("Votre demande est transmise à l'équipe du programme, qui vous proposera un autre créneau."),
        )
    return redirect("auditions:candidate_auditions")


# --- Staff ---------------------------------------------------------------------------------------------


@gate(PROGRAMME_STAFF, load=cohort_get)
@require_POST
def convocations_send(request, cohort):
    """Convene every booked audition of the cohort still to convene (the schedule page's button)."""
    result = convocations_send_all(cohort=cohort, by=request.user)
    messages.success(
        request,
        ngettext("%(count)s convocation envoyée.", "%(count)s convocations envoyées.", result.sent)
        % {"count": result.sent},
    )
    for audition, reason in result.refused:
        messages.error(request, f"{audition.application.candidate} : {reason}")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return redirect(target)


# --- Jurors --------------------------------------------------------------------------------------------


@never_cache
@gate(AUDITION_JURORS)
def juror_agenda(request):
    """The juror's private calendar address: created or renewed (POST), shown once; the old one dies."""
    context = feed_renewal(request, JurorFeed, owner_field="juror", url_name="auditions:juror_feed")
    return render(request, "auditions/jury/agenda.html", context)


@never_cache
def juror_feed(request, token: str):
    """The juror's private ICS feed (a public address, opened by its token alone; 404 otherwise)."""
    juror = juror_of_feed(token)
    if juror is None:
        raise Http404
    return ics_response(juror_ics(juror, list(juror_auditions(juror.pk))), filename="auditions.ics")
