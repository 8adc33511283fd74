"""The waiting lists behind the offers (docs/fellowship.md « Offers »): for each (challenge, profile),
the validated list (main list, then waiting list, in rank order: fellowship.lists), read against the
cohort's offers to say who is next for a position and where each waiting candidate stands now.

Everything here reads the cohort in a constant number of queries (the entries, the offers, the
fellows) and decides in Python, so that the cascade (fellowship.offers.offer_next), the staff page
and the candidate's « Mes offres » share one definition of « next » and of « still waiting »."""

from collections import defaultdict
from dataclasses import dataclass, field

from auditions.models import ListKind, ListVersionEntry
from fellowship.lists import ListKey, validated_entries
from fellowship.models import Fellow, Offer, OfferStatus

HELD = {OfferStatus.OPEN, OfferStatus.ACCEPTED}


def offers_with_details():
    """Offers with what their e-mails and pages show: person, cohort, challenge, administration, contacts."""
    return Offer.objects.select_related(
        "application__candidate", "application__cohort", "position__challenge__administration", "run"
    ).prefetch_related("position__challenge__contacts")


@dataclass
class PersonOffers:
    """What one application of the cohort holds: whether an offer is open or accepted, the positions
    and the lists (challenge id, profile) it was ever offered, whether it is a fellow."""

    holds: bool = False
    accepted_list: ListKey | None = None
    positions: set[int] = field(default_factory=set)
    lists: set[ListKey] = field(default_factory=set)
    fellow: bool = False

    @property
    def placed(self) -> bool:
        return self.fellow or self.accepted_list is not None


class CohortOffers(dict):
    """application id -> PersonOffers, for every application of the cohort that had an offer or is a
    fellow (two queries)."""

    @classmethod
    def load(cls, cohort_id: int) -> "CohortOffers":
        people = cls()
        rows = Offer.objects.filter(application__cohort_id=cohort_id).values_list(
            "application_id", "position_id", "position__challenge_id", "position__profile", "status"
        )
        for application_id, position_id, challenge_id, profile, status in rows:
            person = people[application_id]
            person.positions.add(position_id)
            person.lists.add((challenge_id, profile))
            if status in HELD:
                person.holds = True
            if status == OfferStatus.ACCEPTED:
                person.accepted_list = (challenge_id, profile)
        for application_id in Fellow.objects.filter(cohort_id=cohort_id).values_list("application_id", flat=True):
            people[application_id].fellow = True
        return people

    def __missing__(self, application_id: int) -> PersonOffers:
        person = self[application_id] = PersonOffers()
        return person

    def of(self, application_id: int) -> PersonOffers:
        """The application's offers, without recording an empty entry."""
        return self.get(application_id) or PersonOffers()


def may_be_offered(person: PersonOffers, position_id: int) -> bool:
    """The cascade's rule: no open or accepted offer in the cohort, never offered this position, not a
    fellow already."""
    return not (person.holds or person.fellow or position_id in person.positions)


def next_in_line(entries: list[ListVersionEntry], position_id: int, offers: CohortOffers) -> ListVersionEntry | None:
    """The first entry of a (challenge, profile) list, main list then waiting list, who may be offered
    the position; None when the list is exhausted."""
    for entry in entries:
        if may_be_offered(offers.of(entry.application_id), position_id):
            return entry
    return None


def list_entries(cohort_id: int, key: ListKey) -> list[ListVersionEntry]:
    """The validated list of one (challenge, profile) of the cohort, best first (one query)."""
    challenge_id, profile = key
    return list(
        validated_entries(cohort_id).filter(
            version__deliberation__challenge_id=challenge_id, version__deliberation__profile=profile
        )
    )


class Standing:
    WAITING = "waiting"
    OFFERED = "offered"
    PLACED = "placed"


@dataclass(frozen=True)
class WaitingPosition:
    """Where a candidate on the waiting list of a (challenge, profile) stands now: `standing` says
    whether they still wait (then `position` is their place: 1 + the people above them on that list
    still waiting), received an offer from this list, or are placed elsewhere. `rank` is their rank on
    the waiting list as the jury validated it."""

    challenge: object
    profile: str
    profile_label: str
    rank: int
    standing: str
    position: int | None = None


def still_waiting(person: PersonOffers, key: ListKey) -> bool:
    """No offer made to them from this list yet, and not placed elsewhere."""
    return key not in person.lists and not person.placed


def waiting_position(application) -> list[WaitingPosition]:
    """For each validated waiting list the application is on, where it stands now (main list people
    not offered yet count above it too: the cascade offers them first). Three queries, whatever the
    number of lists."""
    on_lists = validated_entries(application.cohort_id).filter(
        version__deliberation__in=ListVersionEntry.objects.filter(
            application=application, kind=ListKind.WAITING
        ).values("version__deliberation")
    )
    lists: dict[ListKey, list[ListVersionEntry]] = defaultdict(list)
    for entry in on_lists:
        deliberation = entry.version.deliberation
        lists[(deliberation.challenge_id, deliberation.profile)].append(entry)
    offers = CohortOffers.load(application.cohort_id) if lists else CohortOffers()
    me = offers.of(application.pk)
    positions = []
    for key, entries in lists.items():
        mine = next((entry for entry in entries if entry.application_id == application.pk), None)
        if mine is None or mine.kind != ListKind.WAITING:
            continue  # on the main list of that deliberation's last validated version, or no longer on it
        deliberation = mine.version.deliberation
        common = {
            "challenge": deliberation.challenge,
            "profile": deliberation.profile,
            "profile_label": deliberation.get_profile_display(),
            "rank": mine.rank,
        }
        if key in me.lists:
            positions.append(WaitingPosition(**common, standing=Standing.OFFERED))
        elif me.placed:
            positions.append(WaitingPosition(**common, standing=Standing.PLACED))
        else:
            above = entries[: entries.index(mine)]
            waiting = sum(still_waiting(offers.of(entry.application_id), key) for entry in above)
            positions.append(WaitingPosition(**common, standing=Standing.WAITING, position=1 + waiting))
    return sorted(positions, key=lambda item: (item.challenge.name.lower(), item.profile))
