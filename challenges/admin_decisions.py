"""The challenge list's bulk decisions, each taken through one confirmation page: selecting or turning
down challenges, reopening them, granting or refusing the derogations they ask for.

`confirm_decision` is the one flow: it leaves out the challenges the decision does not apply to (and
says so), shows the others with a note to write, and, once confirmed, calls the decision's service,
which checks again and records who decided; its refusals come back as an error message."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import ALLOWED_TRANSITIONS, Challenge, ChallengeStatus
from challenges.selectors import challenges_without_evaluation
from challenges.services import (
    DEROGATION_DECIDABLE_STATUSES,
    challenges_check_decidable,
    challenges_decide,
    challenges_derogation_decide,
    challenges_reopen,
)

CONFIRMATION_TEMPLATE = "challenges/selection/admin/decision_confirmation.html"


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (facultative)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=gettext_lazy("Gardée dans l'historique du défi ; pour une réouverture, envoyée aux porteur·ses."),
    )


class StatusDecisionForm(DecisionNoteForm):
    """Selecting or turning down: challenges that no juror evaluated need an explicit confirmation."""

    confirm_without_evaluation = forms.BooleanField(
        label=gettext_lazy("Je confirme la décision pour ces défis, qu'aucun·e juré·e n'a évalués."),
        required=True,
        error_messages={
            "required": gettext_lazy("Cochez cette case pour décider de défis que le jury n'a pas évalués.")
        },
    )

    def __init__(self, *args, unevaluated: list[Challenge], **kwargs):
        super().__init__(*args, **kwargs)
        if not unevaluated:
            del self.fields["confirm_without_evaluation"]


@dataclass(frozen=True)
class Decision:
    """One bulk decision: to whom it applies, what the confirmation page says, and the service it calls.

    - `applies_to(challenge)`: whether the decision can be taken on it (the others are left out);
    - `left_out_message(challenges)`: why those were left out, in French;
    - `intro(count)`: the sentence above the list of challenges;
    - `notice`: what happens next (who is told);
    - `check(challenges)`: the service's check, so that the page is not offered for a decision the
      service would refuse (raises ValidationError);
    - `apply(challenges, by, cleaned_data)`: the service call, which raises ValidationError to refuse;
    - `done_message(done)`: what is said once it is done.
    """

    action: str
    title: str
    confirm_label: str
    applies_to: Callable[[Challenge], bool]
    left_out_message: Callable[[list[Challenge]], str]
    intro: Callable[[int], str]
    notice: str
    apply: Callable[[list[Challenge], object, dict], list[Challenge]]
    done_message: Callable[[list[Challenge]], str]
    form_class: type[forms.Form] = DecisionNoteForm
    # Columns of the list: the derogation asked, for derogation decisions.
    show_derogation: bool = False
    check: Callable[[list[Challenge]], None] = field(default=lambda challenges: None)
    extra_context: Callable[[list[Challenge]], dict] = field(default=lambda challenges: {})
    form_kwargs: Callable[[list[Challenge]], dict] = field(default=lambda challenges: {})


def confirm_decision(model_admin, request, queryset, decision: Decision):
    """The confirmation page of `decision` on the chosen challenges, then the decision once confirmed."""
    challenges = list(queryset)
    eligible = [challenge for challenge in challenges if decision.applies_to(challenge)]
    left_out = [challenge for challenge in challenges if not decision.applies_to(challenge)]
    left_out_message = decision.left_out_message(left_out) if left_out else ""
    if not eligible:
        model_admin.message_user(request, left_out_message, messages.ERROR)
        return None
    try:
        decision.check(eligible)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    confirmed = request.POST.get("post") == "yes"
    form = decision.form_class(request.POST if confirmed else None, **decision.form_kwargs(eligible))
    if form.is_bound and form.is_valid():
        try:
            done = decision.apply(eligible, request.user, form.cleaned_data)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        model_admin.message_user(request, decision.done_message(done), messages.SUCCESS)
        if left_out:
            model_admin.message_user(request, left_out_message, messages.WARNING)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": decision.title,
        "opts": model_admin.model._meta,
        "challenges": eligible,
        "intro": decision.intro(len(eligible)),
        "notice": decision.notice,
        "show_derogation": decision.show_derogation,
        "refused": left_out,
        "refused_message": left_out_message,
        "action": decision.action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "form": form,
        "confirm_label": decision.confirm_label,
        "media": model_admin.media,
        **decision.extra_context(eligible),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)


# --- The decisions of the challenge list -----------------------------------------------------------


def _names(challenges: list[Challenge], describe) -> str:
    return ", ".join(f"{challenge.name} ({describe(challenge)})" for challenge in challenges)


def _told(message: str, count: int) -> str:
    return message % {"count": count} + " " + _("Les porteur·ses en sont informé·es par e-mail.")


def status_decision(to_status: ChallengeStatus) -> Decision:
    """Selecting or turning down: submitted challenges, or decided ones to revise the decision."""
    selected = to_status == ChallengeStatus.SELECTED
    return Decision(
        action="select_challenges" if selected else "turn_down_challenges",
        title=_("Sélectionner ces défis ?") if selected else _("Ne pas retenir ces défis ?"),
        confirm_label=_("Oui, sélectionner") if selected else _("Oui, ne pas les retenir"),
        applies_to=lambda challenge: to_status in ALLOWED_TRANSITIONS[ChallengeStatus(challenge.status)],
        left_out_message=lambda left_out: (
            _(
                "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
                "« %(status)s » ; ignorés : %(names)s."
            )
            % {"status": to_status.label, "names": _names(left_out, Challenge.get_status_display)}
        ),
        intro=lambda count: (
            ngettext(
                "Ce défi passera au statut « %(status)s » :",
                "Ces %(count)s défis passeront au statut « %(status)s » :",
                count,
            )
            % {"status": to_status.label, "count": count}
        ),
        notice=_(
            "Les porteur·ses de chaque défi recevront un e-mail annonçant la décision de l'équipe du programme "
            "(il ne mentionne le jury que pour les défis qu'il a évalués)."
        ),
        # The window and the derogations are checked before the page is shown; the evaluations are
        # confirmed on it.
        check=lambda challenges: challenges_check_decidable(
            challenges=challenges, selected=selected, without_evaluation_confirmed=True
        ),
        apply=lambda challenges, by, data: challenges_decide(
            challenges=challenges,
            selected=selected,
            by=by,
            note=data["note"].strip(),
            without_evaluation_confirmed=data.get("confirm_without_evaluation", False),
        ),
        form_class=StatusDecisionForm,
        form_kwargs=lambda challenges: {"unevaluated": challenges_without_evaluation(challenges)},
        extra_context=lambda challenges: {"unevaluated": challenges_without_evaluation(challenges)},
        done_message=lambda done: _told(
            ngettext("%(count)s défi sélectionné.", "%(count)s défis sélectionnés.", len(done))
            if selected
            else ngettext("%(count)s défi non retenu.", "%(count)s défis non retenus.", len(done)),
            len(done),
        ),
    )


REOPEN = Decision(
    action="reopen_challenges",
    title=gettext_lazy("Rouvrir ces défis pour modification ?"),
    confirm_label=gettext_lazy("Oui, les rouvrir"),
    applies_to=lambda challenge: challenge.status == ChallengeStatus.SUBMITTED,
    left_out_message=lambda left_out: (
        _("Seuls les défis déposés peuvent être rouverts ; ignorés : %(names)s.")
        % {"names": _names(left_out, Challenge.get_status_display)}
    ),
    intro=lambda count: (
        ngettext(
            "Ce défi passera au statut « %(status)s » :",
            "Ces %(count)s défis passeront au statut « %(status)s » :",
            count,
        )
        % {"status": ChallengeStatus.DRAFT.label, "count": count}
    ),
    notice=gettext_lazy(
        "Les porteur·ses de chaque défi recevront un e-mail et pourront de nouveau modifier leur défi."
    ),
    apply=lambda challenges, by, data: challenges_reopen(challenges=challenges, by=by, note=data["note"].strip()),
    done_message=lambda done: _told(
        ngettext(
            "%(count)s défi rouvert pour modification.", "%(count)s défis rouverts pour modification.", len(done)
        ),
        len(done),
    ),
)


def derogation_decision(*, granted: bool) -> Decision:
    """Granting or refusing the derogations asked (a decision may be revised until the selection)."""
    return Decision(
        action="grant_derogations" if granted else "refuse_derogations",
        title=_("Accorder ces dérogations ?") if granted else _("Refuser ces dérogations ?"),
        confirm_label=_("Oui, les accorder") if granted else _("Oui, les refuser"),
        applies_to=lambda challenge: (
            bool(challenge.derogation_status) and challenge.status in DEROGATION_DECIDABLE_STATUSES
        ),
        left_out_message=lambda left_out: (
            _(
                "Seuls les défis qui demandent une dérogation, en brouillon ou déposés, peuvent la voir accordée "
                "ou refusée ; ignorés : %(names)s."
            )
            % {
                "names": _names(
                    left_out, lambda challenge: challenge.get_derogation_status_display() or _("pas de dérogation")
                )
            }
        ),
        intro=lambda count: (
            (
                ngettext(
                    "La dérogation demandée par ce défi sera accordée :",
                    "Les dérogations demandées par ces %(count)s défis seront accordées :",
                    count,
                )
                if granted
                else ngettext(
                    "La dérogation demandée par ce défi sera refusée :",
                    "Les dérogations demandées par ces %(count)s défis seront refusées :",
                    count,
                )
            )
            % {"count": count}
        ),
        notice=_("Les porteur·ses de chaque défi recevront un e-mail annonçant la décision, avec votre note."),
        apply=lambda challenges, by, data: challenges_derogation_decide(
            challenges=challenges, granted=granted, by=by, note=data["note"]
        ),
        done_message=lambda done: _told(
            ngettext("%(count)s dérogation accordée.", "%(count)s dérogations accordées.", len(done))
            if granted
            else ngettext("%(count)s dérogation refusée.", "%(count)s dérogations refusées.", len(done)),
            len(done),
        ),
        show_derogation=True,
    )
