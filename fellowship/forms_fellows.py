"""The fellow's consent to appear on the public cohort page."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VisibilityForm(forms.Form):
    public = forms.BooleanField(
        label=_("J'accepte d'apparaître sur la page publique de la promotion"),
        help_text=_(
            "Votre nom et votre profil sont affichés avec votre équipe ; vous pouvez changer d'avis à tout moment."
        ),
        required=False,
    )
