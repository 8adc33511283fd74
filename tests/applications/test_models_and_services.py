import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from applications import services
from applications.models import Application, ApplicationStatus, ApplicationTransition, Wish
from applications.selectors import application_missing_items, applications_with_review_summary, review_next
from applications.validators import cv_clean
from cohorts.models import GridStage, ScoringCriterion
from cohorts.profiles import Profile
from eig.pdf import SanitisedPdf, pdf_sanitise
from tests import pdfs
from tests.applications.factories import ApplicationFactory, WishFactory, pdf_bytes
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("draft", "submitted"),
    ("draft", "withdrawn"),
    ("submitted", "preselected"),
    ("submitted", "not_preselected"),
    ("submitted", "withdrawn"),
    ("preselected", "not_preselected"),
    ("not_preselected", "preselected"),
    ("preselected", "withdrawn"),  # "leave": the account is deleted during the selection
    ("withdrawn", "draft"),
}
ALL_PAIRS = [(a, b) for a in ApplicationStatus.values for b in ApplicationStatus.values if a != b]


def constraint_violated(callable_) -> str:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        callable_()
    return raised.value.__cause__.diag.constraint_name


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_application_transition_allowed_or_refused(from_status, to_status):
    application = ApplicationFactory(status=from_status)
    staff = UserFactory(staff=True)

    if (from_status, to_status) in ALLOWED:
        services.application_transition(application=application, to_status=to_status, by=staff)
        application.refresh_from_db()
        assert application.status == to_status
        assert list(ApplicationTransition.objects.values_list("from_status", "to_status", "by")) == [
            (from_status, to_status, staff.pk)
        ]
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.application_transition(application=application, to_status=to_status, by=staff)
        application.refresh_from_db()
        assert application.status == from_status


def test_application_one_per_candidate_per_cohort():
    application = ApplicationFactory()

    name = constraint_violated(
        lambda: Application.objects.create(cohort=application.cohort, candidate=application.candidate)
    )

    assert name == "application_one_per_candidate_per_cohort"


def test_application_submit_sends_the_summary(django_capture_on_commit_callbacks, mailoutbox):
    application = ApplicationFactory(complete=True, cohort=CohortFactory(name="EIG 11"))

    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=application.candidate)

    application.refresh_from_db()
    assert application.status == "submitted"
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([application.candidate.email], "[EIG] Votre candidature à la promotion EIG 11 est bien déposée")
    ]
    assert "- Profil principal : Développeur·se" in mailoutbox[0].body


def test_application_submit_refused_after_the_call_closes():
    application = ApplicationFactory(complete=True, cohort=CohortFactory(phase="preselection"))

    with pytest.raises(ValidationError) as raised:
        services.application_submit(application=application, by=application.candidate)

    assert raised.value.messages[0].startswith("L'appel à candidatures est clos : sa date limite était le ")
    application.refresh_from_db()
    assert application.status == "draft"


def test_application_missing_items_of_an_empty_draft():
    application = ApplicationFactory()

    assert application_missing_items(application) == [
        "Champ à remplir : Profil principal.",
        "Indiquez vos années d'expérience professionnelle.",
        "Champ à remplir : Parcours et expériences.",
        "Champ à remplir : Motivation et sens de l'intérêt général.",
        "Champ à remplir : Réalisations.",
        "Champ à remplir : Prêt·e à déménager ?",
        "Champ à remplir : Comment avez-vous connu le programme ?",
        "Déposez votre CV (PDF).",
        "Déposez votre CV anonymisé (PDF).",
        "Attestation à cocher : « Je ne suis pas fonctionnaire en activité ».",
        "Attestation à cocher : « Je ne suis ni juré·e ni expert·e du programme ».",
        "Attestation à cocher : « Je ne suis pas entrepreneur·e d'intérêt général en cours de programme ».",
        "Attestation à cocher : « J'accepte le traitement de mes données pour la sélection ».",
    ]


def test_cv_clean_returns_the_rewritten_copy_of_a_pdf():
    cleaned = cv_clean(SimpleUploadedFile("Ada Lovelace.pdf", pdf_bytes(), content_type="application/pdf"))

    assert isinstance(cleaned, SanitisedPdf)
    assert cleaned.read() == pdf_sanitise(pdf_bytes())
    assert cleaned.name == "document.pdf"


def test_cv_clean_refuses_a_renamed_executable():
    executable = SimpleUploadedFile("cv.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 2000, content_type="application/pdf")

    with pytest.raises(ValidationError) as raised:
        cv_clean(executable)

    assert raised.value.messages == [
        "Ce fichier n'est pas un PDF valide. Enregistrez votre CV au format PDF puis déposez-le à nouveau."
    ]


def test_cv_clean_refuses_a_6_mb_pdf():
    big = SimpleUploadedFile("cv.pdf", pdf_bytes(padding=6 * 1024 * 1024), content_type="application/pdf")

    with pytest.raises(ValidationError) as raised:
        cv_clean(big)

    assert raised.value.messages == ["Le fichier pèse 6\xa0Mo : la limite est de 5\xa0Mo."]


def _wishes_setup(count: int):
    cohort = CohortFactory(phase="wishes")
    application = ApplicationFactory(preselected=True, cohort=cohort)
    challenges = [ChallengeFactory(selected=True, cohort=cohort) for _ in range(count)]
    return application, challenges


def test_wishes_database_refuses_a_sixth_wish():
    application, challenges = _wishes_setup(6)
    for challenge in challenges[:5]:
        WishFactory(application=application, challenge=challenge)

    name = constraint_violated(lambda: Wish.objects.create(application=application, challenge=challenges[5], rank=6))

    assert name == "wish_rank_range"


def test_wishes_database_refuses_a_duplicate_rank():
    application, challenges = _wishes_setup(2)
    WishFactory(application=application, challenge=challenges[0], rank=1)

    def duplicate():
        Wish.objects.create(application=application, challenge=challenges[1], rank=1)
        # The rank constraint is deferred (reordering swaps ranks): it is checked at commit.
        with transaction.get_connection().cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    assert constraint_violated(duplicate) == "wish_unique_rank"


def test_wishes_database_refuses_a_duplicate_challenge():
    application, challenges = _wishes_setup(1)
    WishFactory(application=application, challenge=challenges[0], rank=1)

    name = constraint_violated(lambda: Wish.objects.create(application=application, challenge=challenges[0], rank=2))

    assert name == "wish_unique_challenge"


def test_wishes_save_ranks_3_to_5_revealed_challenges_for_the_profile():
    application, challenges = _wishes_setup(5)
    for challenge in challenges:
        PositionFactory(challenge=challenge, profile=Profile.DEVELOPER)
    ordered = [challenges[2].pk, challenges[0].pk, challenges[4].pk]

    services.wishes_save(application=application, challenge_ids=ordered)

    assert list(application.wishes.values_list("challenge_id", "rank")) == [
        (ordered[0], 1),
        (ordered[1], 2),
        (ordered[2], 3),
    ]


@pytest.mark.parametrize("count", [2, 6])
def test_wishes_save_refuses_fewer_than_3_or_more_than_5(count):
    application, challenges = _wishes_setup(count)

    with pytest.raises(ValidationError) as raised:
        services.wishes_save(application=application, challenge_ids=[c.pk for c in challenges])

    assert raised.value.messages == [f"Classez de 3 à 5 défis (vous en avez choisi {count})."]


def test_wishes_save_refused_after_the_close():
    cohort = CohortFactory(phase="after_wishes")
    application = ApplicationFactory(preselected=True, cohort=cohort)

    with pytest.raises(ValidationError) as raised:
        services.wishes_save(application=application, challenge_ids=[1, 2, 3])

    assert raised.value.messages[0].startswith("La saisie des vœux est close : sa date limite était le ")


def test_review_next_takes_the_fewest_reviewed_application_of_the_profile():
    cohort = CohortFactory(phase="preselection")
    reviewed_twice, reviewed_once, fresh = (ApplicationFactory(submitted=True, cohort=cohort) for _ in range(3))
    ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)
    criteria = ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION)
    for application, reviewers in ((reviewed_twice, 2), (reviewed_once, 1)):
        for _ in range(reviewers):
            services.application_review(
                application=application,
                reviewer=UserFactory(staff=True),
                scores={criterion.pk: 3 for criterion in criteria},
                assessment="Solide.",
            )
    reviewer = UserFactory(staff=True)

    assert review_next(cohort=cohort, reviewer=reviewer, profile=Profile.DEVELOPER) == fresh


def test_review_summary_mean_and_spread():
    cohort = CohortFactory(phase="preselection")
    application = ApplicationFactory(submitted=True, cohort=cohort)
    criteria = ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION)
    for score in (1, 4):
        services.application_review(
            application=application,
            reviewer=UserFactory(staff=True),
            scores={criterion.pk: score for criterion in criteria},
            assessment="…",
        )

    summary = applications_with_review_summary(Application.objects.all()).get()

    assert (summary.review_count, float(summary.mean_score), float(summary.spread)) == (2, 2.5, 3.0)


def test_application_save_stores_the_rewritten_copy_of_a_cv_whoever_calls():
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"))
    uploaded = pdfs.pdf_with_metadata("Ada Lovelace")

    services.application_save(application=application, data={"anonymised_cv": SimpleUploadedFile("cv.pdf", uploaded)})

    application.refresh_from_db()
    with application.anonymised_cv.open("rb") as stored:
        assert stored.read() == pdf_sanitise(uploaded)


def test_application_save_refuses_a_hostile_cv_whoever_calls():
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"), motivation="Avant")

    with pytest.raises(ValidationError) as raised:
        services.application_save(
            application=application,
            data={"motivation": "Après", "cv": SimpleUploadedFile("cv.pdf", pdfs.pdf_with_launch_action())},
        )

    assert raised.value.code == "launch"
    application.refresh_from_db()
    assert (application.motivation, application.cv.name) == ("Avant", "")
