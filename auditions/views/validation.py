"""The programme director's validation of the lists, the candidates' results and the staff's exports
of the scores and of the validated lists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from auditions import exports
from auditions.deliberation import current_cohorts, deliberation_reopen, deliberation_validate
from auditions.forms_deliberation import ReopenForm
from auditions.models import DELIBERATION_LIFECYCLE, Deliberation, DeliberationStatus
from auditions.results import candidate_results
from auditions.views.deliberation import deliberation_get, lists_of
from eig.exports import FORMATS
from eig.gate import CANDIDATES, DIRECTORS, PROGRAMME_STAFF, gate


def validation_breadcrumb(current: str | None = None) -> dict:
    if current is None:
        return {"current": _("Validation des listes")}
    return {
        "links": [{"url": reverse("auditions:validation"), "title": _("Validation des listes")}],
        "current": current,
    }


@gate(DIRECTORS)
def validation(request):
    """The closed deliberations to validate, with their lists; the validated ones, with their versions."""
    deliberations = list(
        Deliberation.objects.filter(
            challenge__cohort__in=current_cohorts(),
            status__in=[DeliberationStatus.CLOSED, DeliberationStatus.VALIDATED],
        )
        .select_related("challenge__cohort")
        .prefetch_related("entries__application__candidate", "versions__validated_by")
        .order_by("status", "challenge__name", "profile")
    )
    for deliberation in deliberations:
        deliberation.lists = lists_of(deliberation.entries.all())
        deliberation.can_validate = DELIBERATION_LIFECYCLE.can(deliberation, "validate")
    return render(
        request,
        "auditions/validation/list.html",
        {
            "page_title": _("Validation des listes"),
            "breadcrumb_data": validation_breadcrumb(),
            "to_validate": [item for item in deliberations if item.status == DeliberationStatus.CLOSED],
            "validated": [item for item in deliberations if item.status == DeliberationStatus.VALIDATED],
        },
    )


@gate(DIRECTORS, load=deliberation_get)
@require_POST
def validate(request, deliberation: Deliberation):
    try:
        version = deliberation_validate(deliberation=deliberation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Les listes « %(deliberation)s » sont validées (version %(number)s) : les candidat·es sont prévenu·es.")
            % {"deliberation": deliberation, "number": version.number},
        )
    return redirect("auditions:validation")


@gate(DIRECTORS, load=deliberation_get)
def reopen(request, deliberation: Deliberation):
    """Send the deliberation back to the jury, with the reason the next version will carry."""
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deliberation_reopen(deliberation=deliberation, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La délibération « %(name)s » est rouverte.") % {"name": deliberation})
            return redirect("auditions:validation")
    return render(
        request,
        "auditions/validation/reopen.html",
        {
            "page_title": _("Rouvrir la délibération « %(name)s »") % {"name": deliberation},
            "breadcrumb_data": validation_breadcrumb(_("Rouvrir")),
            "deliberation": deliberation,
            "form": form,
            "can_reopen": DELIBERATION_LIFECYCLE.can(deliberation, "reopen"),
        },
    )


@gate(CANDIDATES)
def my_results(request):
    """The candidate's outcome on each validated list they are on."""
    return render(
        request,
        "auditions/results/mine.html",
        {
            "page_title": _("Mes résultats"),
            "breadcrumb_data": {
                "links": [{"url": reverse("applications:space"), "title": _("Ma candidature")}],
                "current": _("Mes résultats"),
            },
            "results": candidate_results(request.user),
        },
    )


# What each export holds, as the audit trail says it (eig.exports.export_record).
EXPORTS = {
    "scores": gettext_lazy("les évaluations des auditions"),
    "lists": gettext_lazy("les listes validées"),
}


def _export(table, fmt: str, what: str):
    if fmt not in FORMATS:
        raise Http404(_("Cet export n'existe pas."))
    header, rows, title = table(current_cohorts())
    return FORMATS[fmt](header, rows, filename=exports.export_filename(what, fmt), sheet=title, audit=EXPORTS[what])


@gate(PROGRAMME_STAFF)
def export_scores(request, fmt: str):
    """The scores of the current cohorts' auditions, one row per scorecard, CSV or XLSX."""
    return _export(exports.scores_table, fmt, "scores")


@gate(PROGRAMME_STAFF)
def export_lists(request, fmt: str):
    """The last validated version of each list of the current cohorts, CSV or XLSX."""
    return _export(exports.lists_table, fmt, "lists")
