"""Writes of the outbox: queue an e-mail in the caller's transaction, send one row (claimed, sent
once), sweep the rows a broker outage or a dead worker left behind, and the admin's retry."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from eig.enqueue import enqueue
from eig.outbox.delivery import DeliveryStatus, send_claimed
from eig.outbox.models import OutboxEmail

# The tasks, by name (eig.tasks imports this module, not the other way round).
SEND_TASK = "eig.tasks.send_outbox_email"
BATCH_SIZE = 1000


def email_send(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    attachments: list[dict] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    """Hand one message to Django's mail backend: the only place that does (the outbox and the
    reminder ledger both send through it). `attachments`: {"filename", "content", "mimetype"} text
    files (a calendar invitation's `.ics`); `reply_to`: where answers go (the sender otherwise)."""
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to, reply_to=reply_to or None
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    message.send()


def email_write(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    template: str = "",
    language: str = "",
    sensitive: bool = False,
    attachments: list[dict] | None = None,
    reply_to: list[str] | None = None,
) -> OutboxEmail:
    """Write the e-mail in the caller's transaction (rolled back with it), then hand it to a worker
    once that transaction commits. If the broker is down, the row waits for the next sweep."""
    email = OutboxEmail.objects.create(
        to=to,
        subject=subject,
        body=body,
        html_body=html_body or "",
        template=template,
        language=language,
        sensitive=sensitive,
        attachments=attachments or [],
        reply_to=reply_to or [],
    )
    transaction.on_commit(lambda: enqueue(SEND_TASK, [[email.pk]]))
    return email


def email_deliver(*, email_id: int) -> str:
    """Claim one outbox row, send it and record the outcome: "sent", "failed", or "skipped" (sent
    already, or another worker's). A sensitive row's content is erased once sent."""
    now = timezone.now()
    if not OutboxEmail.objects.filter(pk=email_id).claimable(now).claim(now):
        return "skipped"
    email = OutboxEmail.objects.get(pk=email_id)
    erase = {"body": "", "html_body": "", "attachments": []} if email.sensitive else {}
    return send_claimed(
        email,
        lambda: email_send(
            to=email.to,
            subject=email.subject,
            body=email.body,
            html_body=email.html_body,
            attachments=email.attachments,
            reply_to=email.reply_to,
        ),
        max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
        retry_delay_seconds=settings.OUTBOX_RETRY_DELAY_SECONDS,
        **erase,
    )


def emails_sweep(*, now: dt.datetime | None = None, queue: str | None = None) -> int:
    """Hand to the workers (on `queue`, or the default one) every row that waits: pending (its task
    was lost, the broker being down), failed and due for a retry, or left `sending` by a dead worker.
    Safe to run often or twice at once: the claim sends each row once."""
    now = now or timezone.now()
    ids = list(
        OutboxEmail.objects.claimable(now).order_by("created_at", "pk").values_list("pk", flat=True)[:BATCH_SIZE]
    )
    if ids:
        transaction.on_commit(lambda: enqueue(SEND_TASK, [[pk] for pk in ids], queue=queue))
    return len(ids)


def emails_retry(*, emails: QuerySet[OutboxEmail]) -> int:
    """Put failed e-mails back to pending and hand them to the workers (the admin's « Relancer »)."""
    ids = list(emails.filter(status=DeliveryStatus.FAILED).values_list("pk", flat=True))
    count = OutboxEmail.objects.filter(pk__in=ids, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=None, claimed_at=None
    )
    if ids:
        transaction.on_commit(lambda: enqueue(SEND_TASK, [[pk] for pk in ids]))
    return count
