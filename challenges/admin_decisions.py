"""The challenge list's bulk decisions, declared for the admin's one decision flow (eig.admin_decisions):
selecting or turning down challenges, reopening them, granting or refusing the derogations they ask for."""

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import DEROGATION_LIFECYCLE, Challenge, ChallengeStatus
from challenges.selectors import challenges_without_evaluation
from challenges.services import (
    DEROGATION_DECIDABLE_STATUSES,
    challenges_check_decidable,
    challenges_decide,
    challenges_derogation_decide,
    challenges_reopen,
)
from eig.admin_decisions import Column, Decision, DecisionNoteForm, Warning, score_cell

NOTE_HELP = gettext_lazy("Gardée dans l'historique du défi ; pour une réouverture, envoyée aux porteur·ses.")
TABLE_ID = "challenges-to-change"
COLUMNS = (
    Column(gettext_lazy("Défi"), lambda challenge: challenge.name),
    Column(gettext_lazy("Promotion"), lambda challenge: challenge.cohort),
    Column(gettext_lazy("Administration"), lambda challenge: challenge.administration),
    Column(gettext_lazy("Statut actuel"), Challenge.get_status_display),
    Column(gettext_lazy("Note moyenne"), lambda challenge: score_cell(challenge.mean_score)),
    Column(gettext_lazy("Évaluations"), lambda challenge: challenge.evaluation_count),
)
DEROGATION_COLUMNS = (
    *COLUMNS,
    Column(gettext_lazy("Postes"), lambda challenge: challenge.positions.count()),
    Column(
        gettext_lazy("Dérogation demandée"),
        lambda challenge: (
            _("%(positions)s (%(status)s)")
            % {"positions": challenge.derogation_positions_text, "status": challenge.get_derogation_status_display()}
        ),
    ),
    Column(gettext_lazy("Motif"), lambda challenge: linebreaksbr(challenge.derogation_reason)),
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


def _names(challenges: list[Challenge], describe) -> str:
    return ", ".join(f"{challenge.name} ({describe(challenge)})" for challenge in challenges)


def _told(message: str, count: int) -> str:
    return message % {"count": count} + " " + _("Les porteur·ses en sont informé·es par e-mail.")


def _to_status_intro(status: ChallengeStatus):
    return lambda count: (
        ngettext(
            "Ce défi passera au statut « %(status)s » :",
            "Ces %(count)s défis passeront au statut « %(status)s » :",
            count,
        )
        % {"status": status.label, "count": count}
    )


def _unevaluated_warning(challenges: list[Challenge]) -> Warning | None:
    unevaluated = challenges_without_evaluation(challenges)
    if not unevaluated:
        return None
    text = ngettext(
        "Aucun·e juré·e n'a évalué ce défi : la décision sera celle de l'équipe du programme seule.",
        "Aucun·e juré·e n'a évalué ces %(count)s défis : la décision sera celle de l'équipe du programme seule.",
        len(unevaluated),
    ) % {"count": len(unevaluated)}
    return Warning(id="unevaluated", text=text, items=[challenge.name for challenge in unevaluated])


def status_decision(to_status: ChallengeStatus) -> Decision:
    """Selecting or turning down: submitted challenges, or decided ones to revise the decision."""
    selected = to_status == ChallengeStatus.SELECTED
    return Decision(
        action="select_challenges" if selected else "turn_down_challenges",
        description=(
            gettext_lazy("Sélectionner les défis choisis")
            if selected
            else gettext_lazy("Ne pas retenir les défis choisis")
        ),
        transition="select" if selected else "turn_down",
        title=gettext_lazy("Sélectionner ces défis ?") if selected else gettext_lazy("Ne pas retenir ces défis ?"),
        confirm_label=gettext_lazy("Oui, sélectionner") if selected else gettext_lazy("Oui, ne pas les retenir"),
        left_out_message=lambda left_out: (
            _(
                "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
                "« %(status)s » ; ignorés : %(names)s."
            )
            % {"status": to_status.label, "names": _names(left_out, Challenge.get_status_display)}
        ),
        intro=_to_status_intro(to_status),
        notice=gettext_lazy(
            "Les porteur·ses de chaque défi recevront un e-mail annonçant la décision de l'équipe du programme "
            "(il ne mentionne le jury que pour les défis qu'il a évalués)."
        ),
        columns=COLUMNS,
        table_id=TABLE_ID,
        note_help=NOTE_HELP,
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
        warning=_unevaluated_warning,
        done_message=lambda done: _told(
            ngettext("%(count)s défi sélectionné.", "%(count)s défis sélectionnés.", len(done))
            if selected
            else ngettext("%(count)s défi non retenu.", "%(count)s défis non retenus.", len(done)),
            len(done),
        ),
    )


REOPEN = Decision(
    action="reopen_challenges",
    description=gettext_lazy("Rouvrir pour modification"),
    transition="reopen",
    title=gettext_lazy("Rouvrir ces défis pour modification ?"),
    confirm_label=gettext_lazy("Oui, les rouvrir"),
    left_out_message=lambda left_out: (
        _("Seuls les défis déposés peuvent être rouverts ; ignorés : %(names)s.")
        % {"names": _names(left_out, Challenge.get_status_display)}
    ),
    intro=_to_status_intro(ChallengeStatus.DRAFT),
    notice=gettext_lazy(
        "Les porteur·ses de chaque défi recevront un e-mail et pourront de nouveau modifier leur défi."
    ),
    columns=COLUMNS,
    table_id=TABLE_ID,
    note_help=NOTE_HELP,
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
    transition = "grant" if granted else "refuse"
    return Decision(
        action="grant_derogations" if granted else "refuse_derogations",
        description=(
            gettext_lazy("Accorder la dérogation demandée")
            if granted
            else gettext_lazy("Refuser la dérogation demandée")
        ),
        transition=transition,
        title=gettext_lazy("Accorder ces dérogations ?") if granted else gettext_lazy("Refuser ces dérogations ?"),
        confirm_label=gettext_lazy("Oui, les accorder") if granted else gettext_lazy("Oui, les refuser"),
        applies_to=lambda challenge: (
            DEROGATION_LIFECYCLE.can(challenge, transition) and challenge.status in DEROGATION_DECIDABLE_STATUSES
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
        notice=gettext_lazy(
            "Les porteur·ses de chaque défi recevront un e-mail annonçant la décision, avec votre note."
        ),
        columns=DEROGATION_COLUMNS,
        table_id=TABLE_ID,
        note_help=NOTE_HELP,
        apply=lambda challenges, by, data: challenges_derogation_decide(
            challenges=challenges, granted=granted, by=by, note=data["note"]
        ),
        done_message=lambda done: _told(
            ngettext("%(count)s dérogation accordée.", "%(count)s dérogations accordées.", len(done))
            if granted
            else ngettext("%(count)s dérogation refusée.", "%(count)s dérogations refusées.", len(done)),
            len(done),
        ),
    )


DECISIONS = (
    status_decision(ChallengeStatus.SELECTED),
    status_decision(ChallengeStatus.NOT_SELECTED),
    REOPEN,
    derogation_decision(granted=True),
    derogation_decision(granted=False),
)
