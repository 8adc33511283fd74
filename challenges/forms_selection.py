"""The challenge jury's evaluation form: one score per criterion of the cohort's challenge grid."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.widgets import InlineRadioSelect

from challenges.models import ChallengeEvaluation
from cohorts.forms import ScorecardForm
from eig.forms import MarkdownTextarea

FAVOURABLE, UNFAVOURABLE = "favourable", "unfavourable"


class ChallengeEvaluationForm(ScorecardForm):
    """Built from the grid's criteria (`criteria`); `scorecard`, when given, is the evaluator's own
    earlier evaluation, shown for editing."""

    grid_legend = _("Notes sur la grille de sélection")
    fieldsets = ((_("Votre avis"), ("favourable", "favourite", "comment")),)
    buttons = (("save", _("Enregistrer mon évaluation")),)

    favourable = forms.ChoiceField(
        label=_("Votre avis sur ce défi"),
        choices=[(FAVOURABLE, _("Favorable")), (UNFAVOURABLE, _("Défavorable"))],
        widget=InlineRadioSelect,
    )
    favourite = forms.BooleanField(
        label=_("Coup de cœur"),
        required=False,
        help_text=_("Cochez si ce défi vous semble à retenir en priorité."),
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        widget=MarkdownTextarea(attrs={"rows": 5}),
        help_text=_("Vos remarques pour la délibération : forces, réserves, questions à poser."),
    )

    def initial_values(self, scorecard: ChallengeEvaluation) -> dict:
        return {
            "favourable": FAVOURABLE if scorecard.favourable else UNFAVOURABLE,
            "favourite": scorecard.favourite,
            "comment": scorecard.comment,
        }

    def values(self) -> dict:
        """As `challenges.services.challenge_evaluate` takes them."""
        return {
            "favourable": self.cleaned_data["favourable"] == FAVOURABLE,
            "favourite": self.cleaned_data["favourite"],
            "comment": self.cleaned_data["comment"].strip(),
        }
