"""The forms of the offers: a decline's optional reason, staff's reasons to withdraw or to pause."""

from django import forms
from django.utils.translation import gettext_lazy as _

REASON_MAX_LENGTH = 2000


def reason_field(label, *, required: bool, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=REASON_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = reason_field(
        _("Pourquoi refusez-vous ? (facultatif)"),
        required=False,
        help_text=_("Votre réponse aide l'équipe du programme ; elle ne change rien à la suite."),
    )


class WithdrawForm(forms.Form):
    reason = reason_field(
        _("Motif du retrait"), required=True, help_text=_("Il est transmis à la personne par e-mail.")
    )


class PauseForm(forms.Form):
    reason = reason_field(_("Motif de la pause"), required=True)
