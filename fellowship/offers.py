"""The offers' services (docs/fellowship.md « Offers »): every status change of an offer goes through
`Offer.lifecycle` here, with its e-mail queued in the same transaction (the outbox).

- `offers_send`: a validated run offers each placement its position (a run that replaces another
  withdraws the open offers it does not keep);
- `offer_accept`, `offer_decline`: the offer's person, while it is open and before its deadline;
- `offer_withdraw`: staff, with a reason;
- `offer_next`: the cascade — a declined, lapsed or withdrawn offer passes its position to the next
  person of that (challenge, profile) list (fellowship.waiting), unless staff paused the list
  (`waiting_list_pause`, `waiting_list_resume`);
- `offers_sweep`: lapses the offers past their deadline, each exactly once, one transaction per offer.

Two cascades on the same list are serialised by a transaction-level advisory lock on the list, so that
they never pick the same next person; PostgreSQL's partial unique constraints have the last word.
"""

import datetime as dt
import hashlib
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.selectors import application_salary_band
from cohorts.profiles import Profile
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record
from eig.constraints import refused_by_constraints
from eig.dates import PARIS, deadline_has_passed, paris_datetime, passed_deadlines_cutoff
from fellowship import emails_offers as emails
from fellowship.fellows import fellow_from_offer
from fellowship.lists import ListKey
from fellowship.models import (
    OFFER_LIFECYCLE,
    OPEN_OFFERS,
    AssignmentRun,
    Offer,
    OfferStatus,
    RunStatus,
    WaitingListPause,
)
from fellowship.waiting import HELD, CohortOffers, list_entries, next_in_line, offers_with_details

# The note of the offers a new validated run withdraws (they do not pass to the next person).
REPLACED_NOTE = gettext_lazy("Nouvelle affectation validée")
ANSWER_TIME = dt.time(23, 59, 59)
# The audit trail's summaries (eig.audit): ids only.
OFFER_SENT = gettext_lazy("%(offer)s envoyée : candidature n°%(application)s, poste n°%(position)s")
OFFER_PASSED_ON = gettext_lazy(
    "%(offer)s envoyée : candidature n°%(application)s, poste n°%(position)s, après l'offre n°%(previous)s"
)
LIST_PAUSED = gettext_lazy("Liste complémentaire du défi n°%(challenge)s, profil %(profile)s : mise en pause")
LIST_RESUMED = gettext_lazy("Liste complémentaire du défi n°%(challenge)s, profil %(profile)s : reprise")


def answer_deadline(cohort, now: dt.datetime) -> dt.datetime:
    """`acceptance_days` after `now` on the Paris calendar, at 23:59:59 Paris time that day."""
    day = now.astimezone(PARIS).date() + dt.timedelta(days=cohort.acceptance_days)
    return dt.datetime.combine(day, ANSWER_TIME, tzinfo=PARIS)


def salary_of(application) -> tuple[int, bool]:
    """(net monthly salary, senior) from the application's experience; the junior band when unknown."""
    cohort = application.cohort
    band = application_salary_band(cohort=cohort, years_of_experience=application.years_of_experience)
    if band is None:
        return cohort.junior_monthly_salary, False
    return band.monthly_salary, band.senior


def validated_run(cohort_id: int) -> AssignmentRun | None:
    return AssignmentRun.objects.filter(cohort_id=cohort_id, status=RunStatus.VALIDATED).first()


def _offer_make(*, run, application, position, now: dt.datetime, previous: Offer | None = None, by=None) -> Offer:
    """Make and send one offer. Its row in the audit trail names `by` (staff validating a run) or, for an
    offer passed on by the cascade, whoever's request closed the previous one (none for the sweep)."""
    salary, senior = salary_of(application)
    with refused_by_constraints():
        offer = Offer.objects.create(
            run=run,
            application=application,
            position=position,
            previous=previous,
            monthly_salary=salary,
            senior=senior,
            answer_by=answer_deadline(application.cohort, now),
        )
    offer = offers_with_details().get(pk=offer.pk)
    record(
        AuditAction.OFFER,
        summary=in_site_language(
            OFFER_SENT if previous is None else OFFER_PASSED_ON,
            offer=object_label(offer),
            application=offer.application_id,
            position=offer.position_id,
            previous=previous.pk if previous else None,
        ),
        target=offer,
        data={
            "run": run.pk,
            "application": offer.application_id,
            "position": offer.position_id,
            "previous": previous.pk if previous else None,
            "answer_by": offer.answer_by.isoformat(),
        },
        **({"actor": by} if by is not None else {}),
    )
    emails.offer_sent(offer)
    return offer


def _withdraw_silently(offer: Offer, *, by, note: str, now: dt.datetime) -> Offer:
    return OFFER_LIFECYCLE.apply(offer, "withdraw", by=by, note=note, now=now)


@transaction.atomic
def offers_send(*, run: AssignmentRun, by, now: dt.datetime | None = None) -> list[Offer]:
    """One open offer per placement of the validated `run`, due `answer_deadline`; placements whose
    person already accepted an offer of the cohort, or whose position is filled, are skipped. The open
    offers of an earlier run that this one does not keep (same person, same position) are withdrawn
    without passing on; the kept ones stay as they are. Returns the offers made."""
    if run.status != RunStatus.VALIDATED:
        raise ValidationError(_("Seule une affectation validée envoie des offres."))
    now = now or timezone.now()
    placements = list(run.placements.select_related("application__cohort", "position").order_by("pk"))
    pairs = {(placement.application_id, placement.position_id) for placement in placements}
    kept = set()
    earlier = offers_with_details().filter(OPEN_OFFERS, application__cohort_id=run.cohort_id).exclude(run=run)
    with translation.override(settings.LANGUAGE_CODE):
        note = str(REPLACED_NOTE)
    for offer in earlier.order_by("pk"):
        pair = (offer.application_id, offer.position_id)
        if pair in pairs:
            kept.add(pair)
            continue
        _withdraw_silently(offer, by=by, note=note, now=now)
        emails.offer_withdrawn(offer, reason="", replaced=True)
    accepted = Offer.objects.filter(application__cohort_id=run.cohort_id, status=OfferStatus.ACCEPTED)
    placed = set(accepted.values_list("application_id", flat=True))
    filled = set(accepted.values_list("position_id", flat=True))
    return [
        _offer_make(run=run, application=placement.application, position=placement.position, now=now, by=by)
        for placement in placements
        if (placement.application_id, placement.position_id) not in kept
        and placement.application_id not in placed
        and placement.position_id not in filled
    ]


def answer_refusal(offer: Offer, user, now: dt.datetime) -> str | None:
    """Why `user` cannot answer the offer now (None when they can): only its person, only while it is
    open and before its deadline (Paris time)."""
    if offer.application.candidate_id != user.pk:
        return _("Cette offre ne vous est pas adressée.")
    if offer.status != OfferStatus.OPEN:
        return _("Cette offre n'attend plus de réponse : elle est « %(status)s ».") % {
            "status": offer.get_status_display()
        }
    if deadline_has_passed(offer.answer_by, now):
        return _("Le délai de réponse est passé : il fallait répondre avant le %(date)s.") % {
            "date": paris_datetime(offer.answer_by)
        }
    return None


def _locked(offer: Offer) -> Offer:
    return offers_with_details().select_for_update(of=("self",)).get(pk=offer.pk)


@transaction.atomic
def offer_accept(*, offer: Offer, by, now: dt.datetime | None = None) -> Offer:
    """The person accepts: the offer is accepted and they become a fellow (fellowship.fellows)."""
    now = now or timezone.now()
    offer = _locked(offer)
    refusal = answer_refusal(offer, by, now)
    if refusal:
        raise ValidationError(refusal)
    with refused_by_constraints():
        accepted = OFFER_LIFECYCLE.apply(offer, "accept", by=by, now=now)
    fellow_from_offer(offer=accepted, by=by)
    return accepted


@transaction.atomic
def offer_decline(*, offer: Offer, by, reason: str = "", now: dt.datetime | None = None) -> Offer:
    """The person declines (with an optional reason): the position goes to the next person."""
    now = now or timezone.now()
    offer = _locked(offer)
    refusal = answer_refusal(offer, by, now)
    if refusal:
        raise ValidationError(refusal)
    declined = OFFER_LIFECYCLE.apply(offer, "decline", by=by, note=reason.strip(), now=now)
    offer_next(offer, now=now)
    return declined


@transaction.atomic
def offer_withdraw(*, offer: Offer, by, reason: str, now: dt.datetime | None = None) -> Offer:
    """Staff withdraw an open offer, with a reason told to the person: the position goes to the next."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez le motif du retrait : il est transmis à la personne."))
    now = now or timezone.now()
    offer = _locked(offer)
    withdrawn = _withdraw_silently(offer, by=by, note=reason, now=now)
    emails.offer_withdrawn(offer, reason=reason)
    offer_next(offer, now=now)
    return withdrawn


def _lock_list(key: ListKey) -> None:
    """Hold the (challenge, profile) list until the transaction ends: one cascade at a time on it."""
    digest = hashlib.blake2b(f"fellowship.offers:{key[0]}:{key[1]}".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])


def is_paused(key: ListKey) -> bool:
    return WaitingListPause.objects.filter(challenge_id=key[0], profile=key[1]).exists()


def offer_next(closed_offer: Offer, *, now: dt.datetime | None = None) -> Offer | None:
    """Offer the position of `closed_offer` to the next person of its (challenge, profile) list who may
    be offered it (fellowship.waiting.may_be_offered); nothing while the list is paused, while the
    position is held by another offer, or when the list is exhausted (the position stays empty)."""
    now = now or timezone.now()
    position = closed_offer.position
    key = (position.challenge_id, position.profile)
    with transaction.atomic():
        _lock_list(key)
        if is_paused(key) or Offer.objects.filter(position=position, status__in=HELD).exists():
            return None
        cohort_id = closed_offer.application.cohort_id
        entry = next_in_line(list_entries(cohort_id, key), position.pk, CohortOffers.load(cohort_id))
        if entry is None:
            return None
        return _offer_make(
            run=validated_run(cohort_id) or closed_offer.run,
            application=entry.application,
            position=position,
            now=now,
            previous=closed_offer,
        )


# --- The waiting lists' pause --------------------------------------------------------------------------


def waiting_list_pause(*, challenge, profile: str, by, reason: str) -> WaitingListPause:
    """Staff pause the list of (challenge, profile): closed offers no longer pass their position on."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi vous mettez cette liste en pause."))
    try:
        with transaction.atomic():
            pause = WaitingListPause.objects.create(challenge=challenge, profile=profile, reason=reason, paused_by=by)
            _record_list(LIST_PAUSED, challenge=challenge, profile=profile, by=by)
            return pause
    except IntegrityError:
        raise ValidationError(_("Cette liste complémentaire est déjà en pause.")) from None


def _record_list(summary, *, challenge, profile: str, by) -> None:
    record(
        AuditAction.LIST,
        summary=in_site_language(summary, challenge=challenge.pk, profile=Profile(profile).label),
        target=challenge,
        data={"challenge": challenge.pk, "profile": profile},
        actor=by,
    )


@transaction.atomic
def waiting_list_resume(*, challenge, profile: str, by, now: dt.datetime | None = None) -> list[Offer]:
    """Staff lift the pause: every position of the list placed by the validated run, left without an
    open or accepted offer after its last offer closed, is offered to the next person. Returns those
    offers."""
    deleted, _count = WaitingListPause.objects.filter(challenge=challenge, profile=profile).delete()
    if not deleted:
        raise ValidationError(_("Cette liste complémentaire n'est pas en pause."))
    _record_list(LIST_RESUMED, challenge=challenge, profile=profile, by=by)
    run = validated_run(challenge.cohort_id)
    if run is None:
        return []
    made = []
    placed = run.placements.filter(position__challenge=challenge, position__profile=profile)
    for position_id in placed.order_by("position_id").values_list("position_id", flat=True):
        last = offers_with_details().filter(position_id=position_id).order_by("-sent_at", "-pk").first()
        if last is None or last.status in HELD:
            continue
        offer = offer_next(last, now=now)
        if offer is not None:
            made.append(offer)
    return made


# --- The sweep -------------------------------------------------------------------------------------------


def offers_sweep(now: dt.datetime | None = None) -> int:
    """Lapse every open offer whose deadline has passed and offer its position to the next person: one
    transaction per offer, its row locked (`skip_locked`: another sweep's offer is left to it) and its
    status read again inside, so that two sweeps at once, or a sweep after a worker died in the middle,
    lapse each offer exactly once. Returns how many this sweep lapsed."""
    now = now or timezone.now()
    cutoff = passed_deadlines_cutoff(now)
    expired = Offer.objects.filter(OPEN_OFFERS, answer_by__lt=cutoff).order_by("answer_by", "pk")
    return sum(_lapse(pk, cutoff=cutoff, now=now) for pk in list(expired.values_list("pk", flat=True)))


def _lapse(pk: int, *, cutoff: dt.datetime, now: dt.datetime) -> int:
    with transaction.atomic():
        offer = (
            offers_with_details()
            .select_for_update(skip_locked=True, of=("self",))
            .filter(OPEN_OFFERS, pk=pk, answer_by__lt=cutoff)
            .first()
        )
        if offer is None:
            return 0
        OFFER_LIFECYCLE.apply(offer, "lapse", by=None, now=now)
        emails.offer_lapsed(offer)
        offer_next(offer, now=now)
        if settings.OFFERS_SWEEP_PAUSE_SECONDS:
            time.sleep(settings.OFFERS_SWEEP_PAUSE_SECONDS)  # tests only: a worker killed inside the transaction
    return 1
