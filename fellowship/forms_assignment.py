"""The assignment's forms: the cohort's weights, a pin or a forbid, the validation of a run with its reason,
and the choice of two runs to compare."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort
from fellowship.models import ChoiceKind

MAX_WEIGHT = 100_000
WEIGHT_FIELDS = (
    "assignment_placement_weight",
    "assignment_list_rank_weight",
    "assignment_wish_rank_weight",
    "assignment_jury_proposal_weight",
    "assignment_running_challenge_weight",
)


class WeightsForm(forms.ModelForm):
    """The five weights of the objective, with their help texts (what each one does)."""

    class Meta:
        model = Cohort
        fields = WEIGHT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in WEIGHT_FIELDS:
            field = self.fields[name]
            # The objective is stored as an integer: its weights stay far below what would overflow it.
            field.validators.append(MaxValueValidator(MAX_WEIGHT, _("Indiquez au plus 100 000 points.")))
            field.widget.attrs["max"] = MAX_WEIGHT
        placement = self.fields["assignment_placement_weight"]
        placement.validators.append(
            MinValueValidator(1, _("Chaque personne placée doit rapporter au moins un point."))
        )
        placement.widget.attrs["min"] = 1


class ChoiceForm(forms.Form):
    """Pin or forbid a (candidate, position) of the run's inputs for the next runs, with an optional note."""

    application = forms.TypedChoiceField(
        label=_("Personne"),
        coerce=int,
        error_messages={
            "required": _("Choisissez la personne."),
            "invalid_choice": _("Choisissez une personne de la liste."),
        },
    )
    position = forms.TypedChoiceField(
        label=_("Poste"),
        coerce=int,
        error_messages={
            "required": _("Choisissez le poste."),
            "invalid_choice": _("Choisissez un poste de la liste."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Décision"),
        choices=[(ChoiceKind.PIN, _("Imposer ce poste à cette personne")), (ChoiceKind.FORBID, _("Exclure ce poste"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez « Imposer » ou « Exclure ».")},
    )
    note = forms.CharField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Il est conservé avec le choix et affiché sur la page de l'affectation."),
    )

    def __init__(self, *args, candidates, positions, **kwargs):
        """`candidates` and `positions`: (id, label) pairs, the run's own."""
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", _("Choisissez une personne")), *candidates]
        self.fields["position"].choices = [("", _("Choisissez un poste")), *positions]


class ValidateForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du remplacement"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire quand une autre affectation est déjà validée : il est conservé avec elle."),
    )

    def __init__(self, *args, reason_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Motif du remplacement (obligatoire)")
            self.fields["reason"].error_messages["required"] = _(
                "Indiquez le motif du remplacement de l'affectation déjà validée."
            )


def _run_field(label, required_message):
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        error_messages={"required": required_message, "invalid_choice": _("Choisissez une affectation de la liste.")},
    )


class CompareForm(forms.Form):
    """Two runs of the cohort (`runs`: the runs themselves, already loaded); cleaned into the runs."""

    a = _run_field(_("Première affectation"), _("Choisissez la première affectation."))
    b = _run_field(_("Seconde affectation"), _("Choisissez la seconde affectation."))

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs = {run.pk: run for run in runs}
        choices = [("", _("Choisissez une affectation")), *((run.pk, str(run)) for run in self.runs.values())]
        for name in ("a", "b"):
            self.fields[name].choices = choices

    def clean(self):
        data = super().clean()
        if "a" in data and "b" in data:
            if data["a"] == data["b"]:
                raise forms.ValidationError(_("Choisissez deux affectations différentes."))
            data["a"], data["b"] = self.runs[data["a"]], self.runs[data["b"]]
        return data
