"""E-mails of the challenges' lifecycle, built from templates/emails/challenges/ and sent after commit."""

from django.conf import settings
from django.urls import reverse

from challenges.models import MembershipStatus
from eig.emails import email_queue
from eig.models import Role, User


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _to_owners(challenge, template: str, context: dict) -> None:
    for owner in challenge.owners.all():
        email_queue(to=[owner.email], template=template, context=context, language=owner.language)


def challenge_submitted(*, challenge) -> None:
    context = {
        "challenge": challenge,
        "url": _absolute(reverse("challenges:detail", args=[challenge.pk])),
        "admin_url": _absolute(reverse("admin:challenges_challenge_change", args=[challenge.pk])),
    }
    _to_owners(challenge, "emails/challenges/submitted", context)
    for staff in User.objects.with_role(Role.STAFF):
        email_queue(
            to=[staff.email], template="emails/challenges/submitted_staff", context=context, language=staff.language
        )


def challenge_reopened(*, challenge, note: str) -> None:
    context = {
        "challenge": challenge,
        "note": note,
        "url": _absolute(reverse("challenges:detail", args=[challenge.pk])),
    }
    _to_owners(challenge, "emails/challenges/reopened", context)


def challenge_decided(*, challenge) -> None:
    # The e-mail names the jury only when the jury evaluated the challenge: staff may decide without it.
    context = {
        "challenge": challenge,
        "evaluated": challenge.evaluations.exists(),
        "url": _absolute(reverse("challenges:detail", args=[challenge.pk])),
    }
    _to_owners(challenge, "emails/challenges/decided", context)


def challenge_derogation_decided(*, challenge) -> None:
    context = {"challenge": challenge, "url": _absolute(reverse("challenges:detail", args=[challenge.pk]))}
    _to_owners(challenge, "emails/challenges/derogation_decided", context)


def challenge_invitation(*, invitation) -> None:
    context = {
        "invitation": invitation,
        "challenge": invitation.challenge,
        "url": _absolute(reverse("challenges:invitation_accept", args=[invitation.token])),
    }
    email_queue(to=[invitation.email], template="emails/challenges/invitation", context=context)


def administration_proposed(*, administration) -> None:
    context = {
        "administration": administration,
        "admin_url": _absolute(reverse("admin:challenges_administration_change", args=[administration.pk])),
    }
    for staff in User.objects.with_role(Role.STAFF):
        email_queue(
            to=[staff.email],
            template="emails/challenges/administration_proposed",
            context=context,
            language=staff.language,
        )


def membership_requested(*, membership) -> None:
    """The administration's approved members are asked to answer a request to join it; when it has
    none yet, staff are."""
    administration = membership.administration
    members = User.objects.filter(
        pk__in=administration.administrationmembership_set.approved().exclude(user=membership.user).values("user")
    )
    context = {
        "membership": membership,
        "agent": membership.user,
        "administration": administration,
        "url": _absolute(reverse("challenges:administration")),
        "admin_url": _absolute(reverse("admin:challenges_administrationmembership_change", args=[membership.pk])),
    }
    recipients, for_staff = list(members.order_by("email")), False
    if not recipients:
        recipients, for_staff = list(User.objects.with_role(Role.STAFF).order_by("email")), True
    for recipient in recipients:
        email_queue(
            to=[recipient.email],
            template="emails/challenges/membership_requested",
            context={**context, "for_staff": for_staff},
            language=recipient.language,
        )


def membership_decided(*, membership) -> None:
    """The agent hears whether their request to join was approved."""
    context = {
        "membership": membership,
        "administration": membership.administration,
        "approved": membership.status == MembershipStatus.APPROVED,
        "url": _absolute(reverse("challenges:administration")),
    }
    email_queue(
        to=[membership.user.email],
        template="emails/challenges/membership_decided",
        context=context,
        language=membership.user.language,
    )
