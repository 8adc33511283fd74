"""Every write on challenges. Status changes go through the lifecycles declared in challenges.models
(eig.lifecycle: the challenge's status, the derogation, the membership), which check the transitions and
record who/when/from/to; the e-mails are left to after the commit."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from challenges import emails
from challenges.models import (
    CHALLENGE_LIFECYCLE,
    DEROGATION_LIFECYCLE,
    MEMBERSHIP_LIFECYCLE,
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeEvaluation,
    ChallengeInvitation,
    ChallengeStatus,
    Contact,
    ContactKind,
    DerogationStatus,
    MembershipStatus,
    Position,
    TeamMember,
)
from challenges.permissions import can_create_challenge_for, can_decide_membership, is_owner
from challenges.search import SEARCHED_FIELDS, search_vector_of
from challenges.selectors import (
    challenge_missing_items,
    challenges_without_evaluation,
    too_many_positions_message,
    too_many_project_leads_message,
    too_many_team_members_message,
)
from cohorts.limits import MAX_PROJECT_LEADS, MAX_TEAM_MEMBERS, positions_text
from cohorts.models import Cohort
from cohorts.scoring import scorecard_save
from cohorts.windows import Step
from eig import lifecycle
from eig.invitations import invitation_check
from eig.lifecycle import TransitionNotAllowed as TransitionNotAllowed  # re-exported for callers
from eig.multistep import refuse_incomplete


def challenge_transition(*, challenge: Challenge, to_status: ChallengeStatus, by, note: str = "") -> Challenge:
    """Move a challenge to `to_status` by the transition the lifecycle declares for it, and log the change."""
    return CHALLENGE_LIFECYCLE.move(challenge, to_status, by=by, note=note)


def challenges_search_index(*, challenges: Iterable[Challenge]) -> None:
    """Store each challenge's catalogue search vector, from its texts and administration as they are now.

    Called by every write that changes them (a step saved, the admin's save, an administration renamed),
    in the same transaction, so that the catalogue never searches stale texts."""
    for challenge in challenges:
        Challenge.objects.filter(pk=challenge.pk).update(search_vector=search_vector_of(challenge))


@transaction.atomic
def challenge_create(
    *, cohort: Cohort, administration: Administration, name: str, by, now: dt.datetime | None = None
) -> Challenge:
    """A new draft owned by its author, while the cohort's projects call is open, in the name of an
    administration whose membership is approved for the author."""
    if not can_create_challenge_for(by, administration):
        raise ValidationError(
            _(
                "Vous ne pouvez créer un défi qu'au nom d'une administration dont un membre a accepté votre "
                "rattachement : %(name)s ne l'a pas encore fait."
            )
            % {"name": administration}
        )
    cohort.window(Step.PROJECTS_CALL).check(now)
    challenge = Challenge.objects.create(cohort=cohort, administration=administration, name=name)
    challenge.owners.add(by)
    challenges_search_index(challenges=[challenge])
    return challenge


def challenge_check_editable(*, challenge: Challenge, now: dt.datetime | None = None) -> None:
    """Drafts are saved only while the projects call is open (raises ValidationError otherwise)."""
    if challenge.status != ChallengeStatus.DRAFT:
        raise ValidationError(_("Ce défi a été déposé : il n'est plus modifiable."))
    challenge.cohort.window(Step.PROJECTS_CALL).check(now)


def _replace_rows(model, challenge: Challenge, existing: list, rows: list[dict]) -> None:
    """Make `existing` (a challenge's rows, in order) hold `rows`, in order: rows are updated in
    place, then the extra ones are created and the leftover ones deleted."""
    for instance in existing[len(rows) :]:
        instance.delete()
    for instance, values in zip(existing, rows, strict=False):
        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
    model.objects.bulk_create(model(challenge=challenge, **values) for values in rows[len(existing) :])


DEROGATION_REQUEST_FIELDS = [
    "derogation_positions",
    "derogation_reason",
    "derogation_status",
    "derogation_requested_at",
]
DEROGATION_DECISION_FIELDS = ["derogation_decided_by", "derogation_decided_at", "derogation_note"]


def _derogation_request(
    challenge: Challenge, *, positions: int | None, reason: str, now: dt.datetime, by=None
) -> list[str]:
    """Ask for (or change, or withdraw) a derogation to the usual number of positions; returns the fields
    set. A new number or reason is a new request: staff decide it again (the audit trail says so when it
    replaces a decision or is withdrawn)."""
    reason = reason.strip()
    previous = challenge.derogation_status
    if positions is None:
        if not challenge.derogation_status:
            return []
        challenge.derogation_positions, challenge.derogation_reason, challenge.derogation_status = None, "", ""
        challenge.derogation_requested_at = None
        DEROGATION_LIFECYCLE.audit(challenge, "request_withdraw", previous, "", by=by)
    else:
        if positions not in challenge.derogation_choices:
            raise ValidationError(
                _("Une dérogation porte sur un nombre de postes hors du nombre habituel (%(range)s) : %(choices)s.")
                % {
                    "range": challenge.usual_positions.text,
                    "choices": ", ".join(str(choice) for choice in challenge.derogation_choices) or "—",
                }
            )
        if not reason:
            raise ValidationError(derogation_reason_missing_message(positions))
        if challenge.derogation_status and (positions, reason) == (
            challenge.derogation_positions,
            challenge.derogation_reason,
        ):
            return []
        challenge.derogation_positions, challenge.derogation_reason = positions, reason
        challenge.derogation_status, challenge.derogation_requested_at = DerogationStatus.REQUESTED, now
        if previous != DerogationStatus.REQUESTED:
            DEROGATION_LIFECYCLE.audit(challenge, "request", previous, DerogationStatus.REQUESTED, by=by)
    challenge.derogation_decided_by, challenge.derogation_decided_at, challenge.derogation_note = None, None, ""
    return DEROGATION_REQUEST_FIELDS + DEROGATION_DECISION_FIELDS


def derogation_reason_missing_message(positions: int) -> str:
    return _("Expliquez pourquoi le défi a besoin de %(positions)s : l'équipe du programme en décidera.") % {
        "positions": positions_text(positions)
    }


def _check_limits(challenge: Challenge, *, positions, team_members, contacts) -> None:
    """The limits of cohorts.limits, enforced whatever the form let through."""
    if positions is not None and len(positions) > challenge.positions_rows:
        raise ValidationError(too_many_positions_message(challenge.positions_rows))
    if team_members is not None and len(team_members) > MAX_TEAM_MEMBERS:
        raise ValidationError(too_many_team_members_message())
    if contacts is not None and [row["kind"] for row in contacts].count(ContactKind.PROJECT_LEAD) > MAX_PROJECT_LEADS:
        raise ValidationError(too_many_project_leads_message())


@transaction.atomic
def challenge_save_step(
    *,
    challenge: Challenge,
    by,
    fields: dict | None = None,
    positions: list[dict] | None = None,
    team_members: list[dict] | None = None,
    contacts: list[dict] | None = None,
    derogation: dict | None = None,
    now: dt.datetime | None = None,
) -> Challenge:
    """Save what an owner typed on one step of the form, complete or not, while the draft is editable.

    `fields`: values of the challenge's own fields. `positions`, `team_members`, `contacts`: when
    given, the challenge's whole list of those rows, in order (contacts carry their `kind`); rows
    left out are removed. `derogation`: when given, the derogation asked ({"positions": a number or
    None for none, "reason": …}). Nothing is saved when the projects call is closed or a limit of
    cohorts.limits is passed (ValidationError)."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=challenge.pk)
    if not is_owner(by, challenge):
        raise PermissionDenied(_("Seuls les porteur·ses du défi peuvent le modifier."))
    challenge_check_editable(challenge=challenge, now=now)
    changed = list(fields or {})
    for name, value in (fields or {}).items():
        setattr(challenge, name, value)
    if derogation is not None:
        changed += _derogation_request(challenge, now=now, by=by, **derogation)
    if changed:
        challenge.validate_constraints()
        challenge.save(update_fields=[*changed, "updated_at"])
        if SEARCHED_FIELDS.intersection(changed):
            challenges_search_index(challenges=[challenge])
    _check_limits(challenge, positions=positions, team_members=team_members, contacts=contacts)
    if positions is not None:
        _replace_rows(Position, challenge, list(challenge.positions.order_by("id")), positions)
    if team_members is not None:
        _replace_rows(TeamMember, challenge, list(challenge.team_members.order_by("id")), team_members)
    if contacts is not None:
        # Kind by kind, so that a sponsor replaced by another never counts two sponsors at once.
        existing = list(challenge.contacts.order_by("id"))
        for kind in sorted({contact.kind for contact in existing} | {row["kind"] for row in contacts}):
            _replace_rows(
                Contact,
                challenge,
                [contact for contact in existing if contact.kind == kind],
                [row for row in contacts if row["kind"] == kind],
            )
    return challenge


@transaction.atomic
def challenge_submit(*, challenge: Challenge, by, now: dt.datetime | None = None) -> Challenge:
    """Submit a complete draft before the projects call closes; owners and staff are told."""
    challenge_check_editable(challenge=challenge, now=now)
    refuse_incomplete(challenge_missing_items(challenge))
    challenge = lifecycle.apply(challenge, "submit", by=by)
    emails.challenge_submitted(challenge=challenge)
    return challenge


def challenge_reopen(*, challenge: Challenge, by, note: str = "") -> Challenge:
    """Staff give a submitted challenge back to its owners as a draft."""
    challenge = lifecycle.apply(challenge, "reopen", by=by, note=note)
    emails.challenge_reopened(challenge=challenge, note=note)
    return challenge


@transaction.atomic
def challenges_reopen(*, challenges, by, note: str = "") -> list[Challenge]:
    """Staff give several submitted challenges back as drafts (all or none); each owner is told."""
    return [challenge_reopen(challenge=challenge, by=by, note=note) for challenge in challenges]


def challenge_withdraw(*, challenge: Challenge, by, note: str = "") -> Challenge:
    """Its owners withdraw a challenge before the selection."""
    return lifecycle.apply(challenge, "withdraw", by=by, note=note)


def challenge_check_selectable(*, challenge: Challenge) -> None:
    """A challenge is selected with a number of positions it is allowed: a derogation it asked for must
    have been decided first, and granted if the challenge relies on it."""
    count = challenge.positions.count()
    if challenge.derogation_status == DerogationStatus.REQUESTED:
        raise ValidationError(
            _(
                "Le défi « %(name)s » demande une dérogation (%(asked)s) : accordez-la ou refusez-la "
                "avant de le sélectionner."
            )
            % {"name": challenge.name, "asked": challenge.derogation_positions_text},
            code="derogation_pending",
        )
    if not challenge.allowed_team_size.allows(count):
        raise ValidationError(
            _(
                "Le défi « %(name)s » compte %(positions)s sans dérogation accordée (le nombre habituel est "
                "%(range)s) : rouvrez-le pour que ses porteur·ses le corrigent."
            )
            % {"name": challenge.name, "positions": positions_text(count), "range": challenge.usual_positions.text},
            code="derogation_not_granted",
        )


def challenges_check_decidable(
    *, challenges, selected: bool, without_evaluation_confirmed: bool = False, now: dt.datetime | None = None
) -> None:
    """Why staff cannot select (or turn down) these challenges now, as one ValidationError listing every
    reason: outside their cohort's challenge-selection window (it opens when the projects call has
    closed, docs/calendar.md), a derogation not granted (selection only), or challenges nobody evaluated
    without an explicit confirmation."""
    refusals = []
    cohorts = list({challenge.cohort_id: challenge.cohort for challenge in challenges}.values())
    for cohort in cohorts:
        refusal = cohort.window(Step.CHALLENGE_SELECTION).refusal(now)
        if refusal:
            # Chosen across cohorts, each refusal says which cohort it is about.
            refusals.append(f"{cohort.name} : {refusal}" if len(cohorts) > 1 else refusal)
    if selected:
        for challenge in challenges:
            try:
                challenge_check_selectable(challenge=challenge)
            except ValidationError as error:
                refusals += error.messages
    unevaluated = challenges_without_evaluation(challenges)
    if unevaluated and not without_evaluation_confirmed:
        refusals.append(
            ngettext(
                "Le défi %(names)s n'a reçu aucune évaluation du jury : confirmez explicitement la décision.",
                "Les défis %(names)s n'ont reçu aucune évaluation du jury : confirmez explicitement la décision.",
                len(unevaluated),
            )
            % {"names": ", ".join(f"« {challenge.name} »" for challenge in unevaluated)}
        )
    if refusals:
        raise ValidationError(refusals)


@transaction.atomic
def challenges_decide(
    *,
    challenges,
    selected: bool,
    by,
    note: str = "",
    without_evaluation_confirmed: bool = False,
    now: dt.datetime | None = None,
) -> list[Challenge]:
    """Staff select or turn down challenges in bulk (all or none) during the challenge-selection window;
    a challenge nobody evaluated needs `without_evaluation_confirmed`. Each owner hears of the decision,
    in words that name the jury only when the jury evaluated the challenge."""
    challenges = list(challenges)
    challenges_check_decidable(
        challenges=challenges, selected=selected, without_evaluation_confirmed=without_evaluation_confirmed, now=now
    )
    decided = []
    for challenge in challenges:
        decided.append(lifecycle.apply(challenge, "select" if selected else "turn_down", by=by, note=note))
        emails.challenge_decided(challenge=decided[-1])
    return decided


# A derogation is decided while the challenge can still change: before the selection.
DEROGATION_DECIDABLE_STATUSES = (ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED)


def challenge_check_derogation_decidable(*, challenge: Challenge) -> None:
    if not DEROGATION_LIFECYCLE.can(challenge, "grant"):
        raise ValidationError(DEROGATION_LIFECYCLE.refusal_message(challenge, None), code="no_derogation")
    if challenge.status not in DEROGATION_DECIDABLE_STATUSES:
        raise ValidationError(
            _("Le défi « %(name)s » est « %(status)s » : sa dérogation ne se décide plus.")
            % {"name": challenge.name, "status": challenge.get_status_display()},
            code="decided_challenge",
        )


@transaction.atomic
def challenges_derogation_decide(
    *, challenges, granted: bool, by, note: str = "", now: dt.datetime | None = None
) -> list[Challenge]:
    """Staff grant or refuse the derogations asked by these challenges (all or none, a decision may be
    revised until the selection); the owners of each are told by e-mail."""
    now = now or timezone.now()
    decided = []
    for challenge in challenges:
        challenge = Challenge.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=challenge.pk)
        challenge_check_derogation_decidable(challenge=challenge)
        challenge = DEROGATION_LIFECYCLE.apply(challenge, "grant" if granted else "refuse", by=by, note=note, now=now)
        emails.challenge_derogation_decided(challenge=challenge)
        decided.append(challenge)
    return decided


@transaction.atomic
def challenge_invite(*, challenge: Challenge, email: str, by) -> ChallengeInvitation:
    """Invite a colleague by e-mail to co-own the challenge (with or without an account yet)."""
    email = email.strip().lower()
    if challenge.owners.filter(email=email).exists():
        raise ValidationError(_("Cette personne est déjà porteuse de ce défi."))
    invitation, _created = ChallengeInvitation.objects.get_or_create(
        challenge=challenge, email=email, accepted_at__isnull=True, defaults={"invited_by": by}
    )
    emails.challenge_invitation(invitation=invitation)
    return invitation


@transaction.atomic
def challenge_invitation_accept(*, invitation: ChallengeInvitation, user) -> Challenge:
    """The invited person, logged in with the invited address, becomes a co-owner."""
    invitation_check(email=invitation.email, accepted_at=invitation.accepted_at, user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invitation.challenge.owners.add(user)
    if not user.is_agent:
        user.is_agent = True
        user.save(update_fields=["is_agent"])
    # An owner vouched for the invited person: their membership of the administration is approved.
    membership, _created = AdministrationMembership.objects.get_or_create(
        user=user, administration=invitation.challenge.administration
    )
    if membership.status != MembershipStatus.APPROVED:
        lifecycle.apply(membership, "vouch", by=invitation.invited_by)
    return invitation.challenge


def challenge_evaluate(
    *, challenge: Challenge, evaluator, scores: dict[int, int], favourable: bool, comment: str, favourite: bool
) -> ChallengeEvaluation:
    """Record (or revise) an evaluator's evaluation: a score for every criterion of the cohort's grid."""
    opinion = {"favourable": favourable, "comment": comment, "favourite": favourite}
    return scorecard_save(model=ChallengeEvaluation, subject=challenge, scorer=evaluator, scores=scores, **opinion)


# Why a second request to the same administration is refused, by the state of the first.
JOIN_REFUSALS = {
    MembershipStatus.PENDING: _lazy("Votre demande de rattachement à %(name)s attend déjà l'accord d'un membre."),
    MembershipStatus.APPROVED: _lazy("Vous êtes déjà rattaché·e à %(name)s."),
    MembershipStatus.DECLINED: _lazy(
        "Votre demande de rattachement à %(name)s a été refusée : écrivez à l'équipe du programme si c'est une erreur."
    ),
}


@transaction.atomic
def administration_join(*, user, administration: Administration) -> AdministrationMembership:
    """An agent asks to join a listed administration: a pending request, which its approved members (or,
    when it has none, staff) are told of by e-mail; until one of them approves it the agent may not
    create a challenge in its name."""
    existing = AdministrationMembership.objects.filter(user=user, administration=administration).first()
    if existing is not None:
        raise ValidationError(JOIN_REFUSALS[MembershipStatus(existing.status)] % {"name": administration})
    if not administration.is_confirmed:
        raise ValidationError(
            _("%(name)s attend la confirmation de l'équipe du programme : on ne peut pas encore la rejoindre.")
            % {"name": administration}
        )
    membership = AdministrationMembership.objects.create(
        user=user, administration=administration, status=MembershipStatus.PENDING
    )
    emails.membership_requested(membership=membership)
    return membership


@transaction.atomic
def administration_membership_decide(
    *, membership: AdministrationMembership, approved: bool, by
) -> AdministrationMembership:
    """An approved member of the administration (not the requester) or staff approve or decline a
    pending request; the requester is told by e-mail."""
    membership = (
        AdministrationMembership.objects.select_for_update(of=("self",))
        .select_related("user", "administration")
        .get(pk=membership.pk)
    )
    if not can_decide_membership(by, membership):
        raise PermissionDenied(
            _("Seul·es les membres de l'administration et l'équipe du programme répondent à cette demande.")
        )
    membership = lifecycle.apply(membership, "approve" if approved else "decline", by=by)
    emails.membership_decided(membership=membership)
    return membership


@transaction.atomic
def administration_memberships_decide(*, memberships, approved: bool, by) -> list[AdministrationMembership]:
    """Staff answer several pending requests at once (all or none)."""
    return [
        administration_membership_decide(membership=membership, approved=approved, by=by) for membership in memberships
    ]


def administration_membership_grant(*, membership: AdministrationMembership, by) -> AdministrationMembership:
    """Staff attach an agent to an administration from the admin: approved at once, by them (a new
    membership, created in that state: no transition)."""
    membership.status, membership.decided_by, membership.decided_at = MembershipStatus.APPROVED, by, timezone.now()
    membership.save()
    MEMBERSHIP_LIFECYCLE.audit(membership, "grant", "", MembershipStatus.APPROVED, by=by)
    return membership


@transaction.atomic
def challenge_staff_save(*, challenge: Challenge) -> Challenge:
    """Save a challenge as staff changed it in the admin, with its catalogue search vector."""
    challenge.save()
    challenges_search_index(challenges=[challenge])
    return challenge


@transaction.atomic
def administration_save(*, administration: Administration, changed: Iterable[str] = ()) -> Administration:
    """Save an administration (staff edit it in the admin); a new name or acronym is searched at once in
    its challenges' catalogue entries."""
    administration.save()
    if {"name", "acronym"}.intersection(changed):
        challenges_search_index(challenges=administration.challenges.select_related("administration"))
    return administration


def administrations_confirm(*, administrations) -> int:
    """Staff confirm administrations proposed by agents; returns how many were waiting."""
    return Administration.objects.filter(
        pk__in=[administration.pk for administration in administrations], is_confirmed=False
    ).update(is_confirmed=True)


@transaction.atomic
def administration_propose(*, user, name: str, acronym: str = "", parent_ministry: str = "", website: str = ""):
    """An agent proposes an administration that is not listed; staff confirm it later."""
    administration = Administration.objects.create(
        name=name,
        acronym=acronym,
        parent_ministry=parent_ministry,
        website=website,
        is_confirmed=False,
        proposed_by=user,
    )
    # Its first member, approved as the one who proposed it (staff confirm the administration itself).
    AdministrationMembership.objects.create(
        user=user, administration=administration, status=MembershipStatus.APPROVED, decided_at=timezone.now()
    )
    emails.administration_proposed(administration=administration)
    return administration
