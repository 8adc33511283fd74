"""The forms of the staff schedule and of the candidate's unavailability: dates and times typed in Paris
time (a date input and a time input, read by eig.forms_datetime.paris_instant)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eig.dates import PARIS
from eig.forms_datetime import ParisTimeField, paris_instant

DATE_ERROR = _("Saisissez une date valide, par exemple 19/04/2027.")
TIME_ERROR = _("Saisissez une heure valide (heure de Paris), par exemple 09:30.")


def _date_field(label):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_ERROR, "required": _("Indiquez la date.")},
    )


def _time_field(label, required_message):
    return ParisTimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": TIME_ERROR, "required": required_message},
    )


def _instant(form: forms.Form, date_field: str, time_field: str) -> dt.datetime | None:
    """The instant typed in two fields, or None (with the error on the time field)."""
    date, time = form.cleaned_data.get(date_field), form.cleaned_data.get(time_field)
    if date is None or time is None:
        return None
    try:
        return paris_instant(date, time)
    except ValidationError as error:
        form.add_error(time_field, error)
        return None


def paris_initial(instant: dt.datetime | None, date_field: str, time_field: str) -> dict:
    if instant is None:
        return {}
    local = instant.astimezone(PARIS)
    return {date_field: local.date(), time_field: local.time().replace(second=0, microsecond=0)}


class SlotForm(forms.Form):
    """Book or move one audition: a date, a start time in Paris time and a duration."""

    date = _date_field(_("Date"))
    time = _time_field(_("Heure de début (heure de Paris)"), _("Indiquez l'heure de début."))
    duration = forms.IntegerField(
        label=_("Durée (minutes)"),
        min_value=5,
        max_value=240,
        error_messages={
            "required": _("Indiquez la durée."),
            "invalid": _("Indiquez la durée en minutes, par exemple 30."),
            "min_value": _("Une audition dure au moins %(limit_value)s minutes."),
            "max_value": _("Une audition dure au plus %(limit_value)s minutes."),
        },
    )

    def __init__(self, *args, audition, **kwargs):
        kwargs.setdefault("prefix", f"audition-{audition.pk}")
        initial = {"duration": int((audition.duration or audition.cohort.audition_duration).total_seconds() // 60)}
        initial.update(paris_initial(audition.starts_at, "date", "time"))
        super().__init__(*args, initial=initial, **kwargs)
        self.audition = audition

    def clean(self):
        cleaned = super().clean()
        starts_at = _instant(self, "date", "time")
        if starts_at is not None and cleaned.get("duration"):
            cleaned["starts_at"] = starts_at
            cleaned["ends_at"] = starts_at + dt.timedelta(minutes=cleaned["duration"])
        return cleaned


class ProposeForm(forms.Form):
    keep_planned = forms.BooleanField(
        label=_("Garder les créneaux déjà placés"),
        help_text=_(
            "Sinon, les auditions encore à convoquer sont replacées ; les convocations envoyées ne bougent pas."
        ),
        required=False,
    )


class UnavailabilityForm(forms.Form):
    """A period a candidate cannot be auditioned: a day, from one time to another (Paris time), a note."""

    date = _date_field(_("Date"))
    starts = _time_field(_("De (heure de Paris)"), _("Indiquez l'heure de début."))
    ends = _time_field(_("À (heure de Paris)"), _("Indiquez l'heure de fin."))
    note = forms.CharField(label=_("Précision"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = _instant(self, "date", "starts"), _instant(self, "date", "ends")
        if starts_at is not None and ends_at is not None:
            if ends_at <= starts_at:
                self.add_error("ends", _("L'heure de fin doit suivre l'heure de début."))
            else:
                cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned
