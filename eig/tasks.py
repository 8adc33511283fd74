"""Thin Celery tasks: each calls one function and is safe to run twice."""

from celery import shared_task
from django.core import management

from eig.emails import send_email
from eig.reminders.services import reminder_deliver, reminders_sweep


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def send_email_task(*, to: list[str], subject: str, body: str, html_body: str | None = None) -> None:
    send_email(to=to, subject=subject, body=body, html_body=html_body)


@shared_task
def clear_expired_sessions() -> None:
    management.call_command("clearsessions")


@shared_task(bind=True)
def sweep_reminders(self, queue: str | None = None) -> int:
    """Every 15 minutes (beat): record the reminders due and hand them out. The deliveries go to
    `queue`, or to the queue this sweep came from (so a test worker on its own queue gets them)."""
    queue = queue or (self.request.delivery_info or {}).get("routing_key") or None
    return reminders_sweep(queue=queue).enqueued


@shared_task
def deliver_reminder(delivery_id: int) -> str:
    return reminder_deliver(delivery_id=delivery_id)
