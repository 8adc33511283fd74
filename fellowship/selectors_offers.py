"""What staff see of a cohort's offers (docs/fellowship.md « Offers »): the placements of the validated
run, the open offers (soonest deadline first), the answered ones, and for each (challenge, profile) its
list with each person's state, who is next, the positions left empty and whether staff paused it.
A constant number of queries, whatever the number of offers and lists."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from eig.dates import passed_deadlines_cutoff
from fellowship.lists import ListKey, validated_entries
from fellowship.models import OPEN_OFFERS, Offer, OfferStatus, RunPlacement, WaitingListPause
from fellowship.offers import validated_run
from fellowship.waiting import HELD, CohortOffers, PersonOffers, may_be_offered

# How far ahead an open offer's deadline counts as close (the staff dashboard, the admin's filter).
EXPIRING_WITHIN = dt.timedelta(days=3)


def expiring(now: dt.datetime) -> Q:
    """Open offers whose answer is due within `EXPIRING_WITHIN` of `now` and not passed yet (eig.dates: a
    deadline at 10:00 accepts an answer until 10:00:59)."""
    return OPEN_OFFERS & Q(answer_by__gte=passed_deadlines_cutoff(now), answer_by__lte=now + EXPIRING_WITHIN)


def time_left(deadline: dt.datetime, now: dt.datetime) -> str:
    """« 14 jours », « 5 heures »: the largest unit of what remains before the deadline."""
    return timeuntil(deadline, now, depth=1)


def entry_state(person: PersonOffers, key: ListKey) -> str:
    """Where a person of a list stands, for staff."""
    if person.accepted_list == key:
        return _("A accepté l'offre de ce poste")
    if person.placed:
        return _("Placé·e sur un autre défi")
    if person.holds and key in person.lists:
        return _("Offre en attente de réponse")
    if person.holds:
        return _("Offre en attente sur un autre défi")
    if key in person.lists:
        return _("Offre close (refusée, expirée ou retirée)")
    return _("En attente")


@dataclass
class ListRow:
    entry: object
    state: str
    is_next: bool = False


@dataclass
class WaitingList:
    key: ListKey
    challenge: object
    profile_label: str
    pause: WaitingListPause | None
    rows: list[ListRow] = field(default_factory=list)
    next_row: ListRow | None = None
    empty_positions: list = field(default_factory=list)

    @property
    def slug(self) -> str:
        return f"{self.key[0]}-{self.key[1]}"


@dataclass
class CohortOffersPage:
    run: object
    placements: list
    open_offers: list
    answered_offers: list
    lists: list[WaitingList]


def cohort_offers_page(cohort, now: dt.datetime) -> CohortOffersPage:
    run = validated_run(cohort.pk)
    placements = []
    if run is not None:
        placements = list(
            RunPlacement.objects.filter(run=run)
            .select_related("application__candidate", "position__challenge")
            .order_by("position__challenge__name", "position__profile", "pk")
        )
    offers = list(
        Offer.objects.filter(application__cohort=cohort).select_related(
            "application__candidate", "position__challenge"
        )
    )
    open_offers = sorted((o for o in offers if o.status == OfferStatus.OPEN), key=lambda o: (o.answer_by, o.pk))
    for offer in open_offers:
        offer.time_left = time_left(offer.answer_by, now)
    answered = sorted(
        (o for o in offers if o.status != OfferStatus.OPEN),
        key=lambda o: (o.answered_at or o.closed_at or o.sent_at, o.pk),
        reverse=True,
    )
    held_positions = {o.position_id for o in offers if o.status in HELD}
    people = CohortOffers.load(cohort.pk)
    pauses = {(p.challenge_id, p.profile): p for p in WaitingListPause.objects.filter(challenge__cohort=cohort)}
    lists = []
    grouped: dict[ListKey, list] = {}
    for entry in validated_entries(cohort.pk).select_related("application__candidate"):
        deliberation = entry.version.deliberation
        grouped.setdefault((deliberation.challenge_id, deliberation.profile), []).append(entry)
    for key, entries in grouped.items():
        deliberation = entries[0].version.deliberation
        waiting_list = WaitingList(
            key=key,
            challenge=deliberation.challenge,
            profile_label=deliberation.get_profile_display(),
            pause=pauses.get(key),
        )
        for entry in entries:
            person = people.of(entry.application_id)
            row = ListRow(entry=entry, state=entry_state(person, key))
            if waiting_list.next_row is None and may_be_offered(person, None) and key not in person.lists:
                row.is_next = True
                waiting_list.next_row = row
            waiting_list.rows.append(row)
        waiting_list.empty_positions = [
            placement.position
            for placement in placements
            if (placement.position.challenge_id, placement.position.profile) == key
            and placement.position_id not in held_positions
        ]
        lists.append(waiting_list)
    lists.sort(key=lambda item: (item.challenge.name.lower(), item.key[1]))
    return CohortOffersPage(
        run=run, placements=placements, open_offers=open_offers, answered_offers=answered, lists=lists
    )
