"""Who may do what with a challenge: plain predicates, asked by every view, and the gate's rules
(eig.gate) for the pages that staff or jurors reach."""

from challenges.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeInvitation,
    ChallengeStatus,
)
from eig import lifecycle
from eig.gate import AGENTS, Rule
from eig.invitations import is_invited_address
from eig.models import Role
from eig.permissions import is_juror, is_programme_staff


def is_owner(user, challenge: Challenge) -> bool:
    """One query unless the challenge was loaded with its owners prefetched."""
    if not user.is_authenticated:
        return False
    return any(owner.pk == user.pk for owner in challenge.owners.all())


def is_approved_member(user, administration: Administration) -> bool:
    """The user's membership of the administration is approved (one query)."""
    return bool(
        user.is_authenticated
        and AdministrationMembership.objects.approved().filter(user=user, administration=administration).exists()
    )


def _decides_as_member(user, membership: AdministrationMembership) -> bool:
    return membership.user_id != user.pk and is_approved_member(user, membership.administration)


def is_cohort_challenge_juror(user, challenge: Challenge) -> bool:
    """A juror on the challenge jury of the challenge's cohort (one query)."""
    return is_juror(user) and challenge.cohort.challenge_jurors.filter(pk=user.pk).exists()


def _evaluates_as_staff(user, challenge: Challenge) -> bool:
    return is_programme_staff(user) and challenge.status == ChallengeStatus.SUBMITTED and not is_owner(user, challenge)


def _evaluates_as_juror(user, challenge: Challenge) -> bool:
    return (
        challenge.status == ChallengeStatus.SUBMITTED
        and is_cohort_challenge_juror(user, challenge)
        and not is_owner(user, challenge)
    )


# The challenge's pages that change it: its owners (who are agents; no second factor).
CHALLENGE_OWNERS = Rule({Role.AGENT: is_owner})
# Its read-only page: owners whatever its status, staff too, the cohort's challenge jurors once submitted.
CHALLENGE_READERS = Rule(
    {
        Role.AGENT: is_owner,
        Role.STAFF: None,
        Role.JUROR: lambda user, challenge: (
            challenge.status == ChallengeStatus.SUBMITTED and is_cohort_challenge_juror(user, challenge)
        ),
    }
)
# Evaluating a submitted challenge: staff and the cohort's challenge jurors, never on their own challenge.
CHALLENGE_EVALUATORS = Rule({Role.STAFF: _evaluates_as_staff, Role.JUROR: _evaluates_as_juror})
# The challenge selection's list: staff and the members of a cohort's challenge jury.
CHALLENGE_SELECTION = Rule(
    {Role.STAFF: None, Role.JUROR: lambda user, _obj: is_juror(user) and user.challenge_juries.exists()}
)
# The agents' own pages (dashboard, administrations, creating a challenge).
CHALLENGE_AUTHORS = AGENTS
# Answering a request to join an administration, on the agents' pages: its approved members (staff
# answer in the admin).
MEMBERSHIP_DECIDERS = Rule({Role.AGENT: _decides_as_member})


def can_create_challenge(user) -> bool:
    return CHALLENGE_AUTHORS.admits(user)


def can_view_challenge(user, challenge: Challenge) -> bool:
    """Owners and staff see a challenge whatever its status; challenge jurors see submitted ones."""
    return CHALLENGE_READERS.admits(user, challenge)


def can_edit_challenge(user, challenge: Challenge) -> bool:
    """Owners edit a draft; once submitted it is read-only until staff reopen it."""
    return challenge.status == ChallengeStatus.DRAFT and is_owner(user, challenge)


def can_submit_challenge(user, challenge: Challenge) -> bool:
    """Owners submit a draft (the lifecycle's "submit")."""
    return lifecycle.can(challenge, "submit") and is_owner(user, challenge)


def can_withdraw_challenge(user, challenge: Challenge) -> bool:
    """Owners withdraw their challenge before the selection (the lifecycle's "withdraw")."""
    return lifecycle.can(challenge, "withdraw") and is_owner(user, challenge)


def can_invite_owner(user, challenge: Challenge) -> bool:
    return challenge.status != ChallengeStatus.WITHDRAWN and is_owner(user, challenge)


def can_decide_challenge(user) -> bool:
    return is_programme_staff(user)


def can_evaluate_challenge(user, challenge: Challenge) -> bool:
    """Staff and the cohort's challenge jurors evaluate submitted challenges, never their own."""
    return CHALLENGE_EVALUATORS.admits(user, challenge)


def can_open_challenge_selection(user) -> bool:
    """The selection pages are for staff and the members of a cohort's challenge jury."""
    return CHALLENGE_SELECTION.admits(user)


def can_create_challenge_for(user, administration: Administration) -> bool:
    """A challenge is created in the name of an administration the agent's approved membership names."""
    return can_create_challenge(user) and is_approved_member(user, administration)


def can_decide_membership(user, membership: AdministrationMembership) -> bool:
    """A request to join: its administration's approved members (not the requester) and staff answer it."""
    return is_programme_staff(user) or MEMBERSHIP_DECIDERS.admits(user, membership)


def can_accept_invitation(user, invitation: ChallengeInvitation) -> bool:
    """Only the invited address may open and accept an invitation (it gives a challenge away)."""
    return is_invited_address(user, invitation.email)
