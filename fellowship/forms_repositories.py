"""The declaration of a team's repository: its name, its web address, its free licence, a description."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from eig.forms import DsfrFormMixin
from fellowship.models import Licence, Repository
from fellowship.repositories import LICENCE_MESSAGE, URL_MESSAGE, URL_SCHEMES

# The décret n° 2017-638 lists the permissive licences, then those with a reciprocity obligation (copyleft).
PERMISSIVE_LICENCES = (Licence.APACHE_2, Licence.BSD_2, Licence.BSD_3, Licence.CECILL_B, Licence.MIT)
LICENCE_CHOICES = [
    ("", _("Choisir une licence")),
    (_("Licences permissives"), [(licence.value, licence.label) for licence in PERMISSIVE_LICENCES]),
    (
        _("Licences avec obligation de réciprocité"),
        [(licence.value, licence.label) for licence in Licence if licence not in PERMISSIVE_LICENCES],
    ),
]


class WebAddressField(forms.URLField):
    """A web address (http or https): Django's URLField also takes ftp."""

    default_validators = [URLValidator(schemes=URL_SCHEMES)]


class RepositoryForm(DsfrFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Nom du dépôt"),
        max_length=Repository._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    url = WebAddressField(
        label=_("Adresse du dépôt"),
        help_text=_("Par exemple https://github.com/etalab/mon-outil ou https://gitlab.com/…"),
        max_length=Repository._meta.get_field("url").max_length,
        error_messages={"invalid": URL_MESSAGE},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    licence = forms.ChoiceField(
        label=_("Licence libre"),
        choices=LICENCE_CHOICES,
        error_messages={"invalid_choice": LICENCE_MESSAGE},
    )
    description = forms.CharField(
        label=_("Description"),
        help_text=_("Ce que fait ce code, en une ou deux phrases."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
