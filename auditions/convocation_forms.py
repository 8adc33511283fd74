"""The candidate's answer to a convocation: a confirmation, or a request for another time with its reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRM, CHANGE = "confirm", "change"


class ChangeRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi cet horaire ne vous convient-il pas ?"),
        help_text=_("Indiquez aussi vos disponibilités : l'équipe du programme vous proposera un autre créneau."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Indiquez pourquoi cet horaire ne vous convient pas.")},
    )

    def __init__(self, *args, audition, **kwargs):
        super().__init__(*args, prefix=f"audition-{audition.pk}", **kwargs)
