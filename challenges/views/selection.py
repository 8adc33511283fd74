"""The challenge jury's pages: the submitted challenges to evaluate, and one evaluation page per challenge.

Jurors score independently: these pages never show another evaluator's scores (staff compare them in
the admin)."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges import services
from challenges.forms_selection import ChallengeEvaluationForm
from challenges.models import CHALLENGE_TEXT_FIELDS, Challenge, ChallengeEvaluation
from challenges.permissions import CHALLENGE_EVALUATORS, CHALLENGE_SELECTION
from challenges.selectors import challenges_to_evaluate
from challenges.views.agent import challenge_get
from eig.gate import gate

# Jurors and staff evaluate only with two-factor authentication turned on (eig.gate).
SECOND_FACTOR_MESSAGE = gettext_lazy("Activez l'authentification à deux facteurs pour évaluer les défis.")


@gate(CHALLENGE_SELECTION, second_factor_message=SECOND_FACTOR_MESSAGE)
def challenge_list(request):
    """The submitted challenges the user may evaluate, by cohort, with those they already evaluated."""
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


@gate(CHALLENGE_EVALUATORS, load=challenge_get, second_factor_message=SECOND_FACTOR_MESSAGE)
def challenge_evaluation(request, challenge: Challenge):
    """The challenge read-only, and the evaluator's own evaluation form (new, or theirs to revise)."""
    criteria = ChallengeEvaluation.grid_criteria(challenge.cohort)
    evaluation = (
        ChallengeEvaluation.objects.filter(challenge=challenge, evaluator=request.user)
        .prefetch_related("scores")
        .first()
    )
    form = ChallengeEvaluationForm(request.POST or None, criteria=criteria, scorecard=evaluation)
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
        (capfirst(Challenge._meta.get_field(name).verbose_name), getattr(challenge, name))
        for name in CHALLENGE_TEXT_FIELDS
    ]
    return render(
        request,
        "challenges/selection/challenge_evaluation.html",
        {
            "page_title": _("Évaluer le défi « %(name)s »") % {"name": challenge.name},
            "challenge": challenge,
            "sections": sections,
            "form": form,
            "evaluation": evaluation,
            "scorecard": evaluation,
            "breadcrumb_data": {
                "links": [{"url": reverse("selection:challenge_list"), "title": _("Sélection des défis")}],
                "current": challenge.name,
            },
        },
    )
