import pytest

from tests.challenges.factories import ChallengeEvaluationFactory

pytestmark = pytest.mark.django_db


def scores_in_grid_order(evaluation) -> list[int]:
    return list(evaluation.scores.order_by("criterion__position").values_list("score", flat=True))


def test_evaluation_factory_scores_every_criterion_in_the_grid_order():
    evaluation = ChallengeEvaluationFactory(scores=[4, 3, 2, 1, 4], favourable=False, favourite=True, comment="")

    assert scores_in_grid_order(evaluation) == [4, 3, 2, 1, 4]
    assert (evaluation.favourable, evaluation.favourite, evaluation.comment) == (False, True, "")


def test_evaluation_factory_gives_one_score_to_every_criterion():
    assert scores_in_grid_order(ChallengeEvaluationFactory(scores=2)) == [2] * 5


def test_evaluation_factory_without_scores_is_a_bare_evaluation():
    assert ChallengeEvaluationFactory().scores.count() == 0
