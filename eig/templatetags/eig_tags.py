import datetime as dt
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

PARIS = ZoneInfo("Europe/Paris")


@register.filter
def paris_datetime(value: dt.datetime | None) -> str:
    """A date and time in Europe/Paris, with the time zone named: « 19 avril 2022 à 23:59 (heure de Paris) »."""
    if not value:
        return ""
    local = value.astimezone(PARIS)
    return _("%(date)s à %(time)s (heure de Paris)") % {
        "date": formats.date_format(local, "j F Y"),
        "time": formats.time_format(local, "H:i"),
    }


@register.filter
def paris_date(value: dt.datetime | None) -> str:
    if not value:
        return ""
    return formats.date_format(value.astimezone(PARIS), "j F Y")
