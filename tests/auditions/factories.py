"""Factories of the auditions app: a jury of a cohort in its auditions phase, its members (accepted
invitations, with a second factor), auditions of pre-selected candidates, declarations, scorecards."""

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from auditions.deliberation import Decision, deliberation_close, deliberation_decide
from auditions.models import (
    Audition,
    AuditionScorecard,
    Declaration,
    Deliberation,
    Jury,
    JuryMember,
    JuryRole,
    Link,
    Opinion,
)
from auditions.services import audition_book
from cohorts.models import GridStage
from cohorts.profiles import Profile
from cohorts.scoring import scorecard_save
from eig.dates import PARIS
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory, grid_scores
from tests.eig.factories import UserFactory


class JuryFactory(factory.django.DjangoModelFactory):
    """A jury of a cohort in its auditions phase, for one selected challenge (pass challenges=[…] for
    others, or members=N for N accepted jurors)."""

    class Meta:
        model = Jury
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory, phase="auditions")
    name = factory.Sequence(lambda n: f"Jury {n}")

    @factory.post_generation
    def challenges(obj, create, extracted, **kwargs):
        if create:
            obj.challenges.set(
                extracted if extracted is not None else [ChallengeFactory(cohort=obj.cohort, selected=True)]
            )

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            for _ in range(extracted):
                JuryMemberFactory(jury=obj)


class JuryMemberFactory(factory.django.DjangoModelFactory):
    """An accepted seat: a juror account with a second factor (pass user=None, accepted_at=None for a
    pending invitation)."""

    class Meta:
        model = JuryMember

    jury = factory.SubFactory(JuryFactory)
    user = factory.SubFactory(UserFactory, juror=True, second_factor=True)
    email = factory.LazyAttribute(
        lambda member: member.user.email if member.user else f"jure{member.jury.pk}@example.org"
    )
    role = JuryRole.OUTSIDE
    invited_at = factory.LazyFunction(timezone.now)
    accepted_at = factory.LazyAttribute(lambda member: timezone.now() if member.user else None)


class AuditionFactory(factory.django.DjangoModelFactory):
    """An audition of a pre-selected candidate by a jury for the jury's first challenge; `at=` a datetime
    books its slot through the service (`audition_book`)."""

    class Meta:
        model = Audition
        skip_postgeneration_save = True

    jury = factory.SubFactory(JuryFactory)
    application = factory.SubFactory(
        ApplicationFactory, preselected=True, cohort=factory.SelfAttribute("..jury.cohort")
    )
    challenge = factory.LazyAttribute(lambda audition: audition.jury.challenges.order_by("pk").first())

    @factory.post_generation
    def at(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            booked = audition_book(audition=obj, starts_at=extracted)
            for field in ("starts_at", "ends_at", "busy", "video_link"):
                setattr(obj, field, getattr(booked, field))


def auditions_day(cohort, day: int = 0, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An instant of the cohort's auditions: `day` days after their first day, at hour:minute in Paris."""
    first = cohort.auditions_start_at.astimezone(PARIS).date() + dt.timedelta(days=day + 1)
    return dt.datetime(first.year, first.month, first.day, hour, minute, tzinfo=PARIS)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    audition = factory.SubFactory(AuditionFactory)
    juror = factory.LazyAttribute(lambda declaration: declaration.audition.jury.members.first().user)
    link = Link.NONE


def audition_scorecard(*, audition, juror, scores=3, opinion=Opinion.FAVOURABLE, **values) -> AuditionScorecard:
    """The juror's scorecard of the audition through the scoring block (`scores`: one score for every
    criterion, a list in the grid's order, or criterion id → score)."""
    return scorecard_save(
        model=AuditionScorecard,
        subject=audition,
        scorer=juror,
        scores=grid_scores(audition.cohort, GridStage.AUDITION, scores),
        opinion=opinion,
        **values,
    )


# --- Deliberations ------------------------------------------------------------------------------------


@dataclass
class DeliberationWorld:
    """A jury with its jurors, the auditions of one challenge's candidates of one profile, and the
    deliberation of that (challenge, profile)."""

    jury: Jury
    jurors: list
    auditions: list[Audition]
    deliberation: Deliberation

    @property
    def cohort(self):
        return self.jury.cohort

    @property
    def applications(self) -> list:
        return [audition.application for audition in self.auditions]


def deliberation_world(*, phase: str = "deliberation", candidates: int = 2, jurors: int = 3, jury=None):
    """A cohort in `phase` whose jury (`jurors` accepted jurors) auditioned `candidates` developers for its
    challenge (no slot booked, no scorecard), and the open deliberation of that challenge and profile."""
    jury = jury or JuryFactory(cohort=CohortFactory(phase=phase), members=jurors)
    auditions = [
        AuditionFactory(
            jury=jury, application=ApplicationFactory(preselected=True, cohort=jury.cohort, profile=Profile.DEVELOPER)
        )
        for _ in range(candidates)
    ]
    challenge = jury.challenges.order_by("pk").first()
    deliberation, _created = Deliberation.objects.get_or_create(challenge=challenge, profile=Profile.DEVELOPER)
    return DeliberationWorld(
        jury=jury,
        jurors=[member.user for member in jury.members.order_by("pk")],
        auditions=auditions,
        deliberation=deliberation,
    )


def deliberation_decided(world: DeliberationWorld, *kinds_and_ranks, by=None) -> Deliberation:
    """The jury's decisions on the world's candidates, in order ((kind, rank) pairs), through the service
    (the cohort must be in its deliberation, or `by` staff during the auditions)."""
    return deliberation_decide(
        deliberation=world.deliberation,
        decisions=[
            Decision(application.pk, kind, rank)
            for application, (kind, rank) in zip(world.applications, kinds_and_ranks, strict=True)
        ],
        by=by or world.jurors[0],
    )


def deliberation_closed(world: DeliberationWorld, *kinds_and_ranks, by=None) -> Deliberation:
    """The jury's decisions (`deliberation_decided`), then « Clore la délibération »."""
    deliberation_decided(world, *kinds_and_ranks, by=by)
    world.deliberation = deliberation_close(deliberation=world.deliberation, by=by or world.jurors[0])
    return world.deliberation
