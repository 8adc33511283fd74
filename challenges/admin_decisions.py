"""The challenge list's bulk decisions, declared for the admin's one decision flow (eig.admin_decisions):
selecting or turning down challenges, reopening them, granting or refusing the derogations they ask for."""

from dataclasses import replace

from django import forms
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from challenges.models import DEROGATION_LIFECYCLE, Challenge
from challenges.selectors import challenges_without_evaluation
from challenges.services import (
    DEROGATION_DECIDABLE_STATUSES,
    challenges_check_decidable,
    challenges_decide,
    challenges_derogation_decide,
    challenges_reopen,
)
from cohorts.scoring import score_display
from eig.admin_decisions import Column, Decision, DecisionNoteForm, DecisionPage, Warning

NOTE_HELP = _("Gardée dans l'historique du défi ; pour une réouverture, envoyée aux porteur·ses.")
TABLE_ID = "challenges-to-change"
COLUMNS = (
    Column(_("Défi"), lambda challenge: challenge.name),
    Column(_("Promotion"), lambda challenge: challenge.cohort),
    Column(_("Administration"), lambda challenge: challenge.administration),
    Column(_("Statut actuel"), Challenge.get_status_display),
    Column(_("Note moyenne"), lambda challenge: score_display(challenge.mean_score)),
    Column(_("Évaluations"), lambda challenge: challenge.evaluation_count),
)
DEROGATION_COLUMNS = (
    *COLUMNS,
    Column(_("Postes"), lambda challenge: challenge.positions.count()),
    Column(
        _("Dérogation demandée"),
        lambda challenge: (
            _("%(positions)s (%(status)s)")
            % {"positions": challenge.derogation_positions_text, "status": challenge.get_derogation_status_display()}
        ),
    ),
    Column(_("Motif"), lambda challenge: linebreaksbr(challenge.derogation_reason)),
)


class StatusDecisionForm(DecisionNoteForm):
    """Selecting or turning down: challenges that no juror evaluated need an explicit confirmation."""

    confirm_without_evaluation = forms.BooleanField(
        label=_("Je confirme la décision pour ces défis, qu'aucun·e juré·e n'a évalués."),
        required=True,
        error_messages={"required": _("Cochez cette case pour décider de défis que le jury n'a pas évalués.")},
    )

    def __init__(self, *args, unevaluated: list[Challenge], **kwargs):
        super().__init__(*args, **kwargs)
        if not unevaluated:
            del self.fields["confirm_without_evaluation"]


def _with_status(challenge: Challenge) -> str:
    return f"{challenge.name} ({challenge.get_status_display()})"


def _with_derogation(challenge: Challenge) -> str:
    return f"{challenge.name} ({challenge.get_derogation_status_display() or _('pas de dérogation')})"


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


# Selecting or turning down: submitted challenges, or decided ones to revise the decision. The window and the
# derogations are checked before the page is shown; the evaluations are confirmed on it.
STATUS_PAGE = DecisionPage(
    intro=ngettext_lazy(
        "Ce défi passera au statut « %(status)s » :",
        "Ces %(count)s défis passeront au statut « %(status)s » :",
        "count",
    ),
    left_out=_(
        "Seuls les défis déposés, ou déjà décidés pour revenir sur la décision, passent au statut "
        "« %(status)s » ; ignorés : %(names)s."
    ),
    describe=_with_status,
    notice=_(
        "Les porteur·ses de chaque défi recevront un e-mail annonçant la décision de l'équipe du programme "
        "(il ne mentionne le jury que pour les défis qu'il a évalués)."
    ),
    told=_("Les porteur·ses en sont informé·es par e-mail."),
    columns=COLUMNS,
    table_id=TABLE_ID,
    note_help=NOTE_HELP,
    check=lambda decision, challenges: challenges_check_decidable(
        challenges=challenges, selected=decision.transition == "select", without_evaluation_confirmed=True
    ),
    apply=lambda decision, challenges, by, data: challenges_decide(
        challenges=challenges,
        selected=decision.transition == "select",
        by=by,
        note=data["note"].strip(),
        without_evaluation_confirmed=data.get("confirm_without_evaluation", False),
    ),
    form_class=StatusDecisionForm,
    form_kwargs=lambda challenges: {"unevaluated": challenges_without_evaluation(challenges)},
    warning=_unevaluated_warning,
)
REOPEN_PAGE = replace(
    STATUS_PAGE,
    left_out=_("Seuls les défis déposés peuvent être rouverts ; ignorés : %(names)s."),
    notice=_("Les porteur·ses de chaque défi recevront un e-mail et pourront de nouveau modifier leur défi."),
    check=lambda decision, challenges: None,
    apply=lambda decision, challenges, by, data: challenges_reopen(
        challenges=challenges, by=by, note=data["note"].strip()
    ),
    form_class=DecisionNoteForm,
    form_kwargs=lambda challenges: {},
    warning=lambda challenges: None,
)
# Granting or refusing the derogations asked (a decision may be revised until the selection).
DEROGATION_PAGE = replace(
    REOPEN_PAGE,
    lifecycle=DEROGATION_LIFECYCLE,
    condition=lambda challenge: challenge.status in DEROGATION_DECIDABLE_STATUSES,
    left_out=_(
        "Seuls les défis qui demandent une dérogation, en brouillon ou déposés, peuvent la voir accordée "
        "ou refusée ; ignorés : %(names)s."
    ),
    describe=_with_derogation,
    notice=_("Les porteur·ses de chaque défi recevront un e-mail annonçant la décision, avec votre note."),
    columns=DEROGATION_COLUMNS,
    apply=lambda decision, challenges, by, data: challenges_derogation_decide(
        challenges=challenges, granted=decision.transition == "grant", by=by, note=data["note"]
    ),
)
GRANT_PAGE = replace(
    DEROGATION_PAGE,
    intro=ngettext_lazy(
        "La dérogation demandée par ce défi sera accordée :",
        "Les dérogations demandées par ces %(count)s défis seront accordées :",
        "count",
    ),
)
REFUSE_PAGE = replace(
    DEROGATION_PAGE,
    intro=ngettext_lazy(
        "La dérogation demandée par ce défi sera refusée :",
        "Les dérogations demandées par ces %(count)s défis seront refusées :",
        "count",
    ),
)

# Each decision's labels: in the list's menu, as the confirmation page's title, on its button; then what is
# said once it is done.
SELECT = (_("Sélectionner les défis choisis"), _("Sélectionner ces défis ?"), _("Oui, sélectionner"))
TURN_DOWN = (_("Ne pas retenir les défis choisis"), _("Ne pas retenir ces défis ?"), _("Oui, ne pas les retenir"))
REOPEN = (_("Rouvrir pour modification"), _("Rouvrir ces défis pour modification ?"), _("Oui, les rouvrir"))
GRANT = (_("Accorder la dérogation demandée"), _("Accorder ces dérogations ?"), _("Oui, les accorder"))
REFUSE = (_("Refuser la dérogation demandée"), _("Refuser ces dérogations ?"), _("Oui, les refuser"))
DONE = {
    "select": ngettext_lazy("%(count)s défi sélectionné.", "%(count)s défis sélectionnés.", "count"),
    "turn_down": ngettext_lazy("%(count)s défi non retenu.", "%(count)s défis non retenus.", "count"),
    "reopen": ngettext_lazy(
        "%(count)s défi rouvert pour modification.", "%(count)s défis rouverts pour modification.", "count"
    ),
    "grant": ngettext_lazy("%(count)s dérogation accordée.", "%(count)s dérogations accordées.", "count"),
    "refuse": ngettext_lazy("%(count)s dérogation refusée.", "%(count)s dérogations refusées.", "count"),
}

DECISIONS = (
    Decision("select", SELECT, DONE["select"], STATUS_PAGE, action="select_challenges"),
    Decision("turn_down", TURN_DOWN, DONE["turn_down"], STATUS_PAGE, action="turn_down_challenges"),
    Decision("reopen", REOPEN, DONE["reopen"], REOPEN_PAGE, action="reopen_challenges"),
    Decision("grant", GRANT, DONE["grant"], GRANT_PAGE, action="grant_derogations"),
    Decision("refuse", REFUSE, DONE["refuse"], REFUSE_PAGE, action="refuse_derogations"),
)
