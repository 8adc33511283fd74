import factory
from django.core.files.base import ContentFile

from applications.models import Application, ApplicationStatus, HeardFrom, Relocation
from cohorts.profiles import Profile
from tests.cohorts.factories import CohortFactory
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
