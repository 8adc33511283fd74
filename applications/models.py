"""Candidates' applications to a cohort, their lifecycle, the anonymous pre-selection reviews and
the ranked wishes. Status changes go through applications.services only."""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cohorts.limits import MAX_WISHES as MAX_WISHES  # the limits live in cohorts.limits
from cohorts.limits import MIN_WISHES as MIN_WISHES
from cohorts.models import GridStage
from cohorts.profiles import Profile
from cohorts.scoring import (
    CriterionScore,
    Scorecard,
    one_scorecard_per_scorer,
    score_constraints,
    scorecard_foreign_key,
)
from eig.badges import status_badges
from eig.lifecycle import Lifecycle, Transition, transition_log
from eig.storage import cv_upload_to, private_storage


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposée")
    PRESELECTED = "preselected", _("Présélectionnée")
    NOT_PRESELECTED = "not_preselected", _("Non présélectionnée")
    WITHDRAWN = "withdrawn", _("Retirée")


# Each status's DSFR badge colour ({% status_badge %}; eig/badges.py).
status_badges(
    ApplicationStatus,
    {
        ApplicationStatus.DRAFT: "info",
        ApplicationStatus.SUBMITTED: "new",
        ApplicationStatus.PRESELECTED: "success",
        ApplicationStatus.NOT_PRESELECTED: "error",
        ApplicationStatus.WITHDRAWN: "",
    },
)


# The lifecycle, as data (eig.lifecycle). Candidates submit and withdraw (before any decision); staff decide
# and may revise a decision, or put a withdrawn application back as a draft. Later stages (auditions, offers)
# add their statuses and transitions here.
APPLICATION_LIFECYCLE = Lifecycle(
    ApplicationStatus,
    Transition("submit", {"draft"}, "submitted", stamps=("submitted_at",), label=_("Déposer")),
    Transition("withdraw", {"draft", "submitted"}, "withdrawn", label=_("Retirer")),
    Transition("preselect", {"submitted", "not_preselected"}, "preselected", label=_("Présélectionner")),
    Transition("not_preselect", {"submitted", "preselected"}, "not_preselected", label=_("Ne pas présélectionner")),
    Transition("restore", {"withdrawn"}, "draft", label=_("Remettre en brouillon")),
    # The candidate deletes their account during the selection (eig.privacy, docs/personal-data.md).
    Transition("leave", {"preselected"}, "withdrawn", label=_("Retirer (suppression du compte)")),
    log="applications.ApplicationTransition",
    refusal=_("Une candidature « %(from)s » ne peut pas passer à « %(to)s »."),
)


class Relocation(models.TextChoices):
    YES = "yes", _("Oui")
    DEPENDS = "depends", _("Selon le défi")
    NO = "no", _("Non")


class HeardFrom(models.TextChoices):
    SOCIAL_NETWORKS = "social_networks", _("Réseaux sociaux")
    ALUMNI = "alumni", _("Un·e ancien·ne EIG")
    FRIENDS = "friends", _("Bouche-à-oreille")
    PRESS = "press", _("Presse ou newsletter")
    EVENT = "event", _("Un événement")
    JOB_BOARD = "job_board", _("Un site d'offres d'emploi")
    OTHER = "other", _("Autre")


# Crockford's base 32: no I, L, O or U, so that a code read aloud or copied by hand is not mistaken.
REVIEW_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REVIEW_CODE_LENGTH = 11  # two groups of five characters (50 random bits) and a dash


def new_review_code() -> str:
    """A random code ("7K3MQ-9XD4T") that names an application in the anonymous pre-selection. It owes
    nothing to the primary key or the reference (C-<cohort>-<id>) that the admin shows next to names."""
    characters = "".join(secrets.choice(REVIEW_CODE_ALPHABET) for _index in range(10))
    return f"{characters[:5]}-{characters[5:]}"


class ApplicationQuerySet(models.QuerySet):
    def for_cohort(self, cohort) -> "ApplicationQuerySet":
        return self.filter(cohort=cohort)


class Application(models.Model):
    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="applications"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("candidat·e"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )

    # The application form (DESIGN.md); every field optional until submission.
    profile = models.CharField(_("profil principal"), max_length=30, choices=Profile.choices, blank=True)
    secondary_profiles = ArrayField(
        models.CharField(max_length=30, choices=Profile.choices),
        verbose_name=_("compétences secondaires"),
        default=list,
        blank=True,
    )
    skills = models.TextField(_("vos compétences en quelques mots"), blank=True)
    years_of_experience = models.PositiveSmallIntegerField(
        _("années d'expérience professionnelle"), null=True, blank=True
    )
    career_path = models.TextField(_("parcours et expériences"), blank=True)
    motivation = models.TextField(_("motivation et sens de l'intérêt général"), blank=True)
    achievements = models.TextField(_("réalisations"), blank=True)
    links = models.TextField(
        _("liens"), blank=True, help_text=_("Code, portfolio, publications… une adresse par ligne.")
    )
    relocation = models.CharField(_("prêt·e à déménager ?"), max_length=10, choices=Relocation.choices, blank=True)
    heard_from = models.CharField(
        _("comment avez-vous connu le programme ?"), max_length=20, choices=HeardFrom.choices, blank=True
    )
    not_civil_servant = models.BooleanField(_("je ne suis pas fonctionnaire en activité"), default=False)
    not_juror_or_expert = models.BooleanField(_("je ne suis ni juré·e ni expert·e du programme"), default=False)
    not_current_fellow = models.BooleanField(
        _("je ne suis pas entrepreneur·e d'intérêt général en cours de programme"), default=False
    )
    data_consent = models.BooleanField(_("j'accepte le traitement de mes données pour la sélection"), default=False)
    cv = models.FileField(_("CV (PDF)"), storage=private_storage, upload_to=cv_upload_to, max_length=200, blank=True)
    anonymised_cv = models.FileField(
        _("CV anonymisé (PDF)"),
        storage=private_storage,
        upload_to=cv_upload_to,
        max_length=200,
        blank=True,
        help_text=_("Sans nom, photo, âge ni coordonnées : c'est lui que lisent les personnes qui présélectionnent."),
    )

    # Reviewers know an application by this code only: the admin, which shows names, never shows it.
    review_code = models.CharField(
        _("code d'évaluation anonyme"), max_length=REVIEW_CODE_LENGTH, default=new_review_code, editable=False
    )

    # Retention (applications.retention, docs/personal-data.md): the candidate's consent to a longer
    # retention, a hold (litigation) that no purge passes, and when the file was purged (an anonymous
    # record remains: status, profile, cohort, scores).
    retention_consent_at = models.DateTimeField(_("accord pour une conservation prolongée le"), null=True, blank=True)
    held_at = models.DateTimeField(_("conservé (contentieux) depuis le"), null=True, blank=True)
    hold_reason = models.TextField(_("motif de la conservation"), blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conservé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    purged_at = models.DateTimeField(_("données effacées le"), null=True, blank=True, db_index=True)

    submitted_at = models.DateTimeField(_("déposée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()
    lifecycle = APPLICATION_LIFECYCLE

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["cohort", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "candidate"],
                name="application_one_per_candidate_per_cohort",
                violation_error_message=_("Vous avez déjà une candidature pour cette promotion."),
            ),
            models.UniqueConstraint(
                fields=["review_code"],
                name="application_review_code_unique",
                violation_error_message=_("Ce code d'évaluation anonyme est déjà pris par une autre candidature."),
            ),
            models.CheckConstraint(
                condition=Q(held_at__isnull=True) | ~Q(hold_reason=""),
                name="application_hold_has_reason",
                violation_error_message=_("Indiquez le motif de la conservation."),
            ),
            models.CheckConstraint(
                condition=Q(years_of_experience__isnull=True) | Q(years_of_experience__lte=60),
                name="application_years_of_experience_range",
                violation_error_message=_("Le nombre d'années d'expérience doit être compris entre 0 et 60."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.cohort}"

    @property
    def reference(self) -> str:
        """The staff's identifier of the application, shown in the admin next to the candidate's name (and
        so never to reviewers, who know the application by its `review_code`)."""
        return f"C-{self.cohort.number}-{self.pk:05d}"


class ApplicationTransition(
    transition_log(
        owner="applications.Application",
        owner_field="application",
        owner_label=_("candidature"),
        status_enum=ApplicationStatus,
    )
):
    """The log of an application's lifecycle: who moved it from which status to which, when, why."""


class PreselectionReview(Scorecard):
    """One staff reviewer's anonymous assessment of an application on the pre-selection grid (cohorts.scoring)."""

    grid_stage = GridStage.PRESELECTION
    subject_field = "application"
    scorer_field = "reviewer"

    application = models.ForeignKey(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relecteur·rice"),
        on_delete=models.PROTECT,
        related_name="preselection_reviews",
    )
    assessment = models.TextField(_("appréciation"))

    class Meta:
        verbose_name = _("évaluation de présélection")
        verbose_name_plural = _("évaluations de présélection")
        ordering = ["application", "created_at"]
        constraints = [
            one_scorecard_per_scorer(
                subject_field="application",
                scorer_field="reviewer",
                name="preselection_review_one_per_reviewer",
                message=_("Vous avez déjà évalué cette candidature."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} — {self.reviewer}"


class ReviewScore(CriterionScore):
    """A score of a pre-selection review on one criterion (cohorts.scoring.CriterionScore)."""

    review = scorecard_foreign_key(PreselectionReview)

    class Meta(CriterionScore.Meta):
        constraints = score_constraints(scorecard_field="review", prefix="review_score")


class Wish(models.Model):
    """A pre-selected candidate's ranked choice of a revealed challenge (rank 1 is the favourite)."""

    application = models.ForeignKey(
        Application, verbose_name=_("candidature"), on_delete=models.CASCADE, related_name="wishes"
    )
    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("défi"), on_delete=models.PROTECT, related_name="wishes"
    )
    rank = models.PositiveSmallIntegerField(_("rang"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("vœu")
        verbose_name_plural = _("vœux")
        ordering = ["application", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=MAX_WISHES),
                name="wish_rank_range",
                violation_error_message=format_lazy(
                    _("Le rang d'un vœu est compris entre 1 et {max}."), max=MAX_WISHES
                ),
            ),
            models.UniqueConstraint(
                fields=["application", "rank"],
                name="wish_unique_rank",
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message=_("Deux vœux ne peuvent pas avoir le même rang."),
            ),
            models.UniqueConstraint(
                fields=["application", "challenge"],
                name="wish_unique_challenge",
                violation_error_message=_("Ce défi figure déjà dans vos vœux."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.rank}. {self.challenge}"
