"""Thin Celery tasks: each calls one service and is safe to run twice. Services hand work to them by
name (eig.enqueue), never by importing this module."""

from celery import shared_task
from django.core import management

from eig.outbox.services import email_deliver, emails_sweep
from eig.reminders.services import reminder_deliver, reminders_sweep


def _queue_of(task) -> str | None:
    """The queue a task came from, so that what it hands out goes to the same workers (a test
    worker on its own queue gets them)."""
    return (task.request.delivery_info or {}).get("routing_key") or None


@shared_task
def send_outbox_email(email_id: int) -> str:
    return email_deliver(email_id=email_id)


@shared_task(bind=True)
def sweep_outbox(self, queue: str | None = None) -> int:
    """Every minute (beat): hand out the e-mails left pending, failed and due, or stale."""
    return emails_sweep(queue=queue or _queue_of(self))


@shared_task
def clear_expired_sessions() -> None:
    management.call_command("clearsessions")


@shared_task(bind=True)
def sweep_reminders(self, queue: str | None = None) -> int:
    """Every 15 minutes (beat): record the reminders due and hand them out. The deliveries go to
    `queue`, or to the queue this sweep came from (so a test worker on its own queue gets them)."""
    return reminders_sweep(queue=queue or _queue_of(self)).enqueued


@shared_task
def deliver_reminder(delivery_id: int) -> str:
    return reminder_deliver(delivery_id=delivery_id)
