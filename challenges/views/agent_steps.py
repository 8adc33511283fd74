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
from challenges.forms import STEPS, Step, StepForms
from challenges.models import Challenge
from challenges.permissions import CHALLENGE_OWNERS, can_edit_challenge, can_submit_challenge
from challenges.views.agent import challenge_get, challenge_sections, closed_message, missing_items_with_steps
from eig.forms import markdown_fields
from eig.gate import gate
from eig.refusals import refusal_pop, refusal_remember

# The buttons of a step: each saves the draft, then stays, goes on or goes back; the preview stays and
# shows the step's long texts as they will be rendered.
SAVE_DRAFT, SAVE_AND_CONTINUE, SAVE_AND_BACK, SAVE_AND_PREVIEW = "draft", "continue", "previous", "preview"
MOVES = {SAVE_DRAFT: 0, SAVE_AND_CONTINUE: 1, SAVE_AND_BACK: -1, SAVE_AND_PREVIEW: 0}
PREVIEW_PARAMETER = "apercu"


def step_preview(step: Step, challenge: Challenge) -> list[dict]:
    """The step's long texts (Markdown) as saved: each field's, and each position's mission."""
    items = []
    for name in markdown_fields(step.fields_form) if step.fields_form else []:
        items.append({"label": Challenge._meta.get_field(name).verbose_name, "text": getattr(challenge, name)})
    if "positions" in step.lists:
        for number, position in enumerate(challenge.positions.all(), start=1):
            label = _("Mission du poste %(number)s (%(profile)s)") % {
                "number": number,
                "profile": position.get_profile_display(),
            }
            items.append({"label": label, "text": position.mission})
    return items


def step_has_preview(step: Step) -> bool:
    return "positions" in step.lists or bool(step.fields_form and markdown_fields(step.fields_form))


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
                action = request.POST.get("action")
                if action == SAVE_AND_PREVIEW and step_has_preview(STEPS[step - 1]):
                    url = reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": step})
                    return redirect(f"{url}?{PREVIEW_PARAMETER}=1#apercu")
                next_step = min(max(step + MOVES.get(action, 0), 1), len(STEPS))
                return redirect("challenges:edit", pk=challenge.pk, step=next_step)
        else:
            save_errors = [_("Corrigez les champs signalés ci-dessous : rien n'a été perdu.")]
    show_preview = request.method == "GET" and PREVIEW_PARAMETER in request.GET
    context = {
        "challenge": challenge,
        "forms": forms,
        "save_errors": save_errors,
        "has_preview": step_has_preview(STEPS[step - 1]),
        "preview": step_preview(STEPS[step - 1], challenge) if show_preview else None,
        "SAVE_DRAFT": SAVE_DRAFT,
        "SAVE_AND_CONTINUE": SAVE_AND_CONTINUE,
        "SAVE_AND_BACK": SAVE_AND_BACK,
        "SAVE_AND_PREVIEW": SAVE_AND_PREVIEW,
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
