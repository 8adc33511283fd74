"""The auditions' services: every write of the app goes through one of these functions.

Booking (this module's core): `audition_book` gives an audition its slot, or moves it;
`audition_cancel` frees the time. PostgreSQL has the last word on overlaps (the exclusion
constraints of auditions.models): what it refuses comes back as a ValidationError with the
constraint's French message, two concurrent bookings of the same time included (the second waits
for the first and is refused).
"""

import datetime as dt
import secrets
import string
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationStatus
from auditions import emails
from auditions.audit import addition_recorded, proposal_recorded, seat_recorded, slot_recorded
from auditions.convocations import convocation_cancel_notify, convocation_resend_if_sent
from auditions.models import (
    ACTIVE_AUDITIONS,
    AUDITION_LIFECYCLE,
    Audition,
    AuditionOrigin,
    AuditionStatus,
    JurorBooking,
    Jury,
    JuryMember,
    Unavailability,
)
from auditions.selectors import challenge_juries
from challenges.models import ChallengeStatus
from cohorts.models import Cohort
from cohorts.windows import Step
from eig.constraints import refused_by_constraints
from eig.dates import paris_datetime
from eig.invitations import invitation_check

ROOM_ALPHABET = string.ascii_letters + string.digits


def audition_transition(audition: Audition, name: str, *, by=None, note: str = "") -> Audition:
    """Apply one named transition of the audition's lifecycle (eig.lifecycle), logged."""
    return AUDITION_LIFECYCLE.apply(audition, name, by=by, note=note)


def video_room_link(audition: Audition) -> str:
    """The audition's video link: its jury's own, else a new room under VIDEO_CONFERENCE_BASE_URL whose
    name is letters and digits only (the State's Jitsi-based service refuses dashes)."""
    if audition.jury.video_link:
        return audition.jury.video_link
    room = "".join(secrets.choice(ROOM_ALPHABET) for _ in range(20))
    return f"{settings.VIDEO_CONFERENCE_BASE_URL}/EIG{audition.cohort.number}{room}"


def busy_range(cohort, starts_at: dt.datetime, ends_at: dt.datetime) -> DateTimeTZRange:
    """The time an audition holds: its slot, then the cohort's break, with `[)` bounds (back to back is
    allowed when there is no break)."""
    return DateTimeTZRange(starts_at, ends_at + cohort.audition_break, "[)")


def slot_refusal(cohort, starts_at: dt.datetime, ends_at: dt.datetime) -> str | None:
    """Why a slot cannot be booked in the cohort's calendar (None when it can): it must lie inside the
    auditions window."""
    window = cohort.window(Step.AUDITIONS)
    if starts_at < window.opens_at or ends_at > window.closes_at:
        return _("Le créneau doit se situer pendant les auditions, du %(start)s au %(end)s.") % {
            "start": window.opens_display,
            "end": window.deadline_display,
        }
    if ends_at <= starts_at:
        return _("La fin du créneau doit suivre son début.")
    return None


def _lock(audition: Audition) -> Audition:
    return (
        Audition.objects.select_for_update(of=("self",))
        .select_related("jury", "application__cohort")
        .get(pk=audition.pk)
    )


def juror_ids(jury_id: int) -> list[int]:
    """The accounts of the jury's members who accepted their invitation."""
    return list(
        JuryMember.objects.filter(jury_id=jury_id, user__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def _book_jurors(audition: Audition) -> None:
    """Hold the time of every juror of the audition's jury (replacing what they held for it)."""
    JurorBooking.objects.filter(audition=audition).delete()
    if audition.busy is not None and audition.is_active:
        JurorBooking.objects.bulk_create(
            JurorBooking(audition=audition, juror_id=user_id, busy=audition.busy)
            for user_id in juror_ids(audition.jury_id)
        )


@transaction.atomic
def audition_book(
    *,
    audition: Audition,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    video_link: str | None = None,
    by=None,
) -> Audition:
    """Give the audition its slot (or move it): `ends_at` defaults to the cohort's audition duration,
    the video link to the one it has, else its jury's, else a new room. Refused with a French message
    outside the auditions window, for a cancelled audition, or when the jury, the candidate or one of
    the jurors is already booked then (PostgreSQL's exclusion constraints). Returns the audition with
    `slot_changed` set when its time moved, which the audit trail records (`by`, else the signed-in user)."""
    audition = _lock(audition)
    cohort = audition.cohort
    if not audition.is_active:
        raise ValidationError(_("Cette audition est annulée : son créneau ne peut plus changer."))
    ends_at = ends_at or starts_at + cohort.audition_duration
    refusal = slot_refusal(cohort, starts_at, ends_at)
    if refusal:
        raise ValidationError(refusal)
    before = (audition.starts_at, audition.ends_at)
    audition.slot_changed = before != (starts_at, ends_at)
    audition.starts_at, audition.ends_at = starts_at, ends_at
    audition.busy = busy_range(cohort, starts_at, ends_at)
    if video_link is not None:
        audition.video_link = video_link
    if not audition.video_link:
        audition.video_link = video_room_link(audition)
    with refused_by_constraints():
        audition.save(update_fields=["starts_at", "ends_at", "busy", "video_link"])
        _book_jurors(audition)
    if audition.slot_changed:
        slot_recorded(audition, before, by=by)
    return audition


@transaction.atomic
def audition_unbook(*, audition: Audition) -> Audition:
    """Take the slot off a planned audition (the proposal is redone): its time is free again."""
    audition = _lock(audition)
    if audition.status != AuditionStatus.PLANNED:
        raise ValidationError(_("Cette audition a été convoquée : déplacez-la ou annulez-la."))
    before = (audition.starts_at, audition.ends_at)
    audition.starts_at = audition.ends_at = audition.busy = None
    audition.save(update_fields=["starts_at", "ends_at", "busy"])
    JurorBooking.objects.filter(audition=audition).delete()
    if before[0] is not None:
        slot_recorded(audition, before)
    return audition


@transaction.atomic
def audition_cancel(*, audition: Audition, by, reason: str = "") -> Audition:
    """Cancel the audition: its slot no longer holds the jury, the candidate or the jurors; a candidate
    already convened gets the cancellation (METHOD:CANCEL, auditions.convocations)."""
    audition = _lock(audition)
    audition_transition(audition, "cancel", by=by, note=reason)
    JurorBooking.objects.filter(audition=audition).delete()
    convocation_cancel_notify(audition=audition)
    return audition


@transaction.atomic
def jury_bookings_sync(*, jury_id: int) -> None:
    """Hold, for every booked audition of the jury, the time of each of its jurors: after a member
    joined or left. Refused with the constraint's message when a new juror is booked elsewhere then."""
    with refused_by_constraints():
        for audition in Audition.objects.filter(jury_id=jury_id, busy__isnull=False).exclude(
            status=AuditionStatus.CANCELLED
        ):
            _book_jurors(audition)


def slot_display(audition: Audition) -> str:
    """« 12/05/2026 à 09:30 (heure de Paris) » — the slot's start as every page and e-mail says it."""
    return paris_datetime(audition.starts_at) if audition.starts_at else "—"


@transaction.atomic
def audition_move(
    *,
    audition: Audition,
    starts_at: dt.datetime,
    by,
    ends_at: dt.datetime | None = None,
    video_link: str | None = None,
) -> Audition:
    """Book or move an audition by hand (staff's schedule page, the admin): `audition_book`, then, when
    the candidate was already convened and the time changed, the convocation is sent again as an
    update (auditions.convocations)."""
    audition = audition_book(audition=audition, starts_at=starts_at, ends_at=ends_at, video_link=video_link, by=by)
    if audition.slot_changed:
        convocation_resend_if_sent(audition=audition, by=by)
    return audition


# --- Juries and invitations ------------------------------------------------------------------------------


def _lock_member(member: JuryMember) -> JuryMember:
    return (
        JuryMember.objects.select_for_update(of=("self",))
        .select_related("jury__cohort", "invited_by")
        .get(pk=member.pk)
    )


@transaction.atomic
def jury_member_invite(*, member: JuryMember, by) -> JuryMember:
    """E-mail the seat's invitation (or send it again): the jury, its challenges, the auditions' dates and
    the link to accept, which works for someone without an account. Refused once accepted."""
    member = _lock_member(member)
    if member.accepted_at is not None:
        raise ValidationError(
            _("%(email)s a déjà accepté son invitation : elle ne peut plus être envoyée.") % {"email": member.email}
        )
    member.invited_by, member.invited_at = by, timezone.now()
    member.save(update_fields=["invited_by", "invited_at"])
    emails.jury_invitation(member=member)
    return member


@transaction.atomic
def jury_invite(*, jury: Jury, by, resend: bool = False) -> list[JuryMember]:
    """Invite every member of the jury not yet invited (`resend`: every member who has not accepted yet,
    invited or not). Returns the members invited, by e-mail."""
    pending = jury.members.filter(accepted_at__isnull=True)
    if not resend:
        pending = pending.filter(invited_at__isnull=True)
    return [jury_member_invite(member=member, by=by) for member in pending.order_by("email")]


@transaction.atomic
def jury_member_accept(*, member: JuryMember, user) -> JuryMember:
    """The invited person, signed in with the invited address, takes their seat: the seat names their
    account, the account becomes a juror's, and they are booked in every booked audition of the jury.
    Refused, and nothing changes, when the invitation was used or sent to another address, when the account
    already sits on this jury, or when the juror is booked elsewhere at the time of one of its auditions
    (the constraint's message)."""
    member = _lock_member(member)
    invitation_check(email=member.email, accepted_at=member.accepted_at, user=user)
    member.user, member.accepted_at = user, timezone.now()
    with refused_by_constraints():
        member.save(update_fields=["user", "accepted_at"])
    role_given = not user.is_juror
    if role_given:
        user.is_juror = True
        user.save(update_fields=["is_juror"])
    jury_bookings_sync(jury_id=member.jury_id)
    seat_recorded(member, role_given=role_given)
    return member


# --- Who is auditioned for what --------------------------------------------------------------------------


@dataclass(frozen=True)
class Unassigned:
    """A pre-selected candidate the proposal gave no audition, and why."""

    application: Application
    reason: str


@dataclass(frozen=True)
class AuditionsProposal:
    created: list[Audition]
    unassigned: list[Unassigned]


def _refuse_after_auditions(cohort: Cohort) -> None:
    window = cohort.window(Step.AUDITIONS)
    if window.has_closed():
        raise ValidationError(window.refusal())


@transaction.atomic
def auditions_propose(cohort: Cohort, by) -> AuditionsProposal:
    """For each pre-selected application of the cohort without an active audition, an audition (origin:
    wish) for its best-ranked wish whose challenge has a jury, with that jury; the candidates left without
    one come back with the reason. Run again, it leaves the existing auditions as they are. Refused once
    the auditions are over. `by`: the staff member who asked (the proposal is theirs to adjust)."""
    cohort = Cohort.objects.select_for_update(of=("self",)).get(pk=cohort.pk)
    _refuse_after_auditions(cohort)
    juries = challenge_juries(cohort)
    applications = (
        Application.objects.filter(cohort=cohort, status=ApplicationStatus.PRESELECTED)
        .exclude(auditions__in=Audition.objects.filter(ACTIVE_AUDITIONS))
        .select_related("candidate")
        .prefetch_related("wishes")
        .order_by("pk")
    )
    created, unassigned = [], []
    for application in applications:
        wishes = sorted(application.wishes.all(), key=lambda wish: wish.rank)
        wish = next((wish for wish in wishes if wish.challenge_id in juries), None)
        if wish is None:
            reason = (
                _("Aucun de ses vœux ne porte sur un défi qui a un jury.")
                if wishes
                else _("Ce candidat ou cette candidate n'a formulé aucun vœu.")
            )
            unassigned.append(Unassigned(application, reason))
            continue
        with refused_by_constraints():
            created.append(
                Audition.objects.create(
                    application=application,
                    challenge_id=wish.challenge_id,
                    jury_id=juries[wish.challenge_id],
                    origin=AuditionOrigin.WISH,
                )
            )
    if created:
        proposal_recorded(cohort, created, by=by)
    return AuditionsProposal(created, unassigned)


def audition_add_refusal(*, application: Application, challenge, jury: Jury) -> str | None:
    """Why this audition cannot be added (None when it can): the candidate is pre-selected, the jury is of
    their cohort and auditions for that challenge."""
    if application.status != ApplicationStatus.PRESELECTED:
        return _("Seul·es les candidat·es présélectionné·es sont auditionné·es.")
    if jury.cohort_id != application.cohort_id:
        return _("Ce jury n'est pas de la promotion de la candidature.")
    if not jury.challenges.filter(pk=challenge.pk).exists():
        return _("Ce jury n'auditionne pas pour ce défi : ajoutez le défi au jury d'abord.")
    return None


@transaction.atomic
def audition_add(
    *, application: Application, challenge, jury: Jury, by, origin: str = AuditionOrigin.STAFF, reason: str = ""
) -> Audition:
    """Add an audition of the candidate for the challenge by the jury (staff's adjustment of the proposal,
    or a jury's proposal), planned, without a slot. Refused with a French message when the candidate is
    not pre-selected, the jury is not of their cohort or does not audition for the challenge, the candidate
    is already auditioned for it, or the auditions are over."""
    _refuse_after_auditions(application.cohort)
    refusal = audition_add_refusal(application=application, challenge=challenge, jury=jury)
    if refusal:
        raise ValidationError(refusal)
    with refused_by_constraints():
        audition = Audition.objects.create(
            application=application,
            challenge=challenge,
            jury=jury,
            origin=origin,
            proposed_by=by if origin == AuditionOrigin.JURY else None,
            proposal_reason=reason,
        )
    addition_recorded(audition, by=by)
    return audition


@transaction.atomic
def audition_jury_propose(*, audition: Audition, challenge, reason: str, by) -> Audition:
    """A juror of the audition's jury proposes that the candidate be auditioned for another selected
    challenge of the cohort, one they did not necessarily wish for, with the reason: a new audition
    (origin: jury, planned, no slot) by the jury of that challenge, which staff see in the admin."""
    audition = _lock(audition)
    reason = reason.strip()
    if not audition.is_active:
        raise ValidationError(_("Cette audition est annulée : le jury ne peut plus proposer de défi."))
    if not reason:
        raise ValidationError(_("Indiquez pourquoi le jury propose ce défi."))
    jury_id = challenge_juries(audition.cohort).get(challenge.pk)
    if challenge.status != ChallengeStatus.SELECTED or challenge.cohort_id != audition.cohort.pk or jury_id is None:
        raise ValidationError(_("Choisissez un défi sélectionné de la promotion qui a un jury."))
    return audition_add(
        application=audition.application,
        challenge=challenge,
        jury=Jury.objects.get(pk=jury_id),
        by=by,
        origin=AuditionOrigin.JURY,
        reason=reason,
    )


# --- The candidate's unavailability -------------------------------------------------------------------


def unavailability_refusal(application, now: dt.datetime | None = None) -> str | None:
    """Why the candidate can no longer change their unavailability (None when they can): pre-selected
    candidates only, until the auditions start."""
    window = application.cohort.window(Step.AUDITIONS)
    if application.status != ApplicationStatus.PRESELECTED:
        return _("Seul·es les candidat·es présélectionné·es indiquent leurs indisponibilités.")
    if window.has_opened(now):
        return _("Les auditions ont commencé le %(date)s : vos indisponibilités ne peuvent plus changer.") % {
            "date": window.opens_display
        }
    return None


def _unavailability_check(application, now: dt.datetime | None) -> None:
    refusal = unavailability_refusal(application, now)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def unavailability_add(
    *, application, starts_at: dt.datetime, ends_at: dt.datetime, note: str = "", now: dt.datetime | None = None
) -> Unavailability:
    """Record a period the candidate cannot be auditioned, inside the auditions window, before they start."""
    _unavailability_check(application, now)
    window = application.cohort.window(Step.AUDITIONS)
    if starts_at < window.opens_at or ends_at > window.closes_at:
        raise ValidationError(
            _("Indiquez une période pendant les auditions, du %(start)s au %(end)s.")
            % {"start": window.opens_display, "end": window.deadline_display}
        )
    with refused_by_constraints():
        return Unavailability.objects.create(application=application, starts_at=starts_at, ends_at=ends_at, note=note)


@transaction.atomic
def unavailability_remove(*, unavailability: Unavailability, now: dt.datetime | None = None) -> None:
    _unavailability_check(unavailability.application, now)
    unavailability.delete()
