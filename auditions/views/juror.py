"""The juror's space: « Mes auditions » by day, and one page per audition — the declaration of a link
first; then, for a juror who declared none, the candidate's file beside the scorecard, and the other
jurors' scores once their own is submitted. A recused juror sees neither the file nor the grid, and the
file's and the scorecard's URLs refuse them (auditions.permissions). Staff see everything."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from applications.files import cv_response
from applications.forms import STEPS
from auditions.declarations import audition_declare
from auditions.forms_juror import AuditionScorecardForm, DeclarationForm
from auditions.models import Audition, AuditionScorecard, Declaration
from auditions.permissions import (
    AUDITION_DECLARANTS,
    AUDITION_FILE_READERS,
    AUDITION_JURORS,
    AUDITION_JURY,
    AUDITION_SCORERS,
    is_audition_juror,
)
from auditions.scorecards import audition_score, scorecard_frozen, scoring_refusal
from auditions.selectors import audition_scorecards, by_paris_day, juror_auditions
from cohorts.profiles import Profile
from cohorts.scoring import MEAN, criterion_means, score_display, scores_summary
from eig.gate import gate
from eig.permissions import is_programme_staff

SECOND_FACTOR_MESSAGE = gettext_lazy("Activez l'authentification à deux facteurs pour ouvrir les auditions.")


def audition_get(pk: int) -> Audition:
    return get_object_or_404(
        Audition.objects.select_related("application__candidate", "application__cohort", "challenge", "jury"), pk=pk
    )


def candidate_name(audition: Audition) -> str:
    return audition.application.candidate.get_full_name() or audition.application.candidate.email


@gate(AUDITION_JURORS, second_factor_message=SECOND_FACTOR_MESSAGE)
def my_auditions(request):
    """The auditions of every jury the juror sits on, by day in Paris time, with their state for them."""
    auditions = juror_auditions(request.user)
    return render(
        request,
        "auditions/juror/auditions.html",
        {
            "page_title": _("Mes auditions"),
            "days": by_paris_day(auditions),
            "breadcrumb_data": {"current": _("Mes auditions")},
        },
    )


def scores_table(audition: Audition, criteria: list, scorecards: list[AuditionScorecard]) -> dict:
    """Every juror's scores of the audition by criterion (`criteria`, the grid's), each criterion's mean,
    each scorecard's weighted mean and the audition's mean."""
    means = criterion_means(AuditionScorecard, [audition.pk])
    by_card = [{score.criterion_id: score for score in scorecard.scores.all()} for scorecard in scorecards]
    rows = [
        {
            "criterion": criterion,
            "scores": [scores.get(criterion.pk) for scores in by_card],
            "mean": score_display(means.get((audition.pk, criterion.label))),
        }
        for criterion in criteria
    ]
    overall = (
        Audition.objects.filter(pk=audition.pk)
        .annotate(**scores_summary(AuditionScorecard, mean=MEAN))
        .values_list("mean", flat=True)
        .get()
    )
    for scorecard in scorecards:
        scorecard.mean_display = score_display(scorecard.weighted_mean)
    return {"scorecards": scorecards, "rows": rows, "mean": score_display(overall)}


def render_audition(
    request,
    audition: Audition,
    *,
    declaration_form: DeclarationForm | None = None,
    scorecard_form: AuditionScorecardForm | None = None,
):
    """The audition's page as `request.user` may see it (see the module's docstring); the forms given
    are the ones just posted, with their errors and everything typed."""
    user = request.user
    seated = is_audition_juror(user, audition)
    declaration = Declaration.objects.filter(audition=audition, juror=user).first() if seated else None
    # What AUDITION_FILE_READERS admits, from what is already read.
    scores_it = seated and declaration is not None and not declaration.is_recusal
    reads_file = scores_it or (not seated and is_programme_staff(user))
    own = (
        AuditionScorecard.objects.filter(audition=audition, juror=user).prefetch_related("scores").first()
        if scores_it
        else None
    )
    refusal = scorecard_frozen(audition) if scores_it else None
    criteria = AuditionScorecard.grid_criteria(audition.cohort) if reads_file else []
    form = None
    if scores_it and refusal is None:
        form = scorecard_form or AuditionScorecardForm(criteria=criteria, scorecard=own)
        form.helper.form_action = reverse("auditions:score", args=[audition.pk])
    # Independence: the others' scores reach the page only once the juror's own is submitted.
    others_visible = reads_file and (own is not None or not seated)
    application = audition.application
    context = {
        "page_title": _("Audition de %(name)s") % {"name": candidate_name(audition)},
        "audition": audition,
        "candidate_name": candidate_name(audition),
        "seated": seated,
        "declaration": declaration,
        "declaration_form": declaration_form or (DeclarationForm() if seated and declaration is None else None),
        "declaration_action": reverse("auditions:declare", args=[audition.pk]),
        "reads_file": reads_file,
        "application": application,
        "secondary_profiles": [
            Profile(value).label for value in application.secondary_profiles if value in Profile.values
        ],
        "steps": STEPS,
        "cv_url": reverse("auditions:cv", args=[audition.pk]),
        "scorecard": own,
        "form": form,
        "scoring_refusal": refusal,
        "others_visible": others_visible,
        "table": scores_table(audition, criteria, audition_scorecards(audition)) if others_visible else None,
        # Staff off the jury see every declaration for the audition, recusals included.
        "declarations": list(audition.declarations.select_related("juror")) if reads_file and not seated else None,
        "my_auditions_url": reverse("auditions:my_auditions"),
        "breadcrumb_data": {
            "links": [{"url": reverse("auditions:my_auditions"), "title": _("Mes auditions")}] if seated else [],
            "current": candidate_name(audition),
        },
    }
    return render(request, "auditions/juror/audition.html", context)


@gate(AUDITION_JURY, load=audition_get, second_factor_message=SECOND_FACTOR_MESSAGE)
@never_cache
def audition_page(request, audition: Audition):
    return render_audition(request, audition)


@gate(AUDITION_DECLARANTS, load=audition_get, second_factor_message=SECOND_FACTOR_MESSAGE)
@require_POST
def declare(request, audition: Audition):
    """The juror's declaration for the audition: kept as made; a link recuses them."""
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            declaration = audition_declare(
                audition=audition, juror=request.user, link=form.cleaned_data["link"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if declaration.is_recusal:
                messages.info(request, _("Votre déclaration est enregistrée : vous êtes déporté·e de cette audition."))
            else:
                messages.success(request, _("Votre déclaration est enregistrée : le dossier vous est ouvert."))
            return redirect("auditions:audition", pk=audition.pk)
    if Declaration.objects.filter(audition=audition, juror=request.user).exists():
        messages.error(request, _("Vous avez déjà fait votre déclaration pour cette audition."))
        return redirect("auditions:audition", pk=audition.pk)
    return render_audition(request, audition, declaration_form=form)


@gate(AUDITION_SCORERS, load=audition_get, second_factor_message=SECOND_FACTOR_MESSAGE)
@require_POST
def score(request, audition: Audition):
    """The juror's scorecard of the audition, new or revised, until the deliberation is closed."""
    own = AuditionScorecard.objects.filter(audition=audition, juror=request.user).prefetch_related("scores").first()
    form = AuditionScorecardForm(
        request.POST, criteria=AuditionScorecard.grid_criteria(audition.cohort), scorecard=own
    )
    refusal = scoring_refusal(audition, request.user)
    if refusal:
        messages.error(request, refusal)
        return redirect("auditions:audition", pk=audition.pk)
    if form.is_valid():
        try:
            audition_score(audition=audition, juror=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Votre évaluation de l'audition de %(name)s est enregistrée.") % {"name": candidate_name(audition)},
            )
            return redirect("auditions:audition", pk=audition.pk)
    return render_audition(request, audition, scorecard_form=form)


@gate(AUDITION_FILE_READERS, load=audition_get, second_factor_message=SECOND_FACTOR_MESSAGE)
@never_cache
def cv(request, audition: Audition):
    """The candidate's CV, inline, to staff and to the jurors of the audition who declared no link."""
    return cv_response(
        audition.application,
        "cv",
        reader=request.user,
        via=audition,
        filename=f"cv-{audition.application.reference}.pdf",
        missing_message=_("Aucun fichier n'a été déposé."),
    )
