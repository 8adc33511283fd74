"""The deliberation's forms: one decision per candidate (a list and a rank, or not retained, and a
note), all in one form on the deliberation page; the director's reopening with its reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from auditions.deliberation import Decision
from auditions.models import ListKind

RANKED = {ListKind.MAIN, ListKind.WAITING}


class DecisionForm(forms.Form):
    """The jury's decision on one candidate (its prefix names the application)."""

    kind = forms.ChoiceField(
        label=_("Décision"), choices=[("", _("Pas encore décidé"))] + ListKind.choices, required=False
    )
    rank = forms.IntegerField(
        label=_("Rang sur la liste"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("1 pour la première place ; laissé vide pour une personne non retenue."),
    )
    note = forms.CharField(label=_("Motif"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)

    def __init__(self, *args, application, **kwargs):
        self.application = application
        super().__init__(*args, prefix=f"c{application.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("kind") in RANKED and data.get("rank") is None and "rank" not in self.errors:
            self.add_error("rank", _("Donnez le rang de cette personne sur la liste choisie."))
        if data.get("kind") not in RANKED:
            data["rank"] = None
        return data

    def decision(self) -> Decision:
        data = self.cleaned_data
        return Decision(self.application.pk, data["kind"], data["rank"], data["note"].strip())


def decision_forms(rows, data=None) -> list[DecisionForm]:
    """A decision form per row of the deliberation's table, filled with the jury's earlier decision."""
    return [
        DecisionForm(
            data,
            application=row.application,
            initial={"kind": row.entry.kind, "rank": row.entry.rank, "note": row.entry.note} if row.entry else {},
        )
        for row in rows
    ]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de la réouverture"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Il est conservé avec la prochaine version validée des listes."),
    )
