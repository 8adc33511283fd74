"""The phase of a cohort derived from its calendar (nothing here is stored), the states of a step, and
a real cohort's rhythm. The steps themselves and when they are open: cohorts/windows.py."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from eig.badges import status_badges


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    PROJECTS_CALL = "projects_call", _("Appel à projets")
    CHALLENGE_SELECTION = "challenge_selection", _("Sélection des défis")
    CANDIDATES_CALL = "candidates_call", _("Appel à candidatures")
    PRESELECTION = "preselection", _("Présélection")
    WISHES = "wishes", _("Vœux")
    AUDITIONS = "auditions", _("Auditions")
    DELIBERATION = "deliberation", _("Délibération")
    ACCEPTANCE = "acceptance", _("Acceptation des offres")
    PROGRAMME = "programme", _("Programme")
    BETWEEN_STEPS = "between_steps", _("Entre deux étapes")
    FINISHED = "finished", _("Terminée")


class StepState(models.TextChoices):
    UPCOMING = "upcoming", _("À venir")
    OPEN = "open", _("En cours")
    CLOSED = "closed", _("Terminée")


status_badges(StepState, {StepState.UPCOMING: "info", StepState.OPEN: "success", StepState.CLOSED: ""})


# A real cohort's rhythm (EIG 6, 2022), in days after the projects call opens. Used to propose a
# calendar for a new cohort, by the demo data and by the tests.
TYPICAL_OFFSETS_DAYS = {
    "projects_call_opens_at": 0,
    "projects_call_closes_at": 53,
    "challenges_selected_at": 75,
    "candidates_call_opens_at": 42,
    "candidates_call_closes_at": 85,
    "preselection_results_at": 100,
    "wishes_open_at": 105,
    "wishes_close_at": 111,
    "auditions_start_at": 134,
    "auditions_end_at": 140,
    "results_at": 155,
    "programme_starts_at": 231,
    "programme_ends_at": 533,
}


def typical_calendar(projects_call_opens_at: dt.datetime) -> dict[str, dt.datetime]:
    """Every date of a cohort, following the real programme's rhythm from the projects call's opening."""
    return {field: projects_call_opens_at + dt.timedelta(days=days) for field, days in TYPICAL_OFFSETS_DAYS.items()}
