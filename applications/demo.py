"""Demo data of the applications: the pre-selected candidates of the cohort in its auditions, each with
a complete application and three wishes among its selected challenges. Idempotent."""

import datetime as dt

from applications.models import Application, ApplicationStatus, Relocation, Wish
from challenges.models import Challenge, ChallengeStatus
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.demo import person_seed
from eig.models import User

# (first name, last name, profile, the order of their wishes among the cohort's selected challenges)
PRESELECTED_CANDIDATES = [
    ("Inès", "Moreau", Profile.DEVELOPER, (0, 1, 2)),
    ("Yanis", "Lefèvre", Profile.DATA_SCIENTIST, (0, 2, 3)),
    ("Léa", "Garnier", Profile.DEVELOPER, (0, 3, 1)),
    ("Mathis", "Rousseau", Profile.DATA_SCIENTIST, (1, 0, 2)),
    ("Chloé", "Fontaine", Profile.DESIGNER, (1, 2, 3)),
    ("Hugo", "Chevalier", Profile.DEVELOPER, (2, 0, 1)),
    ("Sarah", "Benali", Profile.DATA_ENGINEER, (2, 3, 0)),
    ("Nathan", "Girard", Profile.DATA_SCIENTIST, (3, 1, 0)),
    ("Jade", "Lambert", Profile.DEVELOPER, (3, 2, 1)),
]


def application_seed(
    *, cohort: Cohort, candidate: User, profile: str, wishes: list[Challenge], years_of_experience: int = 5
) -> Application:
    """Create or update the pre-selected, complete application of `candidate` in `cohort`, with its
    `wishes` (challenges, first wish first) when it has none yet."""
    application, _ = Application.objects.update_or_create(
        cohort=cohort,
        candidate=candidate,
        defaults={
            "status": ApplicationStatus.PRESELECTED,
            "submitted_at": cohort.candidates_call_closes_at - dt.timedelta(days=3),
            "profile": profile,
            "skills": "Python, analyse de données, conception de services publics",
            "years_of_experience": years_of_experience,
            "career_path": "Cinq ans dans une entreprise du numérique, puis une mission dans une collectivité.",
            "motivation": "Mettre mes compétences au service de l'action publique, au plus près des agents.",
            "achievements": "Un outil interne adopté par trois directions en un an.",
            "relocation": Relocation.DEPENDS,
            "not_civil_servant": True,
            "not_juror_or_expert": True,
            "not_current_fellow": True,
            "data_consent": True,
        },
    )
    if not application.wishes.exists():
        Wish.objects.bulk_create(
            Wish(application=application, challenge=challenge, rank=rank)
            for rank, challenge in enumerate(wishes, start=1)
        )
    return application


def preselected_seed(*, cohort: Cohort) -> list[Application]:
    """Create or update the pre-selected candidates of `cohort` (without a password: they are there to
    be auditioned), their applications and their wishes, in the order of PRESELECTED_CANDIDATES."""
    challenges = list(Challenge.objects.filter(cohort=cohort, status=ChallengeStatus.SELECTED).order_by("name"))
    return [
        application_seed(
            cohort=cohort,
            candidate=person_seed(first_name, last_name, is_candidate=True),
            profile=profile,
            wishes=[challenges[index] for index in wishes],
        )
        for first_name, last_name, profile, wishes in PRESELECTED_CANDIDATES
    ]


# (first name, last name, profile): candidates of the cohort whose results are out who were not
# pre-selected; the first one's file is under hold, the second consented to the longer retention.
NOT_RETAINED_CANDIDATES = [
    ("Camille", "Perrin", Profile.DESIGNER),
    ("Théo", "Marchand", Profile.DATA_ENGINEER),
]
DEMO_HOLD_REASON = "Recours gracieux en cours contre la décision de présélection."


def retention_seed(*, cohort: Cohort, staff: User, now: dt.datetime) -> list[Application]:
    """Two not pre-selected files of `cohort` (docs/personal-data.md): one under hold, one whose candidate
    consented to a longer retention. Idempotent."""
    held, consenting = [
        application_seed(
            cohort=cohort,
            candidate=person_seed(first_name, last_name, is_candidate=True),
            profile=profile,
            wishes=[],
            years_of_experience=3,
        )
        for first_name, last_name, profile in NOT_RETAINED_CANDIDATES
    ]
    Application.objects.filter(pk__in=[held.pk, consenting.pk]).update(status=ApplicationStatus.NOT_PRESELECTED)
    Application.objects.filter(pk=held.pk, held_at__isnull=True).update(
        held_at=now, hold_reason=DEMO_HOLD_REASON, held_by=staff
    )
    Application.objects.filter(pk=consenting.pk, retention_consent_at__isnull=True).update(retention_consent_at=now)
    return [held, consenting]
