"""Administrations and the challenges ("défis") they propose to a cohort.

The full challenge form, its lifecycle service and the selection jury come with the projects-call
issue; this is the part the rest of the platform and the demo data already stand on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Administration(models.Model):
    name = models.CharField(_("nom"), max_length=255, unique=True)
    acronym = models.CharField(_("sigle"), max_length=50, blank=True)
    parent_ministry = models.CharField(_("ministère de rattachement"), max_length=255, blank=True)
    website = models.URLField(_("site web"), blank=True)

    class Meta:
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    SELECTED = "selected", _("Sélectionné")
    NOT_SELECTED = "not_selected", _("Non retenu")
    WITHDRAWN = "withdrawn", _("Retiré")


class Challenge(models.Model):
    cohort = models.ForeignKey(
        "cohorts.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="challenges"
    )
    administration = models.ForeignKey(
        Administration, verbose_name=_("administration"), on_delete=models.PROTECT, related_name="challenges"
    )
    name = models.CharField(_("nom du défi"), max_length=200)
    summary = models.TextField(_("problème en deux lignes"), max_length=400, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    source_code_url = models.URLField(_("code source publié"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("défi")
        verbose_name_plural = _("défis")
        ordering = ["cohort", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "name"],
                name="challenge_name_unique_per_cohort",
                violation_error_message=_("Un défi porte déjà ce nom dans cette promotion."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
