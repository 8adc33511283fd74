"""Sending a row exactly once, the one mechanism behind the outbox and the reminder ledger.

A row is claimed with one filtered UPDATE (PostgreSQL re-checks the condition on the row it locks,
so of two workers racing for it one updates it, the other 0 rows), sent, then settled only if the
claim is still ours. A worker that dies leaves its row `sending`: once stale, a sweep hands it out
again. A failed send waits for a back-off, doubled at each failure, before the next sweep retries it.
"""

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The longest wait between two attempts.
BACKOFF_CAP = dt.timedelta(hours=2)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("Échec")
    # The reminder ledger only: the recipient acted, or the deadline passed or moved.
    CANCELLED = "cancelled", _("Annulé")


class DeliveryQuerySet(models.QuerySet):
    """Each subclass names the setting that says when a `sending` row belongs to a dead worker."""

    stale_after_setting = ""

    def stale_before(self, now: dt.datetime) -> dt.datetime:
        """A row still `sending` since before this moment belongs to a worker that died."""
        return now - dt.timedelta(seconds=getattr(settings, self.stale_after_setting))

    def claimable(self, now: dt.datetime) -> "DeliveryQuerySet":
        """Rows a worker may claim now: pending; failed and due for another attempt; or left
        `sending` by a worker that died (claimed too long ago)."""
        return self.filter(
            Q(status=DeliveryStatus.PENDING)
            | Q(status=DeliveryStatus.FAILED, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=self.stale_before(now))
        )

    def open(self, now: dt.datetime) -> "DeliveryQuerySet":
        """Rows not settled yet that nobody is working on: pending, failed, or stale `sending`."""
        return self.filter(
            Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
            | Q(status=DeliveryStatus.SENDING, claimed_at__lt=self.stale_before(now))
        )

    def claim(self, now: dt.datetime) -> int:
        """Take the rows of this queryset (filtered on what may be claimed) for one worker, in one UPDATE."""
        return self.update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, next_attempt_at=None
        )

    def settle(self, row: "DeliveryState", **fields) -> int:
        """Write the outcome of our claim, unless another worker has taken the row over since."""
        return self.filter(pk=row.pk, status=DeliveryStatus.SENDING, claimed_at=row.claimed_at).update(**fields)


class DeliveryState(models.Model):
    """Where a row stands in its sending: the fields the claim, the sweep and the admin work with."""

    status = models.CharField(
        _("statut"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        abstract = True
        app_label = "eig"
        ordering = ["-created_at", "-id"]


def backoff(attempts: int, *, base_seconds: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: the base delay, doubled at each failure, capped."""
    return min(dt.timedelta(seconds=base_seconds * 2 ** (attempts - 1)), BACKOFF_CAP)


def send_claimed(
    row: DeliveryState, send: Callable[[], None], *, max_attempts: int, retry_delay_seconds: int, **on_sent
) -> str:
    """Send a row we have claimed and record the outcome (one query): "sent" (with the `on_sent`
    fields), or "failed" with the error and, below `max_attempts`, the moment of the next attempt."""
    objects = type(row)._default_manager
    try:
        send()
    except Exception as error:
        retry = row.attempts < max_attempts
        objects.settle(
            row,
            status=DeliveryStatus.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + backoff(row.attempts, base_seconds=retry_delay_seconds)
            if retry
            else None,
        )
        logger.warning("%s %s failed (attempt %s): %s", type(row).__name__, row.pk, row.attempts, error)
        return "failed"
    objects.settle(row, status=DeliveryStatus.SENT, sent_at=timezone.now(), **on_sent)
    return "sent"
