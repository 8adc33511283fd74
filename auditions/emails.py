"""E-mails of the auditions, from templates/emails/auditions/, written to the outbox in the caller's
transaction."""

from django.conf import settings
from django.urls import reverse

from cohorts.windows import Step
from eig.emails import email_queue
from eig.models import Role, User


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def audition_below_quorum(*, audition, declaration, sitting: int) -> None:
    """To every member of programme staff, in their language: a recusal took the audition's jury below
    the cohort's quorum."""
    context = {
        "audition": audition,
        "declaration": declaration,
        "candidate": audition.application.candidate.get_full_name() or audition.application.reference,
        "sitting": sitting,
        "quorum": audition.cohort.jury_quorum,
        "url": _absolute(reverse("auditions:declarations", args=[audition.cohort.pk])),
    }
    for staff in User.objects.with_role(Role.STAFF):
        email_queue(
            to=[staff.email], template="emails/auditions/below_quorum", context=context, language=staff.language
        )


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
