"""The staff's pre-selection forms: choosing a cohort and a profile, and the anonymous review form."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.widgets import InlineRadioSelect

from applications.models import PreselectionReview
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


class PreselectionReviewForm(DsfrFormMixin, forms.Form):
    """One score per criterion of the cohort's pre-selection grid (`criteria`) and a written assessment;
    `review`, when given, is the reviewer's own earlier review, shown for revision."""

    assessment = forms.CharField(
        label=_("Appréciation"),
        widget=MarkdownTextarea(attrs={"rows": 6}),
        help_text=_("Ce qui fonde vos notes : forces, réserves, questions pour l'audition."),
    )

    def __init__(self, *args, criteria, review: PreselectionReview | None = None, **kwargs):
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
        # The grid comes first, in its order.
        self.fields = {**criterion_fields, **self.fields}
        if review is not None:
            self.initial = {**self.initial_from(review), **self.initial}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Notes sur la grille de présélection"), *criterion_fields),
            Fieldset(_("Votre appréciation"), "assessment"),
        )
        self.helper.add_input(Submit(SAVE, _("Enregistrer")))
        self.helper.add_input(Submit(SAVE_AND_NEXT, _("Enregistrer et suivante")))

    @staticmethod
    def criterion_field_name(criterion) -> str:
        return f"criterion_{criterion.pk}"

    def initial_from(self, review: PreselectionReview) -> dict:
        on_grid = {criterion.pk for criterion in self.criteria}
        initial = {
            self.criterion_field_name(score.criterion): score.score
            for score in review.scores.all()
            if score.criterion_id in on_grid
        }
        initial["assessment"] = review.assessment
        return initial

    def service_arguments(self) -> dict:
        """The cleaned data as `applications.services.application_review` takes it."""
        return {
            "scores": {
                criterion.pk: self.cleaned_data[self.criterion_field_name(criterion)] for criterion in self.criteria
            },
            "assessment": self.cleaned_data["assessment"].strip(),
        }
