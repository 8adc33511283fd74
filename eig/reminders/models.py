"""The reminder ledger: one row per (rule, recipient, object, deadline), whatever happens to it.
It refers to no app's model: the rule of a row (its key) knows what its ids stand for.

The unique constraint makes a reminder exist once; the atomic claim (services.reminder_deliver)
makes one worker send it. Imported by eig.models so that it belongs to the eig app.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eig.dates import passed_deadlines_cutoff
from eig.outbox.delivery import DeliveryQuerySet, DeliveryState, DeliveryStatus  # noqa: F401


class ReminderDeliveryQuerySet(DeliveryQuerySet):
    stale_after_setting = "REMINDER_STALE_AFTER_SECONDS"

    def deliverable(self, now: dt.datetime) -> "ReminderDeliveryQuerySet":
        """Rows a worker may claim now (eig.outbox.delivery), never once the deadline has passed
        (eig.dates: a deadline at 23:59 passes at 00:00)."""
        return self.claimable(now).filter(deadline__gte=passed_deadlines_cutoff(now))


class ReminderDelivery(DeliveryState):
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
    objects = ReminderDeliveryQuerySet.as_manager()

    class Meta(DeliveryState.Meta):
        verbose_name = _("rappel")
        verbose_name_plural = _("rappels (journal des envois)")
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
