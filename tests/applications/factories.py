import factory
from django.core.files.base import ContentFile

from applications.models import Application, ApplicationStatus, HeardFrom, PreselectionReview, Relocation, Wish
from applications.services import application_review
from cohorts.models import GridStage
from cohorts.profiles import Profile
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory, grid_scores
from tests.eig.factories import UserFactory
from tests.pdfs import build_pdf


def pdf_bytes(text: str = "Curriculum vitae", padding: int = 0) -> bytes:
    """A small, valid one-page PDF (optionally padded to a given size with a PDF comment)."""
    return build_pdf(text, padding=padding)


COMPLETE_FIELDS = {
    "profile": Profile.DEVELOPER,
    "secondary_profiles": [Profile.DATA_ENGINEER],
    "skills": "Python, Django, PostgreSQL",
    "years_of_experience": 4,
    "career_path": "Développeuse dans une coopérative, puis dans une start-up d'État.",
    "motivation": "Mettre mes compétences au service de l'action publique.",
    "achievements": "Un service public numérique utilisé par 10 000 agents.",
    "links": "https://example.org/portfolio",
    "relocation": Relocation.DEPENDS,
    "heard_from": HeardFrom.ALUMNI,
    "not_civil_servant": True,
    "not_juror_or_expert": True,
    "not_current_fellow": True,
    "data_consent": True,
}


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft; `complete=True` fills every field and both CVs (ready to submit); `submitted=True`,
    `preselected=True`, `not_preselected=True` also set the status (no transition row)."""

    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    candidate = factory.SubFactory(UserFactory, candidate=True)
    status = ApplicationStatus.DRAFT

    class Params:
        complete = factory.Trait(
            cv=factory.LazyFunction(lambda: ContentFile(pdf_bytes("CV"), name="cv.pdf")),
            anonymised_cv=factory.LazyFunction(lambda: ContentFile(pdf_bytes("CV anonyme"), name="cv-anonyme.pdf")),
            **COMPLETE_FIELDS,
        )
        submitted = factory.Trait(complete=True, status=ApplicationStatus.SUBMITTED)
        preselected = factory.Trait(complete=True, status=ApplicationStatus.PRESELECTED)
        not_preselected = factory.Trait(complete=True, status=ApplicationStatus.NOT_PRESELECTED)


class PreselectionReviewFactory(factory.django.DjangoModelFactory):
    """A reviewer's pre-selection review of a submitted application. With `scores` (one score for every
    criterion, a list in the grid's order, or {criterion id: score}) it is recorded through
    `application_review`, scores included; without, it is a bare row with no score."""

    class Meta:
        model = PreselectionReview

    application = factory.SubFactory(ApplicationFactory, submitted=True)
    reviewer = factory.SubFactory(UserFactory, staff=True)
    assessment = "Un parcours cohérent."
    scores = None

    @classmethod
    def _create(cls, model_class, *args, scores=None, **kwargs):
        if scores is None:
            return super()._create(model_class, *args, **kwargs)
        application = kwargs["application"]
        return application_review(
            application=application,
            reviewer=kwargs["reviewer"],
            scores=grid_scores(application.cohort, GridStage.PRESELECTION, scores),
            assessment=kwargs["assessment"],
        )


class WishFactory(factory.django.DjangoModelFactory):
    """A wish of a pre-selected candidate for a selected challenge of their cohort, ranked after the
    application's other wishes: `[WishFactory(application=a, challenge=c) for c in challenges]` ranks them
    1, 2, 3… in that order."""

    class Meta:
        model = Wish

    application = factory.SubFactory(ApplicationFactory, preselected=True)
    challenge = factory.SubFactory(
        ChallengeFactory, selected=True, cohort=factory.SelfAttribute("..application.cohort")
    )
    rank = factory.LazyAttribute(lambda wish: wish.application.wishes.count() + 1)
