"""Staff's assignment pages: a cohort's weights, pins and forbids and runs (« Lancer le calcul »), a run's
page (its teams, why, « Imposer » / « Exclure », « Valider »), and two runs side by side."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.models import Application
from challenges.models import Position
from cohorts.models import Cohort
from eig.gate import PROGRAMME_STAFF, gate
from fellowship.forms_assignment import ChoiceForm, CompareForm, ValidateForm, WeightsForm
from fellowship.models import AssignmentChoice, AssignmentRun, ChoiceKind
from fellowship.runs import (
    choice_remove,
    choice_set,
    cohort_weights_set,
    run_create,
    run_inputs,
    run_validate,
    run_validation_refusal,
    runs_compare,
    validated_run_of,
)
from fellowship.selectors_assignment import cohort_choices, cohort_runs, labels_for, run_page


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


def run_get(pk: int) -> AssignmentRun:
    return get_object_or_404(AssignmentRun.objects.select_related("cohort", "created_by"), pk=pk)


def choice_get(pk: int) -> AssignmentChoice:
    return get_object_or_404(AssignmentChoice.objects.select_related("cohort"), pk=pk)


def breadcrumb(cohort: Cohort, current: str | None = None) -> dict:
    title = _("Affectation — %(cohort)s") % {"cohort": cohort.name}
    if current is None:
        return {"current": title}
    return {"links": [{"url": reverse("fellowship:assignment", args=[cohort.pk]), "title": title}], "current": current}


def latest_pair(runs: list[AssignmentRun]) -> dict:
    """The two latest of `runs` (newest first, at least two) as the comparison's « a » and « b »: what
    « Comparer » compares unless staff choose others."""
    return {"a": runs[1].pk, "b": runs[0].pk}


@gate(PROGRAMME_STAFF, load=cohort_get)
def assignment(request, cohort: Cohort):
    """The weights (saved here), the pins and forbids, « Lancer le calcul », the runs and « Comparer »."""
    form = WeightsForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            cohort_weights_set(cohort=cohort, by=request.user, weights=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Le barème est enregistré : il s'appliquera au prochain calcul."))
            return redirect("fellowship:assignment", cohort_pk=cohort.pk)
    runs = list(cohort_runs(cohort))
    return render(
        request,
        "fellowship/assignment/cohort.html",
        {
            "page_title": _("Affectation — %(cohort)s") % {"cohort": cohort.name},
            "breadcrumb_data": breadcrumb(cohort),
            "cohort": cohort,
            "form": form,
            "choices": list(cohort_choices(cohort)),
            "runs": runs,
            "compare_form": CompareForm(runs=runs, initial=latest_pair(runs)) if len(runs) > 1 else None,
        },
    )


@gate(PROGRAMME_STAFF, load=cohort_get)
@require_POST
def run_create_view(request, cohort: Cohort):
    """« Lancer le calcul »."""
    try:
        run = run_create(cohort=cohort, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("fellowship:assignment", cohort_pk=cohort.pk)
    messages.success(request, _("Le calcul n° %(number)s est fait.") % {"number": run.number})
    return redirect("fellowship:assignment_run", pk=run.pk)


@gate(PROGRAMME_STAFF, load=run_get)
def run_detail(request, run: AssignmentRun):
    """A run: its summary, its teams, why, and the forms that pin or forbid a pair for the next runs."""
    page = run_page(run)
    form = ChoiceForm(
        request.POST if request.method == "POST" else None, candidates=page.candidates, positions=page.positions
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            choice_set(
                cohort=run.cohort,
                application=get_object_or_404(Application, pk=data["application"]),
                position=get_object_or_404(Position.objects.select_related("challenge"), pk=data["position"]),
                kind=data["kind"],
                by=request.user,
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = _("imposé") if data["kind"] == ChoiceKind.PIN else _("exclu")
            messages.success(
                request,
                _("%(candidate)s : poste « %(position)s » %(done)s. Relancez le calcul pour en tenir compte.")
                % {
                    "candidate": page.labels.candidate(data["application"]),
                    "position": page.labels.position(data["position"]),
                    "done": done,
                },
            )
            return redirect("fellowship:assignment_run", pk=run.pk)
    return render(
        request,
        "fellowship/assignment/run.html",
        {
            "page_title": str(run),
            "breadcrumb_data": breadcrumb(run.cohort, str(run)),
            "page": page,
            "run": run,
            "form": form,
            "refusal": run_validation_refusal(run),
        },
    )


@gate(PROGRAMME_STAFF, load=run_get)
def run_validate_view(request, run: AssignmentRun):
    """« Valider »: a confirmation, with the reason of the replacement when another run is validated."""
    previous = validated_run_of(run.cohort)
    form = ValidateForm(request.POST or None, reason_required=previous is not None)
    refusal = run_validation_refusal(run)
    if request.method == "POST" and form.is_valid():
        try:
            run_validate(run=run, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("L'affectation n° %(number)s est validée : les offres partent.") % {"number": run.number}
            )
            return redirect("fellowship:assignment_run", pk=run.pk)
    return render(
        request,
        "fellowship/assignment/validate.html",
        {
            "page_title": _("Valider l'affectation n° %(number)s") % {"number": run.number},
            "breadcrumb_data": breadcrumb(run.cohort, _("Valider")),
            "run": run,
            "previous": previous,
            "form": form,
            "refusal": refusal,
        },
    )


@gate(PROGRAMME_STAFF, load=choice_get)
@require_POST
def choice_remove_view(request, choice: AssignmentChoice):
    try:
        choice_remove(choice=choice, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Le choix est retiré : il ne s'appliquera plus aux prochains calculs."))
    return redirect("fellowship:assignment", cohort_pk=choice.cohort_id)


@gate(PROGRAMME_STAFF, load=cohort_get)
def runs_compare_view(request, cohort: Cohort):
    """Two runs side by side (the two latest unless others are chosen): every candidate's position in each,
    those who moved first and flagged, and the totals."""
    runs = list(AssignmentRun.objects.filter(cohort=cohort).order_by("-number"))
    data = request.GET or None
    if data is None and len(runs) > 1:
        data = latest_pair(runs)  # The two latest runs, unless others are chosen.
    form = CompareForm(data, runs=runs)
    comparison = labels = None
    if form.is_valid():
        comparison = runs_compare(form.cleaned_data["a"], form.cleaned_data["b"])
        labels = labels_for(*(run_inputs(run) for run in (comparison.a, comparison.b)))
    return render(
        request,
        "fellowship/assignment/compare.html",
        {
            "page_title": _("Comparer deux affectations"),
            "breadcrumb_data": breadcrumb(cohort, _("Comparer")),
            "cohort": cohort,
            "form": form,
            "comparison": comparison,
            "rows": comparison_rows(comparison, labels) if comparison else [],
            "totals": list(zip((comparison.a, comparison.b), comparison.totals, strict=True)) if comparison else [],
        },
    )


def comparison_rows(comparison, labels) -> list[dict]:
    """The comparison's rows with the names: who, where in each run, moved or not; the moves first."""

    def where(position_id):
        return labels.position(position_id) if position_id is not None else _("Sans poste")

    rows = [
        {
            "name": labels.candidate(row.application_id),
            "before": where(row.before),
            "after": where(row.after),
            "moved": row.moved,
        }
        for row in comparison.rows
    ]
    return sorted(rows, key=lambda row: (not row["moved"], row["name"]))
