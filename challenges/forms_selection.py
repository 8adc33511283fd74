"""The challenge jury's evaluation form: one score per criterion of the cohort's challenge grid."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.widgets import InlineRadioSelect

from challenges.models import ChallengeEvaluation
from eig.forms import DsfrFormMixin, MarkdownTextarea

FAVOURABLE, UNFAVOURABLE = "favourable", "unfavourable"


class ChallengeEvaluationForm(DsfrFormMixin, forms.Form):
    """Built from the grid's criteria (`criteria`); `evaluation`, when given, is the evaluator's own
    earlier evaluation, shown for editing."""

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

    def __init__(self, *args, criteria, evaluation: ChallengeEvaluation | None = None, **kwargs):
        self.criteria = list(criteria)
        criterion_fields = {}
        for criterion in self.criteria:
            hint = _("De %(min)s (le plus faible) à %(max)s (le meilleur).") % {
                "min": criterion.min_score,
                "max": criterion.max_score,
            }
            criterion_fields[self.criterion_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=f"{criterion.description} {hint}".strip(),
                choices=[(score, str(score)) for score in range(criterion.min_score, criterion.max_score + 1)],
                coerce=int,
                widget=InlineRadioSelect,
            )
        super().__init__(*args, **kwargs)
        # The criteria come first, in the grid's order.
        self.fields = {**criterion_fields, **self.fields}
        if evaluation is not None:
            self.initial = {**self.initial_from(evaluation), **self.initial}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Notes sur la grille de sélection"), *criterion_fields),
            Fieldset(_("Votre avis"), "favourable", "favourite", "comment"),
        )
        self.helper.add_input(Submit("save", _("Enregistrer mon évaluation")))

    @staticmethod
    def criterion_field_name(criterion) -> str:
        return f"criterion_{criterion.pk}"

    def initial_from(self, evaluation: ChallengeEvaluation) -> dict:
        on_grid = {criterion.pk for criterion in self.criteria}
        initial = {
            f"criterion_{score.criterion_id}": score.score
            for score in evaluation.scores.all()
            if score.criterion_id in on_grid
        }
        initial.update(
            favourable=FAVOURABLE if evaluation.favourable else UNFAVOURABLE,
            favourite=evaluation.favourite,
            comment=evaluation.comment,
        )
        return initial

    def service_arguments(self) -> dict:
        """The cleaned data as `challenges.services.challenge_evaluate` takes it."""
        return {
            "scores": {
                criterion.pk: self.cleaned_data[self.criterion_field_name(criterion)] for criterion in self.criteria
            },
            "favourable": self.cleaned_data["favourable"] == FAVOURABLE,
            "favourite": self.cleaned_data["favourite"],
            "comment": self.cleaned_data["comment"].strip(),
        }
