"""The public catalogue's GET forms: search and filters of the current cohort, cohort of the archive.

Their choices come from the public challenges only (challenges.selectors), so that a filter never
reveals an administration or a city before its challenges are public."""

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from challenges.models import Administration
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.cities import CityGroup
from eig.forms import GetFilterForm


class CatalogueFilterForm(GetFilterForm):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("Un ou plusieurs mots, par exemple « santé » ou « données ouvertes »."),
    )
    profile = forms.ChoiceField(
        label=_("Profil recherché"), required=False, choices=[("", _("Tous les profils")), *Profile.choices]
    )
    city = forms.ChoiceField(label=_("Ville"), required=False)
    administration = forms.ModelChoiceField(
        label=_("Administration"),
        required=False,
        queryset=Administration.objects.none(),
        empty_label=_("Toutes les administrations"),
    )

    submit_label = _("Rechercher")

    def __init__(self, *args, cities: list[CityGroup], administrations, **kwargs):
        super().__init__(*args, **kwargs)
        # The label is the value: the query string reads « ?city=Saint-Denis ».
        self.fields["city"].choices = [("", _("Toutes les villes")), *((city.label, city.label) for city in cities)]
        self.fields["administration"].queryset = administrations
        self.helper.layout = Layout(
            "q",
            Row(Column("profile"), Column("city"), Column("administration"), css_class="fr-mb-2w"),
        )


class ArchiveFilterForm(GetFilterForm):
    cohort = forms.ModelChoiceField(
        label=_("Promotion"), required=False, queryset=Cohort.objects.none(), empty_label=_("Toutes les promotions")
    )

    submit_label = _("Afficher")

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
