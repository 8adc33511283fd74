"""The DSFR badge of each status: its colour is declared once, next to the status's enum, with
`status_badges(ChallengeStatus, {ChallengeStatus.DRAFT: "info", …})`; every page draws it with
`{% status_badge obj %}` (eig/templatetags/eig_tags.py), through django-dsfr's badge template."""

from django.core.exceptions import ImproperlyConfigured
from django.db import models

# The DSFR's system badges (an icon and a colour each); "" is its plain grey badge.
COLOURS = ("", "info", "success", "warning", "error", "new")

# Every enum whose statuses have a declared colour (read by the tag and by the tests).
BADGES: dict[type[models.Choices], dict[models.Choices, str]] = {}


def status_badges(choices: type[models.Choices], colours: dict) -> dict:
    """Declares the badge colour of each member of `choices`: all of them, each one of COLOURS."""
    if set(colours) != set(choices) or not set(colours.values()) <= set(COLOURS):
        raise ImproperlyConfigured(f"{choices.__name__}: one colour of {COLOURS} for each status, no more.")
    BADGES[choices] = dict(colours)
    return BADGES[choices]


def choices_of(field: models.Field) -> type[models.Choices]:
    """The declared enum of a model field (its values in the same order)."""
    values = [value for value, _label in field.choices]
    for choices in BADGES:
        if choices.values == values:
            return choices
    raise ImproperlyConfigured(f"{field}: no badge colours declared for its choices (eig.badges.status_badges).")


def label_and_colour(value: models.Choices | models.Model, field: str = "status") -> tuple[str, str]:
    """The label and colour of a status: an enum member, or a model instance and the name of its status field."""
    if isinstance(value, models.Model):
        choices = choices_of(value._meta.get_field(field))
        value = choices(getattr(value, field))
    return value.label, BADGES[type(value)][value]
