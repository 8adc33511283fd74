"""The steps of a cohort's calendar and the phase derived from them (nothing here is stored)."""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


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


@dataclass(frozen=True)
class CalendarStep:
    phase: Phase
    label: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime

    def state(self, now: dt.datetime) -> StepState:
        if now < self.starts_at:
            return StepState.UPCOMING
        if now < self.ends_at:
            return StepState.OPEN
        return StepState.CLOSED


def build_steps(cohort) -> list[CalendarStep]:
    """The cohort's steps in calendar order. Some overlap: the candidates call opens while the
    projects call is still running, as in the real programme."""
    return [
        CalendarStep(
            Phase.PROJECTS_CALL,
            _("Appel à projets"),
            _("Les administrations proposent leurs défis."),
            cohort.projects_call_opens_at,
            cohort.projects_call_closes_at,
        ),
        CalendarStep(
            Phase.CANDIDATES_CALL,
            _("Appel à candidatures"),
            _("Les candidat·es postulent au programme."),
            cohort.candidates_call_opens_at,
            cohort.candidates_call_closes_at,
        ),
        CalendarStep(
            Phase.CHALLENGE_SELECTION,
            _("Sélection des défis"),
            _("Un jury évalue et sélectionne les défis."),
            cohort.projects_call_closes_at,
            cohort.challenges_selected_at,
        ),
        CalendarStep(
            Phase.PRESELECTION,
            _("Présélection"),
            _("L'équipe du programme étudie les candidatures de façon anonyme."),
            cohort.candidates_call_closes_at,
            cohort.preselection_results_at,
        ),
        CalendarStep(
            Phase.WISHES,
            _("Vœux"),
            _("Les défis sont dévoilés ; chaque candidat·e présélectionné·e classe 3 à 5 défis."),
            cohort.wishes_open_at,
            cohort.wishes_close_at,
        ),
        CalendarStep(
            Phase.AUDITIONS,
            _("Auditions"),
            _("Les jurys auditionnent les candidat·es."),
            cohort.auditions_start_at,
            cohort.auditions_end_at,
        ),
        CalendarStep(
            Phase.DELIBERATION,
            _("Délibération"),
            _("Les jurys classent les candidat·es par défi et par profil."),
            cohort.auditions_end_at,
            cohort.results_at,
        ),
        CalendarStep(
            Phase.ACCEPTANCE,
            _("Acceptation des offres"),
            _("Les lauréat·es acceptent leur offre."),
            cohort.results_at,
            cohort.acceptance_deadline,
        ),
        CalendarStep(
            Phase.PROGRAMME,
            _("Programme"),
            _("Dix mois de travail en équipe sur les défis."),
            cohort.programme_starts_at,
            cohort.programme_ends_at,
        ),
    ]


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
