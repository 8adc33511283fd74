"""The stages an application reaches, from the draft to the fellowship: one definition of each, read by
the admin's « Étape atteinte » filter of the applications list and by the staff dashboard's funnel
(figures), so that a count of the dashboard and the admin list it links to are the same rows.

Each stage is a condition on `Application` rows (a `Q`, given the instant, since an audition counts
once held). This app declares the stages it knows (draft, submitted, pre-selected); the later apps
register theirs from their own `stages.py` (auditioned and laureate in auditions, fellow in
fellowship), loaded by their `AppConfig.ready`, in the order of the process: this module never
imports them.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.models import ApplicationStatus
from applications.selectors import REVIEWABLE_STATUSES
from cohorts.windows import Step

# The seniority bands of the salary grid: junior up to the cohort's threshold (included), senior above.
JUNIOR = Q(years_of_experience__lte=F("cohort__seniority_threshold_years"))
SENIOR = Q(years_of_experience__gt=F("cohort__seniority_threshold_years"))


@dataclass(frozen=True)
class Stage:
    """`key` (the admin filter's value), `label` (French), `condition` (instant -> Q on Application)
    and `step`: the step of the cohort's calendar whose end is this stage's deadline."""

    key: str
    label: str
    condition: Callable[[dt.datetime], Q]
    step: Step


STAGES: dict[str, Stage] = {}


def stage_register(stage: Stage) -> None:
    """Add a stage after those already registered (registering the same key again replaces it)."""
    STAGES[stage.key] = stage


def stages() -> list[Stage]:
    return list(STAGES.values())


for _stage in (
    Stage("draft", _("Brouillons"), lambda now: Q(status=ApplicationStatus.DRAFT), Step.CANDIDATES_CALL),
    # Submitted and still in the selection, decided or not (a withdrawn application is left out).
    Stage("submitted", _("Déposées"), lambda now: Q(status__in=REVIEWABLE_STATUSES), Step.CANDIDATES_CALL),
    Stage(
        "preselected", _("Présélectionnées"), lambda now: Q(status=ApplicationStatus.PRESELECTED), Step.PRESELECTION
    ),
):
    stage_register(_stage)
