"""E-mail sending shared by every app.

Apps build messages from `templates/emails/<app>/<event>_{subject,body}.txt` (+ `_body.html`) in
the recipient's language and queue them with `email_queue`, which sends after the transaction
commits, through the Celery worker.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


def send_email(*, to: list[str], subject: str, body: str, html_body: str | None = None) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template without HTML escaping (a name like « L'Oréal » stays as typed)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def email_render(*, template: str, context: dict, language: str) -> dict:
    """Render `<template>_subject.txt` (after settings.EMAIL_SUBJECT_PREFIX, shared with allauth's
    e-mails), `_body.txt` and, when present, `_body.html` in `language`."""
    with translation.override(language):
        subject = settings.EMAIL_SUBJECT_PREFIX + " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}_body.txt", context)
        try:
            html_body = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html_body = None
    return {"subject": subject, "body": body, "html_body": html_body}


def email_queue(*, to: list[str], template: str, context: dict, language: str = settings.LANGUAGE_CODE) -> None:
    """Send the e-mail from the worker once the current transaction has committed."""
    from eig.tasks import send_email_task

    rendered = email_render(template=template, context=context, language=language)
    transaction.on_commit(lambda: send_email_task.delay(to=to, **rendered))
