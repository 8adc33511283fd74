import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from challenges.models import ChallengeInvitation, ContactKind, TeamMember
from challenges.services import challenge_evaluate
from cohorts.models import GridStage, ScoringCriterion
from cohorts.services import scoring_grids_seed
from tests.challenges.factories import ChallengeFactory, ContactFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def constraint_violated(callable_) -> str:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        callable_()
    return raised.value.__cause__.diag.constraint_name


@pytest.mark.parametrize("kind", [ContactKind.SPONSOR, ContactKind.HR, ContactKind.FINANCE])
def test_contact_single_kind_per_challenge(kind):
    challenge = ChallengeFactory()
    ContactFactory(challenge=challenge, kind=kind)

    assert constraint_violated(lambda: ContactFactory(challenge=challenge, kind=kind)) == (
        "contact_single_kind_per_challenge"
    )


def test_contact_two_project_leads_allowed():
    challenge = ChallengeFactory()

    ContactFactory.create_batch(2, challenge=challenge, kind=ContactKind.PROJECT_LEAD)

    assert challenge.contacts.count() == 2


@pytest.mark.parametrize("share", [0, 101])
def test_team_member_time_share_out_of_range(share):
    member = TeamMember(challenge=ChallengeFactory(), name="Ada", role="Cheffe de projet", time_share=share)

    assert constraint_violated(member.save) == "team_member_time_share_range"
    with pytest.raises(ValidationError) as raised:
        member.full_clean()
    assert raised.value.messages == ["La part du temps est comprise entre 1 et 100 %."]


def test_invitation_one_pending_per_address():
    challenge = ChallengeFactory()
    inviter = challenge.owners.get()
    ChallengeInvitation.objects.create(challenge=challenge, email="a@example.org", invited_by=inviter)

    assert constraint_violated(
        lambda: ChallengeInvitation.objects.create(challenge=challenge, email="a@example.org", invited_by=inviter)
    ) == ("challenge_invitation_one_pending_per_email")


def test_scoring_criterion_scale_and_weight():
    cohort = CohortFactory(grids=False)

    assert constraint_violated(
        lambda: ScoringCriterion.objects.create(
            cohort=cohort, stage=GridStage.AUDITION, label="x", min_score=5, max_score=5
        )
    ) == ("scoring_criterion_scale_order")
    assert constraint_violated(
        lambda: ScoringCriterion.objects.create(
            cohort=cohort, stage=GridStage.AUDITION, label="y", min_score=0, max_score=5, weight=0
        )
    ) == ("scoring_criterion_weight_positive")


def test_scoring_grids_seed_gives_the_real_grids_once():
    cohort = CohortFactory(grids=False)

    created = scoring_grids_seed(cohort=cohort)
    again = scoring_grids_seed(cohort=cohort)

    grid = ScoringCriterion.objects.for_stage(cohort, GridStage.CHALLENGE_SELECTION)
    assert (created, again) == (17, 0)
    assert [(c.label, c.min_score, c.max_score, c.weight) for c in grid] == [
        ("Pertinence du besoin et portage", 1, 4, 1),
        ("Caractère entrepreneurial", 1, 4, 1),
        ("Engagement de la structure d'accueil", 1, 4, 1),
        ("Transformation numérique et éthique", 1, 4, 1),
        ("Ouverture et mutualisation", 1, 4, 1),
    ]
    assert ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION).count() == 6
    assert ScoringCriterion.objects.for_stage(cohort, GridStage.AUDITION).count() == 6


def test_challenge_evaluate_needs_every_criterion():
    challenge = ChallengeFactory(submitted=True)
    first = ScoringCriterion.objects.for_stage(challenge.cohort, GridStage.CHALLENGE_SELECTION).first()

    with pytest.raises(ValidationError) as raised:
        challenge_evaluate(
            challenge=challenge,
            evaluator=UserFactory(juror=True),
            scores={first.pk: 3},
            favourable=True,
            comment="",
            favourite=False,
        )

    assert raised.value.messages == ["Chaque critère de la grille doit recevoir une note."]


def test_challenge_evaluate_out_of_scale_refused_by_database():
    challenge = ChallengeFactory(submitted=True)
    criteria = ScoringCriterion.objects.for_stage(challenge.cohort, GridStage.CHALLENGE_SELECTION)

    name = constraint_violated(
        lambda: challenge_evaluate(
            challenge=challenge,
            evaluator=UserFactory(juror=True),
            scores={criterion.pk: 5 for criterion in criteria},
            favourable=True,
            comment="",
            favourite=False,
        )
    )

    assert name == "challenge_score_within_scale"


def test_challenge_evaluate_revised_keeps_one_evaluation():
    challenge = ChallengeFactory(submitted=True)
    juror = UserFactory(juror=True)
    criteria = list(ScoringCriterion.objects.for_stage(challenge.cohort, GridStage.CHALLENGE_SELECTION))
    for score in (2, 4):
        challenge_evaluate(
            challenge=challenge,
            evaluator=juror,
            scores={criterion.pk: score for criterion in criteria},
            favourable=score == 4,
            comment="",
            favourite=False,
        )

    evaluation = challenge.evaluations.get()
    assert (evaluation.favourable, sorted(evaluation.scores.values_list("score", flat=True))) == (True, [4] * 5)
