"""Who may do what with a challenge: plain predicates, asked by every view."""

from challenges.models import Challenge, ChallengeInvitation, ChallengeStatus
from eig.permissions import is_agent, is_juror, is_programme_staff


def is_owner(user, challenge: Challenge) -> bool:
    """One query unless the challenge was loaded with its owners prefetched."""
    if not user.is_authenticated:
        return False
    return any(owner.pk == user.pk for owner in challenge.owners.all())


def can_create_challenge(user) -> bool:
    return is_agent(user)


def can_view_challenge(user, challenge: Challenge) -> bool:
    """Owners and staff see a challenge whatever its status; challenge jurors see submitted ones."""
    if is_programme_staff(user) or is_owner(user, challenge):
        return True
    return can_evaluate_challenge(user, challenge)


def can_edit_challenge(user, challenge: Challenge) -> bool:
    """Owners edit a draft; once submitted it is read-only until staff reopen it."""
    return challenge.status == ChallengeStatus.DRAFT and is_owner(user, challenge)


def can_submit_challenge(user, challenge: Challenge) -> bool:
    return can_edit_challenge(user, challenge)


def can_withdraw_challenge(user, challenge: Challenge) -> bool:
    return challenge.status in {ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED} and is_owner(user, challenge)


def can_invite_owner(user, challenge: Challenge) -> bool:
    return challenge.status != ChallengeStatus.WITHDRAWN and is_owner(user, challenge)


def can_decide_challenge(user) -> bool:
    return is_programme_staff(user)


def can_evaluate_challenge(user, challenge: Challenge) -> bool:
    """Staff and the cohort's challenge jurors evaluate submitted challenges, never their own."""
    if not user.is_authenticated or challenge.status != ChallengeStatus.SUBMITTED:
        return False
    if is_owner(user, challenge):
        return False
    if is_programme_staff(user):
        return True
    return user.is_juror and challenge.cohort.challenge_jurors.filter(pk=user.pk).exists()


def can_open_challenge_selection(user) -> bool:
    """The selection pages are for staff and the members of a cohort's challenge jury."""
    if is_programme_staff(user):
        return True
    return is_juror(user) and user.challenge_juries.exists()


def can_accept_invitation(user, invitation: ChallengeInvitation) -> bool:
    """Only the invited address may open and accept an invitation (it gives a challenge away)."""
    return bool(user.is_authenticated and user.email.lower() == invitation.email.lower())
