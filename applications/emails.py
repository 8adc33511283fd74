"""E-mails of the applications' lifecycle, from templates/emails/applications/, sent after commit."""

from django.conf import settings
from django.urls import reverse

from eig.emails import email_queue


def _to_candidate(application, event: str) -> None:
    """The e-mail `event` to the application's candidate, in their language, linking to their space."""
    candidate = application.candidate
    email_queue(
        to=[candidate.email],
        template=f"emails/applications/{event}",
        context={"application": application, "url": f"{settings.SITE_URL}{reverse('applications:space')}"},
        language=candidate.language,
    )


def application_submitted(*, application) -> None:
    _to_candidate(application, "submitted")


def application_decided(*, application) -> None:
    _to_candidate(application, "decided")
