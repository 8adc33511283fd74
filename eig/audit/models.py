"""The audit trail: one row per decision and per access to a personal file, which PostgreSQL refuses to
change or delete (a trigger, migration eig 0008). Imported by eig.models so that it belongs to the eig app.

A row names who (the account, and its e-mail address at that moment), when, from which address, what
(an action, a model and a primary key, a sentence in French) and the details as JSON. It holds no
candidate's personal data: a purge empties the person's fields and files, while the trail keeps saying
that a file was seen, scored or purged, and by whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    STATUS = "status", _("Changement de statut")
    SCORE = "score", _("Note")
    LIST = "list", _("Liste et version")
    VALIDATION = "validation", _("Validation")
    OFFER = "offer", _("Offre")
    ASSIGNMENT = "assignment", _("Affectation")
    PURGE = "purge", _("Effacement de données")
    HOLD = "hold", _("Conservation prolongée")
    CONSENT = "consent", _("Consentement")
    FILE = "file", _("Consultation d'un fichier personnel")
    EXPORT = "export", _("Export de données")
    ACCOUNT = "account", _("Compte")
    DECLARATION = "declaration", _("Déclaration d'intérêts")
    AUDITION = "audition", _("Audition et créneau")
    SETTING = "setting", _("Réglage")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices, db_index=True)
    # No database constraint: an account deleted later leaves its rows as they were (the row cannot change).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.EmailField(_("adresse de l'auteur"), blank=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    object_type = models.CharField(_("type d'objet"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64, blank=True)
    summary = models.TextField(_("résumé"))
    data = models.JSONField(_("détails"), default=dict, blank=True)

    class Meta:
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} : {self.summary}"
