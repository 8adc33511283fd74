"""E-mails of the applications' lifecycle, from templates/emails/applications/, sent after commit."""

from django.conf import settings
from django.urls import reverse

from eig.emails import email_queue


def application_submitted(*, application) -> None:
    candidate = application.candidate
    email_queue(
        to=[candidate.email],
        template="emails/applications/submitted",
        context={"application": application, "url": f"{settings.SITE_URL}{reverse('applications:space')}"},
        language=candidate.language,
    )


def application_decided(*, application) -> None:
    candidate = application.candidate
    email_queue(
        to=[candidate.email],
        template="emails/applications/decided",
        context={"application": application, "url": f"{settings.SITE_URL}{reverse('applications:space')}"},
        language=candidate.language,
    )
