"""The juror's forms: the declaration of a link with the candidate, and the audition's scorecard."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.widgets import InlineRadioSelect

from auditions.models import AuditionScorecard, Link, Opinion
from cohorts.forms import ScorecardForm
from eig.forms import DsfrFormMixin


class DeclarationForm(DsfrFormMixin, forms.Form):
    """« Aucun lien », or the link and a note (any link is a recusal)."""

    link = forms.ChoiceField(
        label=_("Avez-vous un lien avec la personne auditionnée ?"),
        choices=Link.choices,
        widget=forms.RadioSelect,
        help_text=_("Tout lien vous déporte : vous ne verrez ni le dossier ni la grille de cette audition."),
    )
    note = forms.CharField(
        label=_("Précision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire si vous déclarez un lien : en quelques mots, sa nature et sa date."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("link") not in (None, Link.NONE) and not cleaned.get("note", "").strip():
            self.add_error("note", _("Précisez le lien en quelques mots."))
        return cleaned


class AuditionScorecardForm(ScorecardForm):
    """The cohort's audition grid, a comment per criterion, the opinion, the « coup de cœur » and a general
    comment; `scorecard`, when given, is the juror's own, shown for revision."""

    grid_legend = _("Notes sur la grille d'audition")
    criterion_comments = True
    fieldsets = ((_("Votre avis"), ("opinion", "favourite", "comment")),)
    buttons = (("save", _("Enregistrer mon évaluation")),)

    opinion = forms.ChoiceField(label=_("Votre avis"), choices=Opinion.choices, widget=InlineRadioSelect)
    favourite = forms.BooleanField(
        label=_("Coup de cœur"),
        required=False,
        help_text=_("Cochez si cette personne vous semble à retenir en priorité."),
    )
    comment = forms.CharField(
        label=_("Commentaire général"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vos remarques pour la délibération : forces, réserves."),
    )

    def initial_values(self, scorecard: AuditionScorecard) -> dict:
        return {"opinion": scorecard.opinion, "favourite": scorecard.favourite, "comment": scorecard.comment}

    def values(self) -> dict:
        """As `auditions.scorecards.audition_score` takes them."""
        return {
            "opinion": self.cleaned_data["opinion"],
            "favourite": self.cleaned_data["favourite"],
            "comment": self.cleaned_data["comment"].strip(),
        }
