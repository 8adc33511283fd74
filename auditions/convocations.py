"""Convocations: the candidate's e-mail with the date in Paris time, the video link, the deadline to
answer and an .ics (auditions.ics); sent again as an update when the slot moves, and a CANCEL when the
audition is cancelled; the candidate's answer (confirm, or ask for another time with a reason) before
that deadline. docs/auditions.md, « Convocations and calendars ».

auditions.services imports this module (a move re-sends the convocation, a cancellation tells the
candidate), so it does not import the services: transitions go through AUDITION_LIFECYCLE.apply.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from auditions.ics import convocation_ics, ics_attachment
from auditions.models import AUDITION_LIFECYCLE, Audition, AuditionStatus
from eig.dates import deadline_has_passed, paris_datetime
from eig.emails import email_queue
from eig.ics import CANCEL, PUBLISH

# Convocation e-mails: a first one, an update after a move, a cancellation.
FIRST, UPDATE, CANCELLED = "convocation", "convocation_update", "convocation_cancelled"


def _lock(audition: Audition) -> Audition:
    return (
        Audition.objects.select_for_update(of=("self",))
        .select_related("jury", "challenge", "application__cohort", "application__candidate")
        .get(pk=audition.pk)
    )


def answer_deadline(audition: Audition) -> dt.datetime:
    """Until when the candidate may answer: the cohort's delay (48 hours) before the audition."""
    return audition.starts_at - dt.timedelta(hours=audition.cohort.audition_answer_hours)


def duration_minutes(audition: Audition) -> int:
    return int(audition.duration.total_seconds() // 60)


def _email(audition: Audition, template: str) -> None:
    """The convocation e-mail `template` to the candidate, in their language, with the .ics."""
    candidate = audition.application.candidate
    language = candidate.language or settings.LANGUAGE_CODE
    method = CANCEL if template == CANCELLED else PUBLISH
    email_queue(
        to=[candidate.email],
        template=f"emails/auditions/{template}",
        context={
            "audition": audition,
            "date": paris_datetime(audition.starts_at),
            "minutes": duration_minutes(audition),
            "answer_by": paris_datetime(audition.answer_by),
            "url": f"{settings.SITE_URL}{reverse('auditions:candidate_auditions')}",
        },
        language=language,
        attachments=[ics_attachment(convocation_ics(audition, language=language), method=method)],
    )


@transaction.atomic
def convocation_send(*, audition: Audition, by, now: dt.datetime | None = None) -> Audition:
    """Convene the candidate (or again, after a move: the update, SEQUENCE + 1): the audition must have
    a slot whose answer deadline is still ahead; the e-mail goes through the outbox."""
    now = now or timezone.now()
    audition = _lock(audition)
    if audition.starts_at is None:
        raise ValidationError(_("Cette audition n'a pas encore de créneau : réservez-en un avant de convoquer."))
    answer_by = answer_deadline(audition)
    if deadline_has_passed(answer_by, now):
        raise ValidationError(
            _(
                "Trop tard pour convoquer à ce créneau : la réponse devrait arriver avant le %(date)s, "
                "déjà passé. Choisissez un créneau plus tardif."
            )
            % {"date": paris_datetime(answer_by)}
        )
    sent_before = audition.convened_at is not None
    AUDITION_LIFECYCLE.apply(audition, "convene", by=by, now=now)
    audition.refresh_from_db(fields=["status", "convened_at"])
    audition.answer_by = answer_by
    audition.change_reason = ""
    if sent_before:
        audition.sequence += 1
    audition.save(update_fields=["answer_by", "change_reason", "sequence"])
    _email(audition, UPDATE if sent_before else FIRST)
    return audition


def convocation_resend_if_sent(*, audition: Audition, by) -> None:
    """After a move (auditions.services.audition_move): a candidate already convened gets the update,
    an « Action requise » again (they confirm the new time)."""
    if audition.convened_at is not None and audition.is_active:
        convocation_send(audition=audition, by=by)


def convocation_cancel_notify(*, audition: Audition) -> None:
    """After a cancellation (auditions.services.audition_cancel): a candidate who had been convened
    gets the CANCEL (SEQUENCE + 1) that takes the audition off their calendar."""
    audition = _lock(audition)
    if audition.convened_at is None or audition.starts_at is None:
        return
    audition.sequence += 1
    audition.save(update_fields=["sequence"])
    _email(audition, CANCELLED)


@dataclass
class BulkResult:
    sent: int = 0
    refused: list[tuple[Audition, str]] = field(default_factory=list)


def convocations_send_all(*, cohort, by) -> BulkResult:
    """Convene every booked audition of the cohort still to convene; those refused (answer deadline
    passed) are listed back with the reason, the others are sent."""
    result = BulkResult()
    planned = Audition.objects.filter(
        application__cohort=cohort, status=AuditionStatus.PLANNED, starts_at__isnull=False
    ).select_related("application__candidate")
    for audition in planned:
        try:
            with transaction.atomic():
                convocation_send(audition=audition, by=by)
        except ValidationError as error:
            result.refused.append((audition, " ".join(error.messages)))
        else:
            result.sent += 1
    return result


# --- The candidate's answer ---------------------------------------------------------------------------


def _check_answerable(audition: Audition, now: dt.datetime) -> None:
    if audition.status == AuditionStatus.CONVENED and deadline_has_passed(audition.answer_by, now):
        raise ValidationError(
            _(
                "Le délai de réponse est passé : il fallait répondre avant le %(date)s. "
                "Écrivez à l'équipe du programme si cet horaire ne vous convient pas."
            )
            % {"date": paris_datetime(audition.answer_by)}
        )


@transaction.atomic
def convocation_answer(
    *, audition: Audition, by, confirm: bool, reason: str = "", now: dt.datetime | None = None
) -> Audition:
    """The candidate confirms the slot, or asks for another time with a reason, before the deadline
    (refused with a French message after it, or once answered)."""
    now = now or timezone.now()
    audition = _lock(audition)
    _check_answerable(audition, now)
    if confirm:
        return AUDITION_LIFECYCLE.apply(audition, "confirm", by=by, now=now)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi cet horaire ne vous convient pas."))
    audition = AUDITION_LIFECYCLE.apply(audition, "request_change", by=by, note=reason, now=now)
    audition.change_reason = reason
    audition.save(update_fields=["change_reason"])
    return audition


def can_answer(audition: Audition, now: dt.datetime | None = None) -> bool:
    """Whether the candidate may still answer: convened, and the deadline ahead."""
    return (
        AUDITION_LIFECYCLE.can(audition, "confirm")
        and audition.answer_by is not None
        and not deadline_has_passed(audition.answer_by, now or timezone.now())
    )
