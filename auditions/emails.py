"""E-mails of the auditions, built from templates/emails/auditions/ and sent after commit (eig.emails)."""

from django.conf import settings
from django.urls import reverse

from cohorts.windows import Step
from eig.emails import email_queue


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def jury_invitation(*, member) -> None:
    """The invitation to sit on a jury: the jury, its challenges, the auditions' dates and the link to
    accept (which works for someone without an account yet)."""
    jury = member.jury
    window = jury.cohort.window(Step.AUDITIONS)
    context = {
        "member": member,
        "jury": jury,
        "cohort": jury.cohort,
        "challenges": sorted((challenge.name for challenge in jury.challenges.all()), key=str.lower),
        "role": member.get_role_display(),
        "auditions_start": window.opens_display,
        "auditions_end": window.deadline_display,
        "url": _absolute(reverse("auditions:invitation_accept", args=[member.token])),
    }
    language = member.user.language if member.user else settings.LANGUAGE_CODE
    email_queue(to=[member.email], template="emails/auditions/invitation", context=context, language=language)
