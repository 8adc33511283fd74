"""The outbox: one row per e-mail, rendered when it is queued (in the recipient's language) and kept
with its template and language for the admin. Imported by eig.models so that it belongs to the eig app."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from eig.outbox.delivery import DeliveryQuerySet, DeliveryState


class OutboxEmailQuerySet(DeliveryQuerySet):
    stale_after_setting = "OUTBOX_STALE_AFTER_SECONDS"


class OutboxEmail(DeliveryState):
    to = ArrayField(models.EmailField(), verbose_name=_("destinataires"))
    # Where answers go when it is not the sender (a contact form's message: its author).
    reply_to = ArrayField(models.EmailField(), default=list, blank=True, verbose_name=_("répondre à"))
    subject = models.CharField(_("objet"), max_length=998)
    body = models.TextField(_("texte"), blank=True)
    html_body = models.TextField(_("HTML"), blank=True)
    template = models.CharField(_("gabarit"), max_length=200, blank=True)
    language = models.CharField(_("langue"), max_length=8, blank=True)
    # Text files sent with the message: [{"filename", "content", "mimetype"}] (a convocation's .ics).
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    sensitive = models.BooleanField(
        _("sensible"),
        default=False,
        help_text=_(
            "Codes de connexion, liens de réinitialisation : le contenu n'est pas affiché et est effacé après envoi."
        ),
    )

    objects = OutboxEmailQuerySet.as_manager()

    class Meta(DeliveryState.Meta):
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails (file d'envoi)")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_email_status_idx")]

    def __str__(self) -> str:
        return f"{', '.join(self.to)} : {self.subject}"
