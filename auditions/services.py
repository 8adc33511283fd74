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

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils.translation import gettext as _

from applications.models import ApplicationStatus
from auditions.convocations import convocation_resend_if_sent
from auditions.models import AUDITION_LIFECYCLE, Audition, AuditionStatus, JurorBooking, JuryMember, Unavailability
from cohorts.windows import Step
from eig.constraints import refused_by_constraints
from eig.dates import paris_datetime

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
    *, audition: Audition, starts_at: dt.datetime, ends_at: dt.datetime | None = None, video_link: str | None = None
) -> Audition:
    """Give the audition its slot (or move it): `ends_at` defaults to the cohort's audition duration,
    the video link to the one it has, else its jury's, else a new room. Refused with a French message
    outside the auditions window, for a cancelled audition, or when the jury, the candidate or one of
    the jurors is already booked then (PostgreSQL's exclusion constraints). Returns the audition with
    `slot_changed` set when its time moved."""
    audition = _lock(audition)
    cohort = audition.cohort
    if not audition.is_active:
        raise ValidationError(_("Cette audition est annulée : son créneau ne peut plus changer."))
    ends_at = ends_at or starts_at + cohort.audition_duration
    refusal = slot_refusal(cohort, starts_at, ends_at)
    if refusal:
        raise ValidationError(refusal)
    audition.slot_changed = (audition.starts_at, audition.ends_at) != (starts_at, ends_at)
    audition.starts_at, audition.ends_at = starts_at, ends_at
    audition.busy = busy_range(cohort, starts_at, ends_at)
    if video_link is not None:
        audition.video_link = video_link
    if not audition.video_link:
        audition.video_link = video_room_link(audition)
    with refused_by_constraints():
        audition.save(update_fields=["starts_at", "ends_at", "busy", "video_link"])
        _book_jurors(audition)
    return audition


@transaction.atomic
def audition_unbook(*, audition: Audition) -> Audition:
    """Take the slot off a planned audition (the proposal is redone): its time is free again."""
    audition = _lock(audition)
    if audition.status != AuditionStatus.PLANNED:
        raise ValidationError(_("Cette audition a été convoquée : déplacez-la ou annulez-la."))
    audition.starts_at = audition.ends_at = audition.busy = None
    audition.save(update_fields=["starts_at", "ends_at", "busy"])
    JurorBooking.objects.filter(audition=audition).delete()
    return audition


@transaction.atomic
def audition_cancel(*, audition: Audition, by, reason: str = "") -> Audition:
    """Cancel the audition: its slot no longer holds the jury, the candidate or the jurors."""
    audition = _lock(audition)
    audition_transition(audition, "cancel", by=by, note=reason)
    JurorBooking.objects.filter(audition=audition).delete()
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
    audition = audition_book(audition=audition, starts_at=starts_at, ends_at=ends_at, video_link=video_link)
    if audition.slot_changed:
        convocation_resend_if_sent(audition=audition, by=by)
    return audition


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
