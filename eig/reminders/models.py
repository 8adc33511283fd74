"""The reminder ledger: one row per (rule, recipient, object, deadline), whatever happens to it.
It refers to no app's model: the rule of a row (its key) knows what its ids stand for.

The unique constraint makes a reminder exist once; the atomic claim (services.reminder_deliver)
makes one worker send it. Imported by eig.models so that it belongs to the eig app.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eig.dates import passed_deadlines_cutoff


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")
    CANCELLED = "cancelled", _("Annulé")


def stale_before(now: dt.datetime) -> dt.datetime:
    """A row still `sending` since before this moment belongs to a worker that died."""
    return now - dt.timedelta(seconds=settings.REMINDER_STALE_AFTER_SECONDS)


class ReminderDeliveryQuerySet(models.QuerySet):
    def deliverable(self, now: dt.datetime) -> "ReminderDeliveryQuerySet":
        """Rows a worker may claim now: pending; failed and due for another attempt; or left
        `sending` by a worker that died (claimed too long ago). Never once the deadline has passed
        (eig.dates: a deadline at 23:59 passes at 00:00)."""
        return self.filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale_before(now)),
            deadline__gte=passed_deadlines_cutoff(now),
        )

    def open(self, now: dt.datetime) -> "ReminderDeliveryQuerySet":
        """Rows not settled yet that nobody is working on: pending, failed, or stale `sending`."""
        return self.filter(
            Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale_before(now))
        )


class ReminderDelivery(models.Model):
    rule = models.CharField(
        _("règle"), max_length=100, help_text=_("La règle et son échéance, par exemple « challenge_draft:7d ».")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinataire"),
        on_delete=models.CASCADE,
        related_name="reminder_deliveries",
    )
    # What carries the deadline, by id only (the engine knows no app): the cohort of a calendar
    # date, or the object itself for a deadline of its own. The rule knows its model (scope_type).
    scope_id = models.PositiveBigIntegerField(
        _("portée"), help_text=_("Ce qui porte l'échéance : la promotion, pour une date de son calendrier.")
    )
    object_type = models.CharField(_("type d'objet"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("identifiant de l'objet"))
    deadline = models.DateTimeField(
        _("échéance"), help_text=_("La date limite au moment du rappel : la déplacer crée de nouveaux rappels.")
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ReminderDeliveryQuerySet.as_manager()

    class Meta:
        app_label = "eig"
        verbose_name = _("rappel")
        verbose_name_plural = _("rappels (journal des envois)")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "recipient", "object_type", "object_id", "deadline"],
                name="reminder_delivery_unique",
                violation_error_message=_("Ce rappel existe déjà pour ce destinataire, cet objet et cette échéance."),
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="reminder_delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient_id} ({self.object_type} {self.object_id})"
