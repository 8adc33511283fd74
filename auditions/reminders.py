"""Reminders of the auditions, registered in the reminder engine (eig/reminders, docs/reminders.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from auditions.day_schedule import EveAt, JurorDayRule
from eig.reminders.registry import register

# --- Jurors, the day before each day they audition: the day's schedule with its .ics (once per juror and day).

JUROR_DAY = register(
    JurorDayRule(
        key="juror_day_schedule",
        send_points=(EveAt(hour=9),),
        object_type="auditions.day",
        template="juror_day_schedule",
        action_url=lambda day: reverse("auditions:juror_agenda"),
        reason=_("Vous recevez ce message parce que vous siégez dans un jury d'audition du programme EIG."),
    )
)
