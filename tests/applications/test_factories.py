import pytest

from cohorts.models import GridStage, ScoringCriterion
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory, WishFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


def scores_in_grid_order(review) -> list[int]:
    return list(review.scores.order_by("criterion__position").values_list("score", flat=True))


def test_review_factory_scores_every_criterion_in_the_grid_order():
    review = PreselectionReviewFactory(scores=[0, 1, 2, 3, 4, 5])

    assert scores_in_grid_order(review) == [0, 1, 2, 3, 4, 5]
    assert review.application.status == "submitted"


def test_review_factory_gives_one_score_to_every_criterion():
    review = PreselectionReviewFactory(scores=4, assessment="Solide.")

    assert (scores_in_grid_order(review), review.assessment) == ([4] * 6, "Solide.")


def test_review_factory_takes_the_scores_by_criterion():
    application = ApplicationFactory(submitted=True)
    criteria = ScoringCriterion.objects.for_stage(application.cohort, GridStage.PRESELECTION)

    review = PreselectionReviewFactory(application=application, scores={c.pk: c.position % 2 for c in criteria})

    assert scores_in_grid_order(review) == [1, 0, 1, 0, 1, 0]


def test_review_factory_without_scores_is_a_bare_review():
    assert PreselectionReviewFactory().scores.count() == 0


def test_review_factory_refuses_a_list_of_the_wrong_length():
    with pytest.raises(ValueError):
        PreselectionReviewFactory(scores=[3, 3])


def test_wish_factory_ranks_wishes_in_creation_order_on_the_application_cohort():
    cohort = CohortFactory(phase="wishes")
    application = ApplicationFactory(cohort=cohort, preselected=True)
    challenges = [ChallengeFactory(cohort=cohort, selected=True, name=name) for name in ("B", "A", "C")]

    wishes = [WishFactory(application=application, challenge=challenge) for challenge in challenges]
    other = WishFactory(application=application)

    assert [(wish.challenge.name, wish.rank) for wish in wishes] == [("B", 1), ("A", 2), ("C", 3)]
    assert (other.rank, other.challenge.cohort, other.challenge.status) == (4, cohort, "selected")
