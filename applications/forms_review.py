"""The staff's pre-selection forms: choosing a cohort and a profile, and the anonymous review form."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import PreselectionReview
from cohorts.forms import ScorecardForm
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.forms import DsfrFormMixin, MarkdownTextarea

SAVE, SAVE_AND_NEXT = "save", "save_next"


class ReviewScopeForm(DsfrFormMixin, forms.Form):
    """The cohort (the current one by default) and the profile whose applications the reviewer reads.
    Sent by GET: the choice stays in the URL, from the queue to each review page and back."""

    cohort = forms.ModelChoiceField(
        label=_("Promotion"), queryset=Cohort.objects.order_by("-number"), empty_label=None, to_field_name="number"
    )
    profile = forms.ChoiceField(
        label=_("Profil"), choices=[("", _("Tous les profils")), *Profile.choices], required=False
    )

    def __init__(self, data=None, *, default_cohort: Cohort | None = None, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("cohort") and default_cohort is not None:
            data["cohort"] = default_cohort.number
        super().__init__(data, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.layout = Layout("cohort", "profile")
        self.helper.add_input(Submit("scope", _("Afficher")))

    def scope(self) -> tuple[Cohort | None, str]:
        """The chosen cohort and profile; a value that is not valid falls back to no choice."""
        if self.is_valid():
            return self.cleaned_data["cohort"], self.cleaned_data["profile"]
        cohort = self.cleaned_data.get("cohort") if hasattr(self, "cleaned_data") else None
        return cohort, ""


class PreselectionReviewForm(ScorecardForm):
    """One score per criterion of the cohort's pre-selection grid (`criteria`) and a written assessment;
    `scorecard`, when given, is the reviewer's own earlier review, shown for revision."""

    grid_legend = _("Notes sur la grille de présélection")
    fieldsets = ((_("Votre appréciation"), ("assessment",)),)
    buttons = ((SAVE, _("Enregistrer")), (SAVE_AND_NEXT, _("Enregistrer et suivante")))

    assessment = forms.CharField(
        label=_("Appréciation"),
        widget=MarkdownTextarea(attrs={"rows": 6}),
        help_text=_("Ce qui fonde vos notes : forces, réserves, questions pour l'audition."),
    )

    def initial_values(self, scorecard: PreselectionReview) -> dict:
        return {"assessment": scorecard.assessment}

    def values(self) -> dict:
        """As `applications.services.application_review` takes them."""
        return {"assessment": self.cleaned_data["assessment"].strip()}
