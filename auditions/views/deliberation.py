"""The deliberation pages of the jury and staff: the list of deliberations, and per (challenge, profile)
the candidates auditioned with their statistics, the jury's decisions in one form, and « Clore la
délibération »."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from auditions.deliberation import (
    current_cohorts,
    deliberation_close,
    deliberation_decide,
    deliberation_refusal,
    hidden_scores_applications,
    recused_applications,
)
from auditions.deliberation import deliberations_open as create_missing_deliberations
from auditions.forms_deliberation import decision_forms
from auditions.models import DELIBERATION_LIFECYCLE, Deliberation, ListKind
from auditions.permissions import DELIBERATION_LIST, DELIBERATION_READERS
from auditions.selectors_deliberation import deliberation_table, deliberations_visible_to
from cohorts.windows import Step
from eig.gate import gate

EXPORT_LABELS = (
    ("scores", gettext_lazy("Notes des auditions (%(format)s)")),
    ("lists", gettext_lazy("Listes validées (%(format)s)")),
)


def deliberation_get(pk: int) -> Deliberation:
    return get_object_or_404(Deliberation.objects.select_related("challenge__cohort"), pk=pk)


def list_breadcrumb(current: str | None = None) -> dict:
    if current is None:
        return {"current": _("Délibérations")}
    return {"links": [{"url": reverse("auditions:deliberations"), "title": _("Délibérations")}], "current": current}


@gate(DELIBERATION_LIST)
def deliberation_list(request):
    """Every deliberation the user may open; the missing ones are created first."""
    for cohort in current_cohorts():
        create_missing_deliberations(cohort=cohort)
    return render(
        request,
        "auditions/deliberation/list.html",
        {
            "page_title": _("Délibérations"),
            "breadcrumb_data": list_breadcrumb(),
            "deliberations": list(deliberations_visible_to(request.user)),
            "exports": [
                (reverse(f"auditions:export_{what}", args=[fmt]), label % {"format": fmt.upper()})
                for what, label in EXPORT_LABELS
                for fmt in ("csv", "xlsx")
            ],
        },
    )


@gate(DELIBERATION_READERS, load=deliberation_get)
def deliberation_detail(request, deliberation: Deliberation):
    """The candidates with their statistics, and the jury's decisions (saved together)."""
    rows = deliberation_table(deliberation)
    recused = recused_applications(deliberation, request.user)
    hidden = hidden_scores_applications(deliberation, request.user)
    for row in rows:
        row.recused = row.application.pk in recused
        row.scores_hidden = row.application.pk in hidden
    refusal = deliberation_refusal(deliberation, request.user)
    decided_rows = [row for row in rows if not row.recused]
    forms = decision_forms(decided_rows, request.POST if request.method == "POST" else None)
    errors = []
    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect("auditions:deliberation", pk=deliberation.pk)
        if all(form.is_valid() for form in forms):
            try:
                deliberation_decide(
                    deliberation=deliberation, decisions=[form.decision() for form in forms], by=request.user
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Les décisions du jury sont enregistrées."))
                return redirect("auditions:deliberation", pk=deliberation.pk)
        else:
            errors = [_("Certaines décisions sont incomplètes : corrigez les champs signalés.")]
    for row, form in zip(decided_rows, forms, strict=True):
        row.form = form
    return render(
        request,
        "auditions/deliberation/detail.html",
        {
            "page_title": str(deliberation),
            "breadcrumb_data": list_breadcrumb(str(deliberation)),
            "deliberation": deliberation,
            "rows": rows,
            "errors": errors,
            "refusal": refusal,
            "can_close": not refusal and DELIBERATION_LIFECYCLE.can(deliberation, "close"),
            "window": deliberation.cohort.window(Step.DELIBERATION),
            "lists": lists_of(deliberation.entries.select_related("application__candidate")),
        },
    )


def lists_of(entries) -> list[tuple[str, list]]:
    """The main list and the waiting list in rank order, then the candidates not retained."""
    entries = list(entries)
    return [
        (
            label,
            sorted((entry for entry in entries if entry.kind == kind), key=lambda entry: entry.rank or 0),
        )
        for kind, label in ListKind.choices
    ]


@gate(DELIBERATION_READERS, load=deliberation_get)
@require_POST
def deliberation_close_view(request, deliberation: Deliberation):
    try:
        deliberation_close(deliberation=deliberation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("La délibération est close : la direction du programme peut maintenant valider les listes.")
        )
    return redirect("auditions:deliberation", pk=deliberation.pk)
