from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.TextChoices):
    """The professions the programme recruits: a position asks for one, a candidate has one."""

    DEVELOPER = "developer", _("Développeur·se")
    DATA_SCIENTIST = "data_scientist", _("Data scientist")
    DATA_ENGINEER = "data_engineer", _("Data engineer")
    DESIGNER = "designer", _("Designer")
    DIGITAL_LAW_JURIST = "digital_law_jurist", _("Juriste du numérique")
    GEOMATICIAN = "geomatician", _("Géomaticien·ne")
