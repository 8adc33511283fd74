"""Date-times typed in the admin, in Paris time, to the minute.

Every DateTimeField of every admin gets this field and widget (eig.apps wires them into the admin's
defaults): the date and the time each have their label, the time's says « heure de Paris »; « 23:59 »,
« 23h59 », « 23 h 59 » and « 23h » are understood (TIME_INPUT_FORMATS, eig/formats/); seconds are
dropped, so that every stored date is a whole minute, the one shown; a local time that the change of
clocks skips or repeats is refused with a message that says which, and what to type. docs/calendar.md.
"""

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime, BaseAdminDateWidget, BaseAdminTimeWidget
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.dates import PARIS, AmbiguousTime, NonExistentTime, local_time_problem

# The words that pick one of the two identical times of the night clocks go back (the first is still in
# summer time, the second in winter time); the French ones are understood in every language.
SUMMER, WINTER = gettext_lazy("été"), gettext_lazy("hiver")
FRENCH_SEASONS = {"été": 0, "ete": 0, "hiver": 1}


class FoldChosenTime(dt.time):
    """A time typed with « été » or « hiver »: `fold` says which of two identical local times is meant."""


def _season_folds() -> dict[str, int]:
    return {**FRENCH_SEASONS, str(SUMMER).lower(): 0, str(WINTER).lower(): 1}


def _offset_text(offset: dt.timedelta) -> str:
    hours, seconds = divmod(int(offset.total_seconds()), 3600)
    return f"UTC{hours:+d}" + (f":{seconds // 60:02d}" if seconds else "")


def _time_text(moment: dt.datetime | dt.time) -> str:
    return moment.strftime("%H:%M")


class ParisTimeField(forms.TimeField):
    """A time of day in Paris, to the minute; a trailing « été » or « hiver » chooses between the two
    identical times of the night clocks go back."""

    def to_python(self, value):
        fold = None
        if isinstance(value, str):
            words = value.split()
            if len(words) > 1 and words[-1].lower() in _season_folds():
                fold = _season_folds()[words.pop().lower()]
            value = " ".join(words)
        parsed = super().to_python(value)
        if parsed is None:
            return None
        if fold is None:
            return parsed.replace(second=0, microsecond=0)
        return FoldChosenTime(parsed.hour, parsed.minute, fold=fold)


class ParisSplitDateTimeWidget(AdminSplitDateTime):
    """The admin's date and time inputs, each with its own label (the field's name is read to screen
    readers with each), the time shown to the minute in Paris time, followed by « été » or « hiver » on
    the night clocks go back."""

    template_name = "eig/widgets/paris_split_datetime.html"
    field_label = ""

    class Media:
        css = {"all": ["css/admin_datetime.css"]}

    def __init__(self, attrs=None):
        widgets = [BaseAdminDateWidget, BaseAdminTimeWidget(attrs={"size": "11"}, format="%H:%M")]
        forms.MultiWidget.__init__(self, widgets, attrs)

    def decompress(self, value):
        if not value:
            return [None, None]
        local = value.astimezone(PARIS) if value.tzinfo else value
        time = _time_text(local)
        if isinstance(local_time_problem(local), AmbiguousTime):
            time = f"{time} {WINTER if local.fold else SUMMER}"
        return [local.date(), time]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["field_label"] = self.field_label
        context["date_label"] = _("Date (jj/mm/aaaa)")
        context["time_label"] = _("Heure de Paris (hh:mm)")
        return context


class ParisDateTimeField(forms.SplitDateTimeField):
    """A date and a time typed in Paris time, stored as the instant they name."""

    widget = ParisSplitDateTimeWidget
    default_error_messages = {
        "invalid_date": gettext_lazy("Saisissez une date valide, par exemple 19/04/2027."),
        "invalid_time": gettext_lazy("Saisissez une heure valide (heure de Paris), par exemple 23:59 ou 23h59."),
    }

    def __init__(self, *, input_date_formats=None, input_time_formats=None, **kwargs):
        errors = {**self.default_error_messages, **kwargs.get("error_messages", {})}
        localize = kwargs.get("localize", False)
        fields = (
            forms.DateField(
                input_formats=input_date_formats, error_messages={"invalid": errors["invalid_date"]}, localize=localize
            ),
            ParisTimeField(
                input_formats=input_time_formats, error_messages={"invalid": errors["invalid_time"]}, localize=localize
            ),
        )
        forms.MultiValueField.__init__(self, fields, **kwargs)
        self.widget.field_label = self.label or ""

    def compress(self, data_list):
        if not data_list:
            return None
        if data_list[0] in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if data_list[1] in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        return paris_instant(*data_list)


def paris_instant(date: dt.date, time: dt.time) -> dt.datetime:
    """The instant a date and a time typed in Paris time name; a local time that the change of clocks skips
    or repeats (without « été » or « hiver ») is refused with a message that says which, and what to type.
    Shared by the admin's field and the pages' date-and-time forms."""
    local = dt.datetime.combine(date, time)
    problem = local_time_problem(local)
    values = {"time": _time_text(local), "date": formats.date_format(date, "j F Y")}
    if isinstance(problem, NonExistentTime):
        raise ValidationError(
            _(
                "À Paris, %(time)s n'existe pas le %(date)s (passage à l'heure d'été) : "
                "saisissez %(before)s ou %(after)s."
            )
            % {**values, "before": _time_text(problem.last_before), "after": _time_text(problem.first_after)},
            code="non_existent_time",
        )
    if isinstance(problem, AmbiguousTime) and not isinstance(time, FoldChosenTime):
        raise ValidationError(
            _(
                "À Paris, %(time)s existe deux fois le %(date)s (retour à l'heure d'hiver) : d'abord à l'heure "
                "d'été (%(first)s), puis une heure plus tard à l'heure d'hiver (%(second)s). Saisissez "
                "« %(time)s %(summer)s » pour la première ou « %(time)s %(winter)s » pour la seconde."
            )
            % {
                **values,
                "first": _offset_text(problem.first_offset),
                "second": _offset_text(problem.second_offset),
                "summer": SUMMER,
                "winter": WINTER,
            },
            code="ambiguous_time",
        )
    return local.replace(tzinfo=PARIS)
