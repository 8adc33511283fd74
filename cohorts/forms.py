from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.widgets import InlineRadioSelect

from cohorts.models import CALENDAR_RULES, USUAL_POSITIONS_CONSTRAINT, Cohort, ScoringCriterion
from cohorts.scoring import Scorecard
from eig.forms import DsfrFormMixin


class CohortForm(forms.ModelForm):
    """The cohort form of the admin: a calendar error is shown on the date to correct, an error in the usual
    number of positions on its maximum."""

    class Meta:
        model = Cohort
        fields = [
            "number",
            "name",
            "projects_call_opens_at",
            "projects_call_closes_at",
            "challenges_selected_at",
            "candidates_call_opens_at",
            "candidates_call_closes_at",
            "preselection_results_at",
            "wishes_open_at",
            "wishes_close_at",
            "auditions_start_at",
            "auditions_end_at",
            "results_at",
            "acceptance_days",
            "programme_starts_at",
            "programme_ends_at",
            "junior_monthly_salary",
            "senior_monthly_salary",
            "seniority_threshold_years",
            "usual_positions_min",
            "usual_positions_max",
        ]

    def _update_errors(self, errors: ValidationError) -> None:
        field_of_message = {str(rule.message): rule.later for rule in CALENDAR_RULES}
        field_of_message[str(USUAL_POSITIONS_CONSTRAINT.violation_error_message)] = "usual_positions_max"
        if hasattr(errors, "error_dict") and NON_FIELD_ERRORS in errors.error_dict:
            kept = []
            for error in errors.error_dict.pop(NON_FIELD_ERRORS):
                field = next((field_of_message.get(str(m)) for m in error.messages), None)
                if field in self.fields:
                    errors.error_dict.setdefault(field, []).append(error)
                else:
                    kept.append(error)
            if kept:
                errors.error_dict[NON_FIELD_ERRORS] = kept
        super()._update_errors(errors)


class ScorecardForm(DsfrFormMixin, forms.Form):
    """A scorecard's form (cohorts.scoring): one choice per criterion of the grid (`criteria`), on its scale,
    in the grid's order, then the subclass's own fields. `scorecard`, when given, is the scorer's own earlier
    scorecard, shown for revision.

    A subclass names the grid's fieldset (`grid_legend`), its own fieldsets (`fieldsets`: legend, fields)
    and submit buttons (`buttons`: name, label), and says how its fields read a scorecard
    (`initial_values`) and what the save service takes of them (`values`). With `criterion_comments`, each
    criterion is followed by an optional comment (`comment_<pk>`), given to the service as `comments`
    (for a score model with a `comment` field)."""

    grid_legend: str
    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    buttons: tuple[tuple[str, str], ...] = ()
    criterion_comments: bool = False

    def __init__(self, *args, criteria, scorecard: Scorecard | None = None, **kwargs):
        self.criteria = list(criteria)
        grid = {}
        for criterion in self.criteria:
            grid[self.criterion_field_name(criterion)] = criterion_field(criterion)
            if self.criterion_comments:
                grid[self.comment_field_name(criterion)] = criterion_comment_field(criterion)
        super().__init__(*args, **kwargs)
        # The grid comes first, in its order.
        self.fields = {**grid, **self.fields}
        if scorecard is not None:
            self.initial = {**self.initial_from(scorecard), **self.initial}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(self.grid_legend, *grid), *(Fieldset(legend, *names) for legend, names in self.fieldsets)
        )
        for name, label in self.buttons:
            self.helper.add_input(Submit(name, label))

    @staticmethod
    def criterion_field_name(criterion: ScoringCriterion) -> str:
        return f"criterion_{criterion.pk}"

    @staticmethod
    def comment_field_name(criterion: ScoringCriterion) -> str:
        return f"comment_{criterion.pk}"

    def initial_from(self, scorecard: Scorecard) -> dict:
        on_grid = {criterion.pk for criterion in self.criteria}
        initial = {}
        for score in scorecard.scores.all():
            if score.criterion_id in on_grid:
                initial[f"criterion_{score.criterion_id}"] = score.score
                if self.criterion_comments:
                    initial[f"comment_{score.criterion_id}"] = score.comment
        return {**initial, **self.initial_values(scorecard)}

    def initial_values(self, scorecard: Scorecard) -> dict:
        """The subclass's fields' initial values read from `scorecard`."""
        return {}

    def values(self) -> dict:
        """The subclass's cleaned fields as the save service takes them."""
        return {}

    def service_arguments(self) -> dict:
        """The scores (criterion pk → score) and the subclass's values, as the save service takes them."""
        scores = {criterion.pk: self.cleaned_data[self.criterion_field_name(criterion)] for criterion in self.criteria}
        if self.criterion_comments:
            comments = {
                criterion.pk: self.cleaned_data[self.comment_field_name(criterion)].strip()
                for criterion in self.criteria
            }
            return {"scores": scores, "comments": comments, **self.values()}
        return {"scores": scores, **self.values()}


def criterion_comment_field(criterion: ScoringCriterion) -> forms.CharField:
    """A criterion's optional comment, labelled with the criterion's name."""
    return forms.CharField(
        label=_("Commentaire sur « %(label)s »") % {"label": criterion.label},
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
    )


def criterion_field(criterion: ScoringCriterion) -> forms.TypedChoiceField:
    """A criterion's field: its label, description and scale, as DSFR inline radios."""
    hint = _("De %(min)s (le plus faible) à %(max)s (le meilleur).") % {
        "min": criterion.min_score,
        "max": criterion.max_score,
    }
    return forms.TypedChoiceField(
        label=criterion.label,
        help_text=f"{criterion.description} {hint}".strip(),
        choices=[(score, str(score)) for score in range(criterion.min_score, criterion.max_score + 1)],
        coerce=int,
        widget=InlineRadioSelect,
    )
