"""Teams of fellows on a cohort's challenges, for the fellowship tests: a fellow in a team (`team_fellow`), a challenge
with its sponsor and project leads, and accepted offers of its positions."""

import datetime as dt

from django.utils import timezone

from challenges.models import ContactKind
from cohorts.profiles import Profile
from eig.dates import PARIS
from fellowship.models import AssignmentRun, RunStatus
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, ContactFactory, PositionFactory
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


def challenge_with_contacts(cohort, *, leads=1, name="Signaux Faibles", administration=None):
    challenge = ChallengeFactory(
        cohort=cohort,
        selected=True,
        with_parts=False,
        name=name,
        administration=administration or AdministrationFactory(name="Direction des affaires maritimes"),
    )
    ContactFactory(challenge=challenge, kind=ContactKind.SPONSOR, name="Hélène Sponsor", email="sponsor@mer.gouv.fr")
    for number in range(1, leads + 1):
        ContactFactory(
            challenge=challenge,
            kind=ContactKind.PROJECT_LEAD,
            name=f"Porteur {number}",
            email=f"lead{number}@mer.gouv.fr",
        )
    ContactFactory(challenge=challenge, kind=ContactKind.HR, email="rh@mer.gouv.fr")
    return challenge


def accepted_offer(challenge, profile=Profile.DEVELOPER, **candidate):
    application = ApplicationFactory(
        cohort=challenge.cohort, preselected=True, profile=profile, candidate=UserFactory(candidate=True, **candidate)
    )
    position = PositionFactory(challenge=challenge, profile=profile, mission="Construire l'outil de détection")
    run = AssignmentRun.objects.filter(cohort=challenge.cohort).first() or validated_run(challenge.cohort, [])
    return OfferFactory(application=application, position=position, run=run, status="accepted", monthly_salary=3500)


def contract_dates(cohort) -> tuple[dt.date, dt.date]:
    """The cohort's programme dates, in Paris."""
    return cohort.programme_starts_at.astimezone(PARIS).date(), cohort.programme_ends_at.astimezone(PARIS).date()
