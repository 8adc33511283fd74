"""Teams of fellows on a cohort's challenges, for the tests of the repositories and the public cohort page."""

from django.utils import timezone

from cohorts.profiles import Profile
from fellowship.models import AssignmentRun, RunStatus
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import PositionFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, OfferFactory, validated_run


def team_fellow(challenge, *, public: bool = False, profile: str = Profile.DEVELOPER, **user_fields):
    """A fellow in the challenge's team (an accepted offer of the cohort's validated run, made if need be, on a
    new position of the challenge), who agreed to appear on the public page or not."""
    cohort = challenge.cohort
    run = AssignmentRun.objects.filter(cohort=cohort, status=RunStatus.VALIDATED).first() or validated_run(cohort, [])
    application = ApplicationFactory(
        cohort=cohort, preselected=True, profile=profile, candidate=UserFactory(candidate=True, **user_fields)
    )
    offer = OfferFactory(
        run=run,
        application=application,
        position=PositionFactory(challenge=challenge, profile=profile),
        status="accepted",
        answered_at=timezone.now(),
    )
    return FellowFactory(offer=offer, public=public)
