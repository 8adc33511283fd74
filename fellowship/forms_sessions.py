"""The attendance form of a session: one radio group per person expected, present, excused or absent."""

from django import forms
from django.utils.translation import gettext as _
from dsfr.widgets import InlineRadioSelect

from fellowship.models import AttendanceStatus

PREFIX = "person-"


def person_name(person) -> str:
    return person.get_full_name() or person.email


class AttendanceForm(forms.Form):
    """`people`: those expected at the session; `recorded`: user id → the status already recorded."""

    def __init__(self, *args, people, recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.people = list(people)
        for person in self.people:
            self.fields[f"{PREFIX}{person.pk}"] = forms.ChoiceField(
                label=person_name(person),
                choices=AttendanceStatus.choices,
                widget=InlineRadioSelect,
                initial=recorded.get(person.pk),
                error_messages={
                    "required": _("Indiquez si %(name)s était présent·e, excusé·e ou absent·e.")
                    % {"name": person_name(person)},
                    "invalid_choice": _("Choisissez présent·e, excusé·e ou absent·e pour %(name)s.")
                    % {"name": person_name(person)},
                },
            )

    def statuses(self) -> dict[int, str]:
        """User id → status, from the valid form."""
        return {person.pk: self.cleaned_data[f"{PREFIX}{person.pk}"] for person in self.people}
