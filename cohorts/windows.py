"""The one calendar window API: when each step of a cohort is open, in Python and in SQL.

`cohort.window(Step.WISHES)` is the step's `Window`: the instant it opens, the instant it closes, the
dates to show (Paris time), `is_open(now)`, `state(now)` and `check(now)`, which raises the step's
French refusal. `Cohort.objects.with_window_open(step, now)` is the query form of the same rule,
built from the same definition below. Every service, view, selector and template that asks whether
a step is open goes through one of the two; nothing compares calendar dates by hand.

The minute rule (eig.dates): a step ending at a date shown as « 23:59 » is open until 23:59:59.999999
and closed from 00:00:00; a step starting at a date is open from the first instant of its minute; a
step that starts when another ends (the challenge selection after the projects call) opens when the
other has closed, never during its last minute. See docs/calendar.md.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.calendar import Phase, StepState
from cohorts.limits import MAX_WISHES, MIN_WISHES
from eig.dates import ONE_MINUTE, minute_end, minute_start, paris_datetime, passed_deadlines_cutoff

# The steps of a cohort's calendar, in calendar order: the phases that are a window of the calendar
# (same values and labels as `Phase`; the others are the moments between or around them).
STEP_PHASES = (
    Phase.PROJECTS_CALL,
    Phase.CANDIDATES_CALL,
    Phase.CHALLENGE_SELECTION,
    Phase.PRESELECTION,
    Phase.WISHES,
    Phase.AUDITIONS,
    Phase.DELIBERATION,
    Phase.ACCEPTANCE,
    Phase.PROGRAMME,
)
Step = models.TextChoices("Step", [(phase.name, (phase.value, phase.label)) for phase in STEP_PHASES])


@dataclass(frozen=True)
class Opening:
    """When a step opens: at the first instant of the minute of the cohort's date `field`, or, with
    `after`, once that minute is over (the step follows another step that ends at the same date)."""

    field: str
    after: bool = False

    def value(self, cohort) -> dt.datetime:
        date = getattr(cohort, self.field)
        return minute_end(date) if self.after else minute_start(date)

    def has_opened_q(self, now: dt.datetime, prefix: str) -> Q:
        # Open at its minute:   minute_start(date) <= now  <=>  date < minute_end(now).
        # Open after its minute: minute_end(date) <= now   <=>  date < minute_start(now).
        return Q(**{f"{prefix}{self.field}__lt": minute_start(now) if self.after else minute_end(now)})


@dataclass(frozen=True)
class Closing:
    """When a step closes: once the minute of the cohort's date `field` is over, `plus_days_field` days
    later if given (the acceptance delay counts from the results)."""

    field: str
    plus_days_field: str = ""

    def deadline(self, cohort) -> dt.datetime:
        """The date shown as the step's end."""
        date = getattr(cohort, self.field)
        if self.plus_days_field:
            date += dt.timedelta(days=getattr(cohort, self.plus_days_field))
        return date

    def value(self, cohort) -> dt.datetime:
        return minute_end(self.deadline(cohort))

    def not_closed_q(self, now: dt.datetime, prefix: str) -> Q:
        cutoff = passed_deadlines_cutoff(now)
        if not self.plus_days_field:
            return Q(**{f"{prefix}{self.field}__gte": cutoff})
        deadline = ExpressionWrapper(
            F(f"{prefix}{self.field}")
            + ExpressionWrapper(
                F(f"{prefix}{self.plus_days_field}") * Value(dt.timedelta(days=1)), output_field=DurationField()
            ),
            output_field=DateTimeField(),
        )
        return Q(GreaterThanOrEqual(deadline, Value(cutoff)))


@dataclass(frozen=True)
class StepDefinition:
    step: Step
    description: str
    opening: Opening
    closing: Closing
    # The step's French refusals; %(date)s is its opening, then the minute of its end, in Paris time.
    not_yet_message: str
    closed_message: str


DEFINITIONS = {
    definition.step: definition
    for definition in [
        StepDefinition(
            Step.PROJECTS_CALL,
            _("Les administrations proposent leurs défis."),
            Opening("projects_call_opens_at"),
            Closing("projects_call_closes_at"),
            _("L'appel à projets n'est pas encore ouvert : il ouvrira le %(date)s."),
            _(
                "L'appel à projets est clos : sa date limite était le %(date)s. "
                "Le défi ne peut plus être modifié ni déposé."
            ),
        ),
        StepDefinition(
            Step.CANDIDATES_CALL,
            _("Les candidat·es postulent au programme."),
            Opening("candidates_call_opens_at"),
            Closing("candidates_call_closes_at"),
            _("L'appel à candidatures n'est pas encore ouvert : il ouvrira le %(date)s."),
            _(
                "L'appel à candidatures est clos : sa date limite était le %(date)s. "
                "La candidature ne peut plus être modifiée."
            ),
        ),
        StepDefinition(
            Step.CHALLENGE_SELECTION,
            _("Un jury évalue et sélectionne les défis."),
            Opening("projects_call_closes_at", after=True),
            Closing("challenges_selected_at"),
            _(
                "La sélection des défis ouvre à la clôture de l'appel à projets, le %(date)s : "
                "aucun défi ne peut être sélectionné ni écarté avant."
            ),
            _(
                "La sélection des défis est close : elle se terminait à l'annonce des défis sélectionnés, "
                "le %(date)s. "
                "Pour revenir sur une décision, reportez d'abord cette annonce dans le calendrier de la promotion."
            ),
        ),
        StepDefinition(
            Step.PRESELECTION,
            _("L'équipe du programme étudie les candidatures de façon anonyme."),
            Opening("candidates_call_closes_at", after=True),
            Closing("preselection_results_at"),
            _("La présélection ouvre à la clôture de l'appel à candidatures, le %(date)s."),
            _("La présélection est close : ses résultats ont été annoncés le %(date)s."),
        ),
        StepDefinition(
            Step.WISHES,
            _("Les défis sont dévoilés ; chaque candidat·e présélectionné·e classe de %(min)s à %(max)s défis."),
            Opening("wishes_open_at"),
            Closing("wishes_close_at"),
            _("Les vœux ouvriront le %(date)s."),
            _(
                "La saisie des vœux est close : sa date limite était le %(date)s. "
                "Vos vœux ne peuvent plus être modifiés."
            ),
        ),
        StepDefinition(
            Step.AUDITIONS,
            _("Les jurys auditionnent les candidat·es."),
            Opening("auditions_start_at"),
            Closing("auditions_end_at"),
            _("Les auditions commenceront le %(date)s."),
            _("Les auditions sont terminées depuis le %(date)s."),
        ),
        StepDefinition(
            Step.DELIBERATION,
            _("Les jurys classent les candidat·es par défi et par profil."),
            Opening("auditions_end_at", after=True),
            Closing("results_at"),
            _("La délibération ouvre à la fin des auditions, le %(date)s."),
            _("La délibération est close : les résultats ont été publiés le %(date)s."),
        ),
        StepDefinition(
            Step.ACCEPTANCE,
            _("Les lauréat·es acceptent leur offre."),
            Opening("results_at", after=True),
            Closing("results_at", plus_days_field="acceptance_days"),
            _("Les offres pourront être acceptées à partir du %(date)s."),
            _("Le délai d'acceptation des offres est écoulé : sa date limite était le %(date)s."),
        ),
        StepDefinition(
            Step.PROGRAMME,
            _("Dix mois de travail en équipe sur les défis."),
            Opening("programme_starts_at"),
            Closing("programme_ends_at"),
            _("Le programme commencera le %(date)s."),
            _("Le programme s'est terminé le %(date)s."),
        ),
    ]
}


@dataclass(frozen=True)
class Window:
    """When one step of a cohort is open: from `opens_at` (included) to `closes_at` (excluded), the
    first instant after the minute shown as its end (`deadline`)."""

    step: Step
    opens_at: dt.datetime
    closes_at: dt.datetime
    definition: StepDefinition

    @property
    def label(self) -> str:
        return self.step.label

    @property
    def description(self) -> str:
        return self.definition.description % {"min": MIN_WISHES, "max": MAX_WISHES}

    @property
    def phase(self) -> Phase:
        return Phase(self.step.value)

    @property
    def deadline(self) -> dt.datetime:
        """The last minute of the step, the one shown as its end (« 23:59 »)."""
        return self.closes_at - ONE_MINUTE

    @property
    def opens_display(self) -> str:
        return paris_datetime(self.opens_at)

    @property
    def deadline_display(self) -> str:
        return paris_datetime(self.deadline)

    def state(self, now: dt.datetime | None = None) -> StepState:
        now = now or timezone.now()
        if now < self.opens_at:
            return StepState.UPCOMING
        if now < self.closes_at:
            return StepState.OPEN
        return StepState.CLOSED

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.state(now) == StepState.OPEN

    def has_opened(self, now: dt.datetime | None = None) -> bool:
        return self.state(now) != StepState.UPCOMING

    def has_closed(self, now: dt.datetime | None = None) -> bool:
        return self.state(now) == StepState.CLOSED

    def refusal(self, now: dt.datetime | None = None) -> str:
        """The step's French refusal at `now`, or an empty string while it is open."""
        state = self.state(now)
        if state == StepState.UPCOMING:
            return self.definition.not_yet_message % {"date": self.opens_display}
        if state == StepState.CLOSED:
            return self.definition.closed_message % {"date": self.deadline_display}
        return ""

    def check(self, now: dt.datetime | None = None) -> None:
        """Raise the step's French refusal (ValidationError) unless it is open at `now`."""
        state = self.state(now)
        if state != StepState.OPEN:
            raise ValidationError(self.refusal(now), code=f"{self.step.value}_{state.value}")


def cohort_window(cohort, step: Step) -> Window:
    definition = DEFINITIONS[Step(step)]
    return Window(
        step=Step(step),
        opens_at=definition.opening.value(cohort),
        closes_at=definition.closing.value(cohort),
        definition=definition,
    )


def window_opened_q(step: Step, now: dt.datetime, prefix: str = "") -> Q:
    """Cohorts (through `prefix`, e.g. "cohort__") whose step has opened at `now`, open or closed since."""
    return DEFINITIONS[Step(step)].opening.has_opened_q(now, prefix)


def window_open_q(step: Step, now: dt.datetime, prefix: str = "") -> Q:
    """Cohorts (through `prefix`) whose step is open at `now`: the query form of `Window.is_open`."""
    definition = DEFINITIONS[Step(step)]
    return definition.opening.has_opened_q(now, prefix) & definition.closing.not_closed_q(now, prefix)


def window_closed_q(step: Step, now: dt.datetime, prefix: str = "") -> Q:
    """Cohorts (through `prefix`) whose step has closed at `now`: the query form of `Window.has_closed`."""
    return ~DEFINITIONS[Step(step)].closing.not_closed_q(now, prefix)


class CohortWindows:
    """A cohort's windows by step name, for templates: `{% if cohort.windows.projects_call.is_open %}`."""

    def __init__(self, cohort):
        self._cohort = cohort

    def __getitem__(self, name: str) -> Window:
        if name not in Step.values:
            raise KeyError(name)
        return self._cohort.window(Step(name))
