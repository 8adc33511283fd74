"""A cohort ("promotion") and its calendar: the backbone every other app hangs on."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cohorts.calendar import Phase, StepState
from cohorts.limits import (
    DEFAULT_USUAL_POSITIONS_MAX,
    DEFAULT_USUAL_POSITIONS_MIN,
    PROGRAMME_MAX_POSITIONS,
    PROGRAMME_MIN_POSITIONS,
    range_text,
)
from cohorts.windows import (
    CohortWindows,
    Step,
    Window,
    cohort_window,
    window_closed_q,
    window_open_q,
    window_opened_q,
)


@dataclass(frozen=True)
class CalendarRule:
    """One rule of the calendar's order: `later` comes after `earlier` (or at the same time if not strict)."""

    name: str
    later: str
    earlier: str
    message: str
    strict: bool = True

    def constraint(self) -> models.CheckConstraint:
        lookup = "gt" if self.strict else "gte"
        return models.CheckConstraint(
            condition=Q(**{f"{self.later}__{lookup}": F(self.earlier)}),
            name=self.name,
            violation_error_message=self.message,
        )


# Each rule is a CHECK constraint enforced by PostgreSQL, with its French message.
CALENDAR_RULES = [
    CalendarRule(
        "cohort_projects_call_closes_after_opening",
        "projects_call_closes_at",
        "projects_call_opens_at",
        _("L'appel à projets doit fermer après son ouverture."),
    ),
    CalendarRule(
        "cohort_challenge_selection_after_projects_call",
        "challenges_selected_at",
        "projects_call_closes_at",
        _("La sélection des défis doit avoir lieu après la clôture de l'appel à projets."),
        strict=False,
    ),
    CalendarRule(
        "cohort_candidates_call_closes_after_opening",
        "candidates_call_closes_at",
        "candidates_call_opens_at",
        _("L'appel à candidatures doit fermer après son ouverture."),
    ),
    CalendarRule(
        "cohort_preselection_after_candidates_call",
        "preselection_results_at",
        "candidates_call_closes_at",
        _("Les résultats de la présélection doivent suivre la clôture de l'appel à candidatures."),
        strict=False,
    ),
    CalendarRule(
        "cohort_wishes_after_challenge_selection",
        "wishes_open_at",
        "challenges_selected_at",
        _("Les vœux ne peuvent ouvrir qu'après la sélection des défis."),
        strict=False,
    ),
    CalendarRule(
        "cohort_wishes_after_preselection",
        "wishes_open_at",
        "preselection_results_at",
        _("Les vœux ne peuvent ouvrir qu'après les résultats de la présélection."),
        strict=False,
    ),
    CalendarRule(
        "cohort_wishes_close_after_opening",
        "wishes_close_at",
        "wishes_open_at",
        _("La saisie des vœux doit fermer après son ouverture."),
    ),
    CalendarRule(
        "cohort_auditions_after_wishes",
        "auditions_start_at",
        "wishes_close_at",
        _("Les auditions doivent commencer après la clôture des vœux."),
        strict=False,
    ),
    CalendarRule(
        "cohort_auditions_end_after_start",
        "auditions_end_at",
        "auditions_start_at",
        _("Les auditions doivent se terminer après leur début."),
    ),
    CalendarRule(
        "cohort_results_after_auditions",
        "results_at",
        "auditions_end_at",
        _("Les résultats doivent être publiés après la fin des auditions."),
        strict=False,
    ),
    CalendarRule(
        "cohort_programme_after_results",
        "programme_starts_at",
        "results_at",
        _("Le programme doit commencer après la publication des résultats."),
    ),
    CalendarRule(
        "cohort_programme_ends_after_start",
        "programme_ends_at",
        "programme_starts_at",
        _("Le programme doit se terminer après son début."),
    ),
]
CALENDAR_CONSTRAINTS = [rule.constraint() for rule in CALENDAR_RULES]
# The usual number of positions per challenge stays within the programme's bounds (cohorts.limits).
USUAL_POSITIONS_CONSTRAINT = models.CheckConstraint(
    condition=Q(usual_positions_min__gte=PROGRAMME_MIN_POSITIONS)
    & Q(usual_positions_max__gte=F("usual_positions_min"))
    & Q(usual_positions_max__lte=PROGRAMME_MAX_POSITIONS),
    name="cohort_usual_positions_range",
    violation_error_message=format_lazy(
        _(
            "Le nombre habituel de postes par défi est compris entre {low} et {high}, "
            "et son minimum ne dépasse pas son maximum."
        ),
        low=PROGRAMME_MIN_POSITIONS,
        high=PROGRAMME_MAX_POSITIONS,
    ),
)


class CohortQuerySet(models.QuerySet):
    def with_window_open(self, step: Step, now: dt.datetime) -> "CohortQuerySet":
        """The cohorts whose `step` is open at `now` (the query form of `Window.is_open`)."""
        return self.filter(window_open_q(step, now))

    def with_window_opened(self, step: Step, now: dt.datetime) -> "CohortQuerySet":
        """The cohorts whose `step` has opened at `now`, whether it is still open or not."""
        return self.filter(window_opened_q(step, now))

    def with_window_closed(self, step: Step, now: dt.datetime) -> "CohortQuerySet":
        """The cohorts whose `step` has closed at `now`."""
        return self.filter(window_closed_q(step, now))

    def current(self, now: dt.datetime | None = None) -> "Cohort | None":
        """The cohort the public follows now: the last one whose projects call has opened, until its
        results are out and a next cohort is announced; otherwise the next one to open."""
        now = now or timezone.now()
        opened = window_opened_q(Step.PROJECTS_CALL, now)
        started = self.filter(opened).order_by("-projects_call_opens_at").first()
        upcoming = self.exclude(opened).order_by("projects_call_opens_at").first()
        if started is not None and (upcoming is None or not started.window(Step.ACCEPTANCE).has_opened(now)):
            return started
        return upcoming or started


# The cohort's retention periods, in the order of docs/personal-data.md's table.
RETENTION_FIELDS = (
    "retention_not_retained_months",
    "retention_consent_months",
    "retention_drafts_days",
    "retention_contract_years",
)


class Cohort(models.Model):
    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    name = models.CharField(_("nom"), max_length=100, help_text=_("Par exemple « EIG 6 » ou « Promotion 2022 »."))

    projects_call_opens_at = models.DateTimeField(_("ouverture de l'appel à projets"))
    projects_call_closes_at = models.DateTimeField(_("clôture de l'appel à projets"))
    challenges_selected_at = models.DateTimeField(_("annonce des défis sélectionnés"))
    candidates_call_opens_at = models.DateTimeField(_("ouverture de l'appel à candidatures"))
    candidates_call_closes_at = models.DateTimeField(
        _("clôture de l'appel à candidatures"), help_text=_("Heure de Paris, par exemple 23:59.")
    )
    preselection_results_at = models.DateTimeField(_("résultats de la présélection"))
    wishes_open_at = models.DateTimeField(
        _("ouverture des vœux"), help_text=_("Les défis sélectionnés sont rendus publics à cette date.")
    )
    wishes_close_at = models.DateTimeField(_("clôture des vœux"))
    auditions_start_at = models.DateTimeField(_("début des auditions"))
    auditions_end_at = models.DateTimeField(_("fin des auditions"))
    results_at = models.DateTimeField(_("publication des résultats"))
    acceptance_days = models.PositiveSmallIntegerField(
        _("délai d'acceptation (jours)"),
        default=15,
        help_text=_("Nombre de jours dont disposent les lauréat·es pour accepter leur offre."),
    )
    audition_minutes = models.PositiveSmallIntegerField(
        _("durée d'une audition (minutes)"), default=30, help_text=_("Durée par défaut d'un créneau d'audition.")
    )
    audition_break_minutes = models.PositiveSmallIntegerField(
        _("pause entre deux auditions (minutes)"),
        default=0,
        help_text=_("Temps minimal entre deux auditions d'un même jury, juré·e ou candidat·e ; 0 : à la suite."),
    )
    audition_answer_hours = models.PositiveSmallIntegerField(
        _("délai de réponse à une convocation (heures)"),
        default=48,
        help_text=_(
            "Le candidat ou la candidate confirme ou demande un autre horaire jusqu'à ce délai avant l'audition."
        ),
    )
    jury_quorum = models.PositiveSmallIntegerField(
        _("quorum d'un jury"),
        default=3,
        help_text=_("Nombre minimal de juré·es sans lien d'intérêts pour qu'une audition se tienne."),
    )
    programme_starts_at = models.DateTimeField(_("début du programme"))
    programme_ends_at = models.DateTimeField(_("fin du programme"))

    junior_monthly_salary = models.PositiveIntegerField(
        _("salaire net mensuel (junior)"), default=3500, help_text=_("En euros, jusqu'au seuil d'expérience.")
    )
    senior_monthly_salary = models.PositiveIntegerField(
        _("salaire net mensuel (senior)"), default=4000, help_text=_("En euros, au-delà du seuil d'expérience.")
    )
    seniority_threshold_years = models.PositiveSmallIntegerField(
        _("seuil d'expérience (années)"),
        default=5,
        help_text=_("Jusqu'à ce nombre d'années d'expérience inclus, le salaire junior s'applique."),
    )

    usual_positions_min = models.PositiveSmallIntegerField(
        _("nombre habituel de postes par défi (minimum)"),
        default=DEFAULT_USUAL_POSITIONS_MIN,
        help_text=_("Un défi qui en compte moins demande une dérogation, accordée ou refusée par l'équipe."),
    )
    usual_positions_max = models.PositiveSmallIntegerField(
        _("nombre habituel de postes par défi (maximum)"),
        default=DEFAULT_USUAL_POSITIONS_MAX,
        help_text=_("Un défi qui en compte plus demande une dérogation, accordée ou refusée par l'équipe."),
    )

    # The assignment model's weights (fellowship.assignment.Weights, docs/assignment.md), in whole points.
    assignment_placement_weight = models.PositiveIntegerField(
        _("affectation : points par personne placée"),
        default=1000,
        help_text=_("Récompense de chaque lauréat·e placé·e : la première priorité du calcul."),
    )
    assignment_list_rank_weight = models.PositiveIntegerField(
        _("affectation : pénalité par rang sur la liste"),
        default=10,
        help_text=_("Points retirés pour chaque rang plus bas sur la liste du jury."),
    )
    assignment_wish_rank_weight = models.PositiveIntegerField(
        _("affectation : pénalité par rang de vœu"),
        default=10,
        help_text=_("Points retirés pour chaque rang plus bas dans les vœux de la personne."),
    )
    assignment_jury_proposal_weight = models.PositiveIntegerField(
        _("affectation : pénalité d'un défi non souhaité"),
        default=50,
        help_text=_("Points retirés quand la personne est placée sur un défi qu'elle n'a pas mis dans ses vœux."),
    )
    assignment_running_challenge_weight = models.PositiveIntegerField(
        _("affectation : points par défi lancé"),
        default=0,
        help_text=_(
            "Récompense de chaque défi qui démarre : positive, elle préfère deux équipes de deux à une de quatre."
        ),
    )

    # How long each class of personal data is kept (docs/personal-data.md, after the CNIL's recruitment
    # guidance); the dates themselves are computed by applications.retention, never stored.
    retention_not_retained_months = models.PositiveSmallIntegerField(
        _("conservation des dossiers non retenus (mois)"),
        default=6,
        help_text=_("Après le dernier contact avec la personne, sans son accord pour une durée plus longue."),
    )
    retention_consent_months = models.PositiveSmallIntegerField(
        _("conservation avec l'accord de la personne (mois)"),
        default=24,
        help_text=_("Après le dernier contact, quand la personne accepte que son dossier soit gardé : 24 au plus."),
    )
    retention_drafts_days = models.PositiveSmallIntegerField(
        _("conservation des brouillons jamais déposés (jours)"),
        default=30,
        help_text=_("Après la clôture de l'appel à candidatures."),
    )
    retention_contract_years = models.PositiveSmallIntegerField(
        _("conservation des données de contrat des lauréat·es (années)"),
        default=5,
        help_text=_("Après la fin du contrat de l'entrepreneur·e d'intérêt général."),
    )

    challenge_jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jury de sélection des défis"),
        blank=True,
        related_name="challenge_juries",
        help_text=_("Les juré·es qui évaluent les défis déposés pour cette promotion (l'équipe le peut aussi)."),
    )

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(retention_consent_months__lte=24),
                name="cohort_retention_consent_at_most_24_months",
                violation_error_message=_(
                    "Avec l'accord de la personne, un dossier est gardé 24 mois au plus après le dernier contact."
                ),
            ),
            *CALENDAR_CONSTRAINTS,
            models.CheckConstraint(
                condition=Q(assignment_placement_weight__gte=1),
                name="cohort_assignment_placement_weight_positive",
                violation_error_message=_("Chaque personne placée doit rapporter au moins un point."),
            ),
            models.CheckConstraint(
                condition=Q(acceptance_days__gte=1, acceptance_days__lte=60),
                name="cohort_acceptance_days_range",
                violation_error_message=_("Le délai d'acceptation doit être compris entre 1 et 60 jours."),
            ),
            models.CheckConstraint(
                condition=Q(junior_monthly_salary__gt=0) & Q(senior_monthly_salary__gte=F("junior_monthly_salary")),
                name="cohort_salary_bands_order",
                violation_error_message=_(
                    "Le salaire senior doit être au moins égal au salaire junior, lui-même positif."
                ),
            ),
            USUAL_POSITIONS_CONSTRAINT,
            models.CheckConstraint(
                condition=Q(audition_minutes__gte=5, audition_minutes__lte=240),
                name="cohort_audition_minutes_range",
                violation_error_message=_("Une audition dure entre 5 et 240 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(audition_break_minutes__lte=120),
                name="cohort_audition_break_range",
                violation_error_message=_("La pause entre deux auditions ne dépasse pas 120 minutes."),
            ),
            models.CheckConstraint(
                condition=Q(jury_quorum__gte=1),
                name="cohort_jury_quorum_positive",
                violation_error_message=_("Le quorum d'un jury est d'au moins une personne."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def acceptance_deadline(self) -> dt.datetime:
        return self.results_at + dt.timedelta(days=self.acceptance_days)

    @property
    def audition_duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.audition_minutes)

    @property
    def audition_break(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.audition_break_minutes)

    def window(self, step: Step) -> Window:
        """When `step` is open (cohorts.windows): every check of the calendar goes through it."""
        return cohort_window(self, step)

    @property
    def windows(self) -> CohortWindows:
        """The windows by step name, for templates: `cohort.windows.wishes.deadline_display`."""
        return CohortWindows(self)

    def steps(self) -> list[Window]:
        """Every step's window, in calendar order. Some overlap: the candidates call opens while the
        projects call is still running, as in the real programme."""
        return [self.window(step) for step in Step]

    def open_steps(self, now: dt.datetime | None = None) -> list[Window]:
        now = now or timezone.now()
        return [window for window in self.steps() if window.is_open(now)]

    def phase(self, now: dt.datetime | None = None) -> Phase:
        """The current phase, derived from the dates (never stored): the latest step open now."""
        now = now or timezone.now()
        if not self.window(Step.PROJECTS_CALL).has_opened(now):
            return Phase.UPCOMING
        if self.window(Step.PROGRAMME).has_closed(now):
            return Phase.FINISHED
        open_steps = self.open_steps(now)
        if open_steps:
            return open_steps[-1].phase
        return Phase.BETWEEN_STEPS

    def next_step(self, now: dt.datetime | None = None) -> Window | None:
        now = now or timezone.now()
        return next((window for window in self.steps() if window.state(now) == StepState.UPCOMING), None)

    @property
    def usual_positions_text(self) -> str:
        """The usual number of positions as a sentence says it: « 2 ou 3 »."""
        return range_text(self.usual_positions_min, self.usual_positions_max)

    def salary_for(self, years_of_experience: int) -> int:
        """Net monthly salary for a candidate with this experience."""
        if years_of_experience <= self.seniority_threshold_years:
            return self.junior_monthly_salary
        return self.senior_monthly_salary


class GridStage(models.TextChoices):
    CHALLENGE_SELECTION = "challenge_selection", _("Sélection des défis")
    PRESELECTION = "preselection", _("Présélection des candidatures")
    AUDITION = "audition", _("Auditions")


class ScoringCriterionQuerySet(models.QuerySet):
    def for_stage(self, cohort: "Cohort", stage: GridStage) -> "ScoringCriterionQuerySet":
        return self.filter(cohort=cohort, stage=stage).order_by("position")


class ScoringCriterion(models.Model):
    """One criterion of a cohort's scoring grid for a stage (label, scale, weight)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="scoring_criteria"
    )
    stage = models.CharField(_("étape"), max_length=30, choices=GridStage.choices)
    position = models.PositiveSmallIntegerField(_("ordre"), default=1)
    label = models.CharField(_("critère"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    min_score = models.PositiveSmallIntegerField(_("note minimale"))
    max_score = models.PositiveSmallIntegerField(_("note maximale"))
    weight = models.DecimalField(_("poids"), max_digits=4, decimal_places=2, default=1)

    objects = ScoringCriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("critère d'évaluation")
        verbose_name_plural = _("critères d'évaluation")
        ordering = ["cohort", "stage", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "stage", "label"],
                name="scoring_criterion_unique_label",
                violation_error_message=_("Ce critère existe déjà pour cette étape de la promotion."),
            ),
            models.CheckConstraint(
                condition=Q(max_score__gt=F("min_score")),
                name="scoring_criterion_scale_order",
                violation_error_message=_("La note maximale doit être supérieure à la note minimale."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="scoring_criterion_weight_positive",
                violation_error_message=_("Le poids d'un critère doit être positif."),
            ),
        ]

    def __str__(self) -> str:
        return self.label
