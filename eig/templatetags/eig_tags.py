import datetime as dt
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.html import avoid_wrapping
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.filter
def file_size(value: int | None) -> str:
    """A file size in the units French readers know (octets, ko, Mo, Go; multiples of 1,024, as their
    systems count), one decimal at most and unbroken: « 5 Mo », « 1,5 Mo ». (Django's filesizeformat
    says « Mio », which nobody reads.)"""
    if value is None:
        return ""
    if value < 1024:
        return avoid_wrapping(ngettext("%(size)s octet", "%(size)s octets", value) % {"size": value})
    units = [_("%(size)s ko"), _("%(size)s Mo"), _("%(size)s Go")]
    size, unit = value / 1024, 0
    while size >= 1024 and unit < len(units) - 1:
        size, unit = size / 1024, unit + 1
    rounded = round(size, 1)
    number = formats.number_format(rounded, decimal_pos=0 if rounded == int(rounded) else 1)
    return avoid_wrapping(units[unit] % {"size": number})
