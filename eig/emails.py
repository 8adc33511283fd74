"""E-mail sending shared by every app.

Apps build messages from `templates/emails/<app>/<event>_{subject,body}.txt` (+ `_body.html`) in
the recipient's language and queue them with `email_queue`: the e-mail becomes a row of the outbox
(eig.outbox) in the caller's transaction, sent by a worker once that transaction commits.
"""

from django.conf import settings
from django.template import Context
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

from eig.outbox.services import email_write


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


def email_queue(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str = settings.LANGUAGE_CODE,
    attachments: list[dict] | None = None,
    reply_to: list[str] | None = None,
):
    """Render the e-mail in `language` and write it to the outbox in the current transaction; a worker
    sends it once the transaction has committed. `attachments`: text files, {"filename", "content",
    "mimetype"}; `reply_to`: where answers go, when not to the sender. Returns the outbox row."""
    rendered = email_render(template=template, context=context, language=language)
    return email_write(
        to=to, template=template, language=language, attachments=attachments, reply_to=reply_to, **rendered
    )
