"""The challenge form in steps (challenges.forms.CHALLENGE_FORM, on eig.multistep): every step saves a
draft (nothing typed is lost, nothing is required until submission); the last step is the recap, from
which the owner submits."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from challenges import services
from challenges.forms import CHALLENGE_FORM, StepForms
from challenges.models import Challenge
from challenges.permissions import CHALLENGE_OWNERS, can_edit_challenge, can_submit_challenge
from challenges.views.agent import (
    challenge_get,
    challenge_sections,
    closed_message,
    deadline_context,
    missing_items_with_steps,
)
from eig.gate import gate
from eig.multistep import Step, StepPage, markdown_preview


def step_preview(step: Step, challenge: Challenge) -> list[dict]:
    """The step's long texts (Markdown) as saved: each field's, and each position's mission."""
    items = markdown_preview(step, challenge) if step.form_class else []
    if "positions" in step.lists:
        for number, position in enumerate(challenge.positions.all(), start=1):
            label = _("Mission du poste %(number)s (%(profile)s)") % {
                "number": number,
                "profile": position.get_profile_display(),
            }
            items.append({"label": label, "text": position.mission})
    return items


def step_has_preview(step: Step) -> bool:
    return "positions" in step.lists or bool(step.markdown_fields)


def render_recap(request, page: StepPage, challenge: Challenge):
    """The last step: everything read-only, what is missing (with a link to its step), the deadline
    and the submit button; once the projects call is closed, no list of items to complete. A refused
    submission's reasons are shown here once, after its redirect."""
    reason = closed_message(challenge)
    context = {
        "challenge": challenge,
        "sections": challenge_sections(challenge),
        "missing": [] if reason else missing_items_with_steps(challenge),
        "closed_message": reason,
        **deadline_context(challenge),
    }
    return page.render(request, "challenges/agent/recap.html", context)


def _save_step(challenge: Challenge, by, forms: StepForms) -> str:
    services.challenge_save_step(challenge=challenge, by=by, **forms.service_kwargs())
    return _("Brouillon enregistré.")


@gate(CHALLENGE_OWNERS, load=challenge_get)
def edit(request, challenge: Challenge, step: int):
    """One step of the challenge form: every button saves the draft, then stays, goes on or goes back."""
    page = CHALLENGE_FORM.page(step, title=challenge.name, pk=challenge.pk)
    if not can_edit_challenge(request.user, challenge):
        messages.info(request, _("Ce défi n'est plus un brouillon : il se consulte en lecture seule."))
        return redirect("challenges:detail", pk=challenge.pk)
    if page.is_recap:
        return render_recap(request, page, challenge)
    forms = StepForms(page.current, challenge, request.POST if request.method == "POST" else None)
    has_preview = step_has_preview(page.current)
    if saved := page.post(
        request, forms=forms, save=partial(_save_step, challenge, request.user, forms), has_preview=has_preview
    ):
        return saved
    context = {
        "challenge": challenge,
        "forms": forms,
        "has_preview": has_preview,
        "preview": step_preview(page.current, challenge) if page.preview_requested(request) else None,
        **deadline_context(challenge),
    }
    return page.render(request, "challenges/agent/step.html", context)


@gate(CHALLENGE_OWNERS, load=challenge_get)
@require_POST
def submit(request, challenge: Challenge):
    """Submit the draft; refused, back to the recap page with the service's reasons (the draft is intact)."""
    if not can_submit_challenge(request.user, challenge):
        messages.error(request, _("Ce défi n'est plus un brouillon : il ne peut pas être déposé à nouveau."))
        return redirect("challenges:detail", pk=challenge.pk)
    return CHALLENGE_FORM.submit(
        request,
        submit=lambda: services.challenge_submit(challenge=challenge, by=request.user),
        done_message=_("Le défi est déposé : ses porteur·ses reçoivent un accusé de réception par e-mail."),
        done_url=reverse("challenges:detail", kwargs={"pk": challenge.pk}),
        pk=challenge.pk,
    )
