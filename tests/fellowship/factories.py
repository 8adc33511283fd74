"""Factories of the fellowship: a cohort whose juries validated their lists (`laureates_world`), runs and
their placements, offers, fellows, mentors, sessions and repositories, written straight to the database
(the services have their own tests)."""

import datetime as dt
from dataclasses import dataclass, field

import factory
from django.utils import timezone

from applications.models import Wish
from auditions.models import Deliberation, DeliberationStatus, ListKind, ListVersion, ListVersionEntry
from challenges.models import Challenge, ContactKind, Position
from cohorts.profiles import Profile
from fellowship.assignment import Problem, Result, Status
from fellowship.models import (
    AssignmentRun,
    Audience,
    Fellow,
    Mentor,
    MentorKind,
    Offer,
    Repository,
    RunPlacement,
    RunStatus,
    Session,
)
from fellowship.run_codec import problem_to_json, result_to_json
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory, ContactFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory


def validated_list(
    challenge: Challenge, profile: str, *, main=(), waiting=(), by=None, number: int = 1
) -> ListVersion:
    """Version `number` of the deliberation of (challenge, profile), validated by `by` (a new director
    by default): `main` and `waiting` are applications, best first."""
    deliberation, _ = Deliberation.objects.update_or_create(
        challenge=challenge,
        profile=profile,
        defaults={"status": DeliberationStatus.VALIDATED, "closed_at": timezone.now(), "validated_at": timezone.now()},
    )
    version = ListVersion.objects.create(
        deliberation=deliberation,
        number=number,
        validated_by=by or UserFactory(director=True),
        reason="" if number == 1 else "Nouvelle version",
    )
    ListVersionEntry.objects.bulk_create(
        [ListVersionEntry(version=version, application=a, kind=ListKind.MAIN, rank=r) for r, a in enumerate(main, 1)]
        + [
            ListVersionEntry(version=version, application=a, kind=ListKind.WAITING, rank=r)
            for r, a in enumerate(waiting, 1)
        ]
    )
    return version


def laureate(cohort, profile: str = Profile.DEVELOPER, *, wishes=(), **fields):
    """A pre-selected application of the cohort with its wishes (challenges, first wish first)."""
    application = ApplicationFactory(cohort=cohort, preselected=True, profile=profile, **fields)
    Wish.objects.bulk_create(Wish(application=application, challenge=c, rank=r) for r, c in enumerate(wishes, 1))
    return application


@dataclass
class LaureatesWorld:
    """A cohort in `phase` with selected challenges, each with a developer and a data scientist position,
    a sponsor and a project lead; per challenge and profile, the validated list (`lists[(challenge,
    profile)]`: main then waiting applications)."""

    cohort: object
    director: object
    challenges: list = field(default_factory=list)
    lists: dict = field(default_factory=dict)

    def positions(self, challenge, profile: str) -> list[Position]:
        return list(Position.objects.filter(challenge=challenge, profile=profile).order_by("pk"))

    def position(self, challenge, profile: str = Profile.DEVELOPER) -> Position:
        return self.positions(challenge, profile)[0]


def laureates_world(
    *, phase: str = "acceptance", challenges: int = 2, main: int = 1, waiting: int = 2, cohort=None
) -> LaureatesWorld:
    """Every challenge gets, for each of its two profiles, `main` laureates on the main list and `waiting`
    on the waiting list; each laureate wishes their list's challenge first."""
    cohort = cohort or CohortFactory(phase=phase)
    world = LaureatesWorld(cohort=cohort, director=UserFactory(director=True))
    for _ in range(challenges):
        challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
        for profile in (Profile.DEVELOPER, Profile.DATA_SCIENTIST):
            PositionFactory(challenge=challenge, profile=profile)
        ContactFactory(challenge=challenge, kind=ContactKind.SPONSOR)
        ContactFactory(challenge=challenge, kind=ContactKind.PROJECT_LEAD)
        world.challenges.append(challenge)
        for profile in (Profile.DEVELOPER, Profile.DATA_SCIENTIST):
            people = [laureate(cohort, profile, wishes=[challenge]) for _ in range(main + waiting)]
            validated_list(challenge, profile, main=people[:main], waiting=people[main:], by=world.director)
            world.lists[(challenge, profile)] = people
    return world


def validated_run(cohort, placements, *, by=None, number: int | None = None) -> AssignmentRun:
    """A validated run of the cohort with these (application, position) placements, for the tests of what
    comes after a run: its stored inputs and result are well-formed but empty (no model was solved)."""
    number = number or (AssignmentRun.objects.filter(cohort=cohort).count() + 1)
    run = AssignmentRun.objects.create(
        cohort=cohort,
        number=number,
        status=RunStatus.VALIDATED,
        inputs=problem_to_json(Problem(challenges=(), positions=(), lists=(), candidates=())),
        result=result_to_json(
            Result(status=Status.OPTIMAL, objective=0, placements=(), challenges=(), candidates=(), blocking_pairs=())
        ),
        solver_status="optimal",
        created_by=by,
        validated_at=timezone.now(),
    )
    RunPlacement.objects.bulk_create(
        RunPlacement(run=run, application=application, position=position, list_rank=1)
        for application, position in placements
    )
    return run


class OfferFactory(factory.django.DjangoModelFactory):
    """An open offer of a validated run, due in the cohort's acceptance delay."""

    class Meta:
        model = Offer

    application = factory.SubFactory(ApplicationFactory, preselected=True)
    position = factory.LazyAttribute(
        lambda o: PositionFactory(
            challenge=ChallengeFactory(cohort=o.application.cohort, selected=True, with_parts=False),
            profile=o.application.profile or Profile.DEVELOPER,
        )
    )
    run = factory.LazyAttribute(lambda o: validated_run(o.application.cohort, []))
    monthly_salary = 3500
    senior = False
    answer_by = factory.LazyAttribute(
        lambda o: timezone.now() + dt.timedelta(days=o.application.cohort.acceptance_days)
    )


class MentorFactory(factory.django.DjangoModelFactory):
    """A mentor of a challenge who accepted the invitation (an account with the mentor role)."""

    class Meta:
        model = Mentor

    challenge = factory.SubFactory(ChallengeFactory, selected=True, with_parts=False)
    kind = MentorKind.OPERATIONAL
    name = factory.Faker("name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"mentor{n}@administration.gouv.fr")
    user = factory.LazyAttribute(lambda o: UserFactory(email=o.email, is_mentor=True, agent=True))
    invited_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyFunction(timezone.now)


class FellowFactory(factory.django.DjangoModelFactory):
    """A fellow: an accepted offer of a validated run, on a new position of a new challenge of the
    application's cohort unless given."""

    class Meta:
        model = Fellow
        skip_postgeneration_save = True

    offer = factory.SubFactory(OfferFactory, status="accepted", answered_at=factory.LazyFunction(timezone.now))
    application = factory.SelfAttribute("offer.application")
    cohort = factory.SelfAttribute("application.cohort")
    user = factory.SelfAttribute("application.candidate")
    position = factory.SelfAttribute("offer.position")
    challenge = factory.SelfAttribute("position.challenge")
    starts_on = factory.LazyAttribute(lambda o: o.cohort.programme_starts_at.date())
    ends_on = factory.LazyAttribute(lambda o: o.cohort.programme_ends_at.date())

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and not obj.user.is_fellow:
            obj.user.is_fellow = True
            obj.user.save(update_fields=["is_fellow"])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory, phase="programme")
    title = factory.Sequence(lambda n: f"Session collective {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    place = "Station F, Paris"
    audience = Audience.FELLOWS


class RepositoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Repository

    challenge = factory.SubFactory(ChallengeFactory, selected=True, with_parts=False)
    name = factory.Sequence(lambda n: f"outil-{n}")
    url = factory.LazyAttribute(lambda o: f"https://github.com/etalab/{o.name}")
    licence = "MIT"
