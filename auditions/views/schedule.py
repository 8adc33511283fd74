"""Programme staff's schedule of a cohort's auditions: one column per jury, per day; a proposal; moves by
drag and drop (static/js/schedule.js) or, without JavaScript, by each card's « Déplacer » form; the
auditions without a slot, each with a form to book it; the exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from auditions import schedule_exports as exports
from auditions.forms_schedule import ProposeForm, SlotForm
from auditions.models import Audition
from auditions.schedule import schedule_board, schedule_propose
from auditions.services import audition_move, slot_display
from cohorts.models import Cohort
from eig.gate import PROGRAMME_STAFF, gate
from eig.refusals import refusal_pop, refusal_remember

SECOND_FACTOR_MESSAGE = gettext_lazy("Activez l'authentification à deux facteurs pour planifier les auditions.")


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


def cohort_audition_get(cohort_pk: int, audition_pk: int) -> Audition:
    """An audition of the cohort (404 for another cohort's)."""
    return get_object_or_404(
        Audition.objects.select_related("application__candidate", "application__cohort", "jury"),
        pk=audition_pk,
        application__cohort_id=cohort_pk,
    )


staff_schedule = gate(PROGRAMME_STAFF, load=cohort_get, second_factor_message=SECOND_FACTOR_MESSAGE)
staff_audition = gate(PROGRAMME_STAFF, load=cohort_audition_get, second_factor_message=SECOND_FACTOR_MESSAGE)


def _board_url(cohort: Cohort) -> str:
    return reverse("auditions:schedule", args=[cohort.pk])


def _render_board(request, cohort: Cohort, *, bound: SlotForm | None = None):
    board = schedule_board(cohort)
    forms = {a.pk: SlotForm(audition=a) for a in board.auditions}
    if bound is not None:
        forms[bound.audition.pk] = bound
    for audition in board.auditions:
        audition.slot_form = forms[audition.pk]
    context = {
        "cohort": cohort,
        "board": board,
        "bound": bound,
        "propose_form": ProposeForm(),
        "unplaced": refusal_pop(request, page=_board_url(cohort)),
        "export_formats": exports.FORMATS,
        "page_title": _("Planning des auditions — %(name)s") % {"name": cohort.name},
        "breadcrumb_data": {"current": _("Planning des auditions")},
    }
    return render(request, "auditions/staff/schedule.html", context)


@staff_schedule
def schedule(request, cohort: Cohort):
    return _render_board(request, cohort)


@staff_schedule
@require_POST
def propose(request, cohort: Cohort):
    """Propose the schedule and book it; the auditions left out are listed with their reason, once."""
    form = ProposeForm(request.POST)
    form.is_valid()
    proposal = schedule_propose(cohort=cohort, keep_planned=form.cleaned_data.get("keep_planned", False))
    count = len(proposal.booked)
    messages.success(
        request,
        _("Planning proposé : %(count)s audition(s) placée(s), %(left)s non placée(s).")
        % {"count": count, "left": len(proposal.unplaced)},
    )
    refusal_remember(
        request,
        page=_board_url(cohort),
        reasons=[
            _("%(candidate)s (%(jury)s) : %(reason)s")
            % {"candidate": audition.application.candidate, "jury": audition.jury.name, "reason": reason}
            for audition, reason in proposal.unplaced
        ],
    )
    return redirect(_board_url(cohort))


@staff_audition
@require_POST
def move(request, audition: Audition):
    """Book or move one audition (the « Déplacer » form, or a card dropped on a free slot)."""
    cohort = audition.cohort
    form = SlotForm(request.POST, audition=audition)
    if form.is_valid() and "starts_at" in form.cleaned_data:
        try:
            audition = audition_move(
                audition=audition,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("L'audition de %(candidate)s est placée le %(slot)s.")
                % {"candidate": audition.application.candidate, "slot": slot_display(audition)},
            )
            return redirect(f"{_board_url(cohort)}#audition-{audition.pk}")
    return _render_board(request, cohort, bound=form)


@staff_schedule
def export(request, cohort: Cohort, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    return exports.FORMATS[fmt][1](cohort)
