import factory
from django.utils import timezone

from challenges.models import (
    Administration,
    AdministrationMembership,
    Challenge,
    ChallengeEvaluation,
    ChallengeStatus,
    Contact,
    ContactKind,
    DataAccess,
    MembershipStatus,
    Position,
    TeamMember,
)
from challenges.services import challenge_evaluate, challenges_search_index
from cohorts.models import GridStage
from cohorts.profiles import Profile
from tests.cohorts.factories import CohortFactory, grid_scores
from tests.eig.factories import UserFactory


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Direction numéro {n}")
    acronym = factory.Sequence(lambda n: f"DN{n}")
    parent_ministry = "Ministère de l'Intérieur"


class MembershipFactory(factory.django.DjangoModelFactory):
    """An agent's approved membership of an administration; `pending=True` a request waiting for an
    answer, `declined=True` a refused one."""

    class Meta:
        model = AdministrationMembership

    user = factory.SubFactory(UserFactory, agent=True)
    administration = factory.SubFactory(AdministrationFactory)
    status = MembershipStatus.APPROVED
    decided_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=MembershipStatus.PENDING, decided_at=None)
        declined = factory.Trait(status=MembershipStatus.DECLINED)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    challenge = factory.SubFactory("tests.challenges.factories.ChallengeFactory")
    profile = Profile.DEVELOPER
    mission = "Construire le service avec l'équipe métier."


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    challenge = factory.SubFactory("tests.challenges.factories.ChallengeFactory")
    kind = ContactKind.SPONSOR
    name = factory.Faker("name", locale="fr_FR")
    job_title = "Directrice"
    email = factory.Sequence(lambda n: f"contact{n}@administration.gouv.fr")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    challenge = factory.SubFactory("tests.challenges.factories.ChallengeFactory")
    name = factory.Faker("name", locale="fr_FR")
    role = "Cheffe de projet"
    time_share = 50


COMPLETE_FIELDS = {
    "summary": "Les agents passent des heures à ressaisir des données déjà connues de l'État.",
    "context": "Chaque année, des milliers de dossiers sont traités à la main.",
    "solution": "Un agent instructeur retrouve le dossier complet en un clic.",
    "benefits": "Des décisions plus rapides pour les usagers.",
    "existing_solutions": "Un tableur partagé, abandonné faute de mise à jour.",
    "obstacles": "Des données dispersées entre trois systèmes.",
    "legal_ethical_issues": "Données personnelles : une analyse d'impact sera menée.",
    "openness": "Code publié sous licence libre, données ouvertes quand c'est possible.",
    "data_needed": "Les dossiers des cinq dernières années.",
    "data_access": DataAccess.AVAILABLE,
    "work_address": "20 avenue de Ségur",
    "work_postcode": "75007",
    "work_city": "Paris",
}


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A draft; `complete=True` fills every field and adds 2 positions, the four contacts and a team
    member (ready to submit); `submitted=True` / `selected=True` also set the status (no transition row)."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory, phase="projects_call")
    administration = factory.SubFactory(AdministrationFactory)
    name = factory.Sequence(lambda n: f"Défi numéro {n}")
    status = ChallengeStatus.DRAFT

    class Params:
        complete = factory.Trait(**COMPLETE_FIELDS)
        submitted = factory.Trait(complete=True, status=ChallengeStatus.SUBMITTED)
        selected = factory.Trait(complete=True, status=ChallengeStatus.SELECTED)
        not_selected = factory.Trait(complete=True, status=ChallengeStatus.NOT_SELECTED)

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        """Owners given, or one new agent."""
        if not create:
            return
        obj.owners.set(extracted if extracted is not None else [UserFactory(agent=True)])

    @factory.post_generation
    def with_parts(obj, create, extracted, **kwargs):
        """Positions, contacts and team of a complete challenge (pass with_parts=False to skip)."""
        if not create or extracted is False or not obj.summary:
            return
        PositionFactory(challenge=obj, profile=Profile.DEVELOPER)
        PositionFactory(challenge=obj, profile=Profile.DATA_SCIENTIST)
        for kind in (ContactKind.SPONSOR, ContactKind.PROJECT_LEAD, ContactKind.HR, ContactKind.FINANCE):
            ContactFactory(challenge=obj, kind=kind)
        TeamMemberFactory(challenge=obj)

    @factory.post_generation
    def search_index(obj, create, extracted, **kwargs):
        """The catalogue's search vector, as the services store it."""
        if create:
            challenges_search_index(challenges=[obj])


class ChallengeEvaluationFactory(factory.django.DjangoModelFactory):
    """A juror's evaluation of a submitted challenge. With `scores` (one score for every criterion, a list in
    the grid's order, or {criterion id: score}) it is recorded through `challenge_evaluate`, scores included;
    without, it is a bare row with no score."""

    class Meta:
        model = ChallengeEvaluation

    challenge = factory.SubFactory(ChallengeFactory, submitted=True)
    evaluator = factory.SubFactory(UserFactory, juror=True)
    favourable = True
    comment = "Un besoin clair, une équipe engagée."
    favourite = False
    scores = None

    @classmethod
    def _create(cls, model_class, *args, scores=None, **kwargs):
        if scores is None:
            return super()._create(model_class, *args, **kwargs)
        challenge = kwargs.pop("challenge")
        return challenge_evaluate(
            challenge=challenge, scores=grid_scores(challenge.cohort, GridStage.CHALLENGE_SELECTION, scores), **kwargs
        )
