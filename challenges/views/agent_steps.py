"""The challenge form in steps: every step saves a draft (nothing typed is lost, nothing is required
until submission); the last step is the recap, from which the owner submits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import services
from challenges.forms import STEPS, StepForms
from challenges.models import Challenge
from challenges.permissions import CHALLENGE_OWNERS, can_edit_challenge, can_submit_challenge
from challenges.views.agent import challenge_get, challenge_sections, closed_message, missing_items_with_steps
from eig.gate import gate
from eig.refusals import refusal_pop, refusal_remember

# The buttons of a step: each saves the draft, then stays, goes on or goes back.
SAVE_DRAFT, SAVE_AND_CONTINUE, SAVE_AND_BACK = "draft", "continue", "previous"
MOVES = {SAVE_DRAFT: 0, SAVE_AND_CONTINUE: 1, SAVE_AND_BACK: -1}


def _steps_context(step_number: int) -> dict:
    return {
        "step": STEPS[step_number - 1],
        "steps": STEPS,
        "previous_step": STEPS[step_number - 2] if step_number > 1 else None,
        "next_step": STEPS[step_number] if step_number < len(STEPS) else None,
    }


def recap_url(challenge: Challenge) -> str:
    return reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": len(STEPS)})


def render_recap(request, challenge: Challenge):
    """The last step: everything read-only, what is missing (with a link to its step), the deadline
    and the submit button; once the projects call is closed, no list of items to complete. A refused
    submission's reasons are shown here once, after its redirect."""
    reason = closed_message(challenge)
    context = {
        "challenge": challenge,
        "sections": challenge_sections(challenge),
        "missing": [] if reason else missing_items_with_steps(challenge),
        "submit_errors": refusal_pop(request, page=recap_url(challenge)),
        "closed_message": reason,
        **_steps_context(len(STEPS)),
    }
    return render(request, "challenges/agent/recap.html", context)


@gate(CHALLENGE_OWNERS, load=challenge_get)
def edit(request, challenge: Challenge, step: int):
    """One step of the challenge form: every button saves the draft, then stays, goes on or goes back."""
    if not 1 <= step <= len(STEPS):
        raise Http404
    if not can_edit_challenge(request.user, challenge):
        messages.info(request, _("Ce défi n'est plus un brouillon : il se consulte en lecture seule."))
        return redirect("challenges:detail", pk=challenge.pk)
    if STEPS[step - 1].is_recap:
        return render_recap(request, challenge)
    forms = StepForms(STEPS[step - 1], challenge, request.POST if request.method == "POST" else None)
    save_errors = []
    if request.method == "POST":
        if forms.is_valid():
            try:
                services.challenge_save_step(challenge=challenge, by=request.user, **forms.service_kwargs())
            except ValidationError as error:
                save_errors = error.messages
            else:
                messages.success(request, _("Brouillon enregistré."))
                next_step = min(max(step + MOVES.get(request.POST.get("action"), 0), 1), len(STEPS))
                return redirect("challenges:edit", pk=challenge.pk, step=next_step)
        else:
            save_errors = [_("Corrigez les champs signalés ci-dessous : rien n'a été perdu.")]
    context = {
        "challenge": challenge,
        "forms": forms,
        "save_errors": save_errors,
        "SAVE_DRAFT": SAVE_DRAFT,
        "SAVE_AND_CONTINUE": SAVE_AND_CONTINUE,
        "SAVE_AND_BACK": SAVE_AND_BACK,
        **_steps_context(step),
    }
    return render(request, "challenges/agent/step.html", context)


@gate(CHALLENGE_OWNERS, load=challenge_get)
@require_POST
def submit(request, challenge: Challenge):
    """Submit the draft; refused, back to the recap page with the service's reasons (the draft is intact)."""
    if not can_submit_challenge(request.user, challenge):
        messages.error(request, _("Ce défi n'est plus un brouillon : il ne peut pas être déposé à nouveau."))
        return redirect("challenges:detail", pk=challenge.pk)
    try:
        services.challenge_submit(challenge=challenge, by=request.user)
    except ValidationError as error:
        refusal_remember(request, page=recap_url(challenge), reasons=error.messages)
        return redirect(recap_url(challenge))
    messages.success(request, _("Le défi est déposé : ses porteur·ses reçoivent un accusé de réception par e-mail."))
    return redirect("challenges:detail", pk=challenge.pk)
