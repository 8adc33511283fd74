"""The auditions' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from auditions.selectors import proposable_challenges


class ChallengeProposalForm(forms.Form):
    """A jury proposes another challenge for the audition's candidate, with the reason."""

    challenge = forms.ModelChoiceField(
        label=_("Défi proposé"),
        queryset=None,
        empty_label=_("Choisissez un défi"),
        help_text=_(
            "Un défi sélectionné de la promotion qui a un jury ; le candidat ou la candidate ne l'a pas "
            "forcément demandé."
        ),
        error_messages={
            "required": _("Choisissez le défi que le jury propose."),
            "invalid_choice": _("Ce défi ne peut pas être proposé : choisissez-en un de la liste."),
        },
    )
    reason = forms.CharField(
        label=_("Pourquoi le jury propose-t-il ce défi ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Ce motif est transmis à l'équipe du programme, qui décide de l'audition."),
        error_messages={"required": _("Indiquez pourquoi le jury propose ce défi.")},
    )

    def __init__(self, *args, audition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = proposable_challenges(audition)
