"""The offers' test data: a cohort whose lists are validated (tests.fellowship.factories.laureates_world)
and a validated run placing each main-list laureate on their challenge's position, with named people."""

from dataclasses import dataclass

from cohorts.profiles import Profile
from fellowship.models import Offer, OfferStatus
from fellowship.offers import offers_send
from tests.eig.factories import UserFactory
from tests.fellowship.factories import laureates_world, validated_run

DEV, DATA = Profile.DEVELOPER, Profile.DATA_SCIENTIST


@dataclass
class OffersWorld:
    world: object
    run: object
    staff: object

    @property
    def cohort(self):
        return self.world.cohort

    def people(self, challenge_index: int = 0, profile: str = DEV) -> list:
        """The list of (challenge, profile), main list first: applications."""
        return self.world.lists[(self.world.challenges[challenge_index], profile)]

    def position(self, challenge_index: int = 0, profile: str = DEV):
        return self.world.position(self.world.challenges[challenge_index], profile)


def offers_world(*, challenges: int = 1, waiting: int = 2, send: bool = True, staff=None, **kwargs) -> OffersWorld:
    """Each main-list laureate (one per challenge and profile) placed on their list's position by a validated
    run; with `send`, the run's offers sent."""
    world = laureates_world(challenges=challenges, main=1, waiting=waiting, **kwargs)
    placements = [
        (people[0], world.position(challenge, profile)) for (challenge, profile), people in world.lists.items()
    ]
    staff = staff or UserFactory(staff=True)
    run = validated_run(world.cohort, placements, by=staff)
    if send:
        offers_send(run=run, by=staff)
    return OffersWorld(world=world, run=run, staff=staff)


def offer_of(application) -> Offer:
    """The application's only open offer."""
    return Offer.objects.get(application=application, status=OfferStatus.OPEN)


def offers_table() -> list[tuple[int, int, str, int | None]]:
    """Every offer as (application id, position id, status, previous offer id), in order of creation."""
    return list(Offer.objects.order_by("pk").values_list("application_id", "position_id", "status", "previous_id"))
