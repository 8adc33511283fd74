"""Thin Celery tasks: each calls one function and is safe to run twice."""

from celery import shared_task
from django.core import management

from eig.emails import send_email


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def send_email_task(*, to: list[str], subject: str, body: str, html_body: str | None = None) -> None:
    send_email(to=to, subject=subject, body=body, html_body=html_body)


@shared_task
def clear_expired_sessions() -> None:
    management.call_command("clearsessions")
