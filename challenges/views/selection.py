"""The challenge jury's pages: the submitted challenges to evaluate, and one evaluation page per challenge.

Jurors score independently: these pages never show another evaluator's scores (staff compare them in
the admin)."""

import functools
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from challenges import services
from challenges.forms_selection import ChallengeEvaluationForm
from challenges.models import Challenge, ChallengeEvaluation
from challenges.permissions import can_evaluate_challenge, can_open_challenge_selection
from challenges.selectors import challenges_to_evaluate
from cohorts.models import GridStage, ScoringCriterion
from eig.permissions import has_second_factor, is_juror, is_programme_staff

# The challenge form's text, in the order of the form, shown read-only to the evaluator.
CONTENT_FIELDS = [
    "context",
    "solution",
    "benefits",
    "existing_solutions",
    "obstacles",
    "legal_ethical_issues",
    "openness",
    "data_needed",
]


def second_factor_required(view):
    """Jurors and staff evaluate only with two-factor authentication turned on (when
    STAFF_MFA_REQUIRED, as for the admin); without it they are sent to set it up."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if (
            settings.STAFF_MFA_REQUIRED
            and (is_juror(user) or is_programme_staff(user))
            and not has_second_factor(user)
        ):
            messages.warning(request, _("Activez l'authentification à deux facteurs pour évaluer les défis."))
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper


@login_required
@second_factor_required
def challenge_list(request):
    """The submitted challenges the user may evaluate, by cohort, with those they already evaluated."""
    if not can_open_challenge_selection(request.user):
        raise PermissionDenied
    cohorts = []
    for cohort, challenges in groupby(challenges_to_evaluate(request.user), key=lambda challenge: challenge.cohort):
        challenges = list(challenges)
        evaluated = sum(1 for challenge in challenges if challenge.my_evaluation_at is not None)
        cohorts.append({"cohort": cohort, "challenges": challenges, "evaluated": evaluated})
    return render(
        request,
        "challenges/selection/challenge_list.html",
        {"cohorts": cohorts, "breadcrumb_data": {"current": _("Sélection des défis")}},
    )


@login_required
@second_factor_required
def challenge_evaluation(request, pk: int):
    """The challenge read-only, and the evaluator's own evaluation form (new, or theirs to revise)."""
    challenge = get_object_or_404(
        Challenge.objects.select_related("cohort", "administration").prefetch_related(
            "owners", "positions", "team_members", "contacts"
        ),
        pk=pk,
    )
    if not can_evaluate_challenge(request.user, challenge):
        raise PermissionDenied
    criteria = ScoringCriterion.objects.for_stage(challenge.cohort, GridStage.CHALLENGE_SELECTION)
    evaluation = (
        ChallengeEvaluation.objects.filter(challenge=challenge, evaluator=request.user)
        .prefetch_related("scores")
        .first()
    )
    form = ChallengeEvaluationForm(request.POST or None, criteria=criteria, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_evaluate(challenge=challenge, evaluator=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Votre évaluation du défi « %(name)s » est enregistrée.") % {"name": challenge.name}
            )
            return redirect("selection:challenge_list")
    sections = [
        (capfirst(Challenge._meta.get_field(name).verbose_name), getattr(challenge, name)) for name in CONTENT_FIELDS
    ]
    return render(
        request,
        "challenges/selection/challenge_evaluation.html",
        {
            "challenge": challenge,
            "sections": sections,
            "form": form,
            "evaluation": evaluation,
            "breadcrumb_data": {
                "links": [{"url": reverse("selection:challenge_list"), "title": _("Sélection des défis")}],
                "current": challenge.name,
            },
        },
    )
