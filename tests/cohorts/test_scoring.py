"""The shared scoring block (cohorts.scoring, cohorts.forms.ScorecardForm), on the two scorecards that use it:
pre-selection reviews (grid 0 to 5, six criteria) and challenge evaluations (grid 1 to 4, five criteria)."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from applications.models import Application, PreselectionReview, ReviewScore
from challenges.models import ChallengeEvaluation
from cohorts.forms import ScorecardForm
from cohorts.models import ScoringCriterion
from cohorts.scoring import (
    MEAN,
    MEDIAN,
    SPREAD,
    STDDEV,
    criterion_means,
    score_display,
    scorecard_save,
    scores_summary,
)
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_STATISTICS = {"mean": MEAN, "median": MEDIAN, "stddev": STDDEV, "spread": SPREAD}


@pytest.fixture
def cohort():
    return CohortFactory(days_since_start=90)


@pytest.fixture
def application(cohort):
    return ApplicationFactory(submitted=True, cohort=cohort)


def grid(cohort) -> list[ScoringCriterion]:
    return PreselectionReview.grid_criteria(cohort)


def review(application, scores: list[int], assessment: str = "Une appréciation.") -> PreselectionReview:
    """A new reviewer's review of `application` with `scores`, in the grid's order."""
    return scorecard_save(
        model=PreselectionReview,
        subject=application,
        scorer=UserFactory(staff=True),
        scores={criterion.pk: score for criterion, score in zip(grid(application.cohort), scores, strict=True)},
        assessment=assessment,
    )


def summary(application, **statistics) -> dict:
    annotated = Application.objects.filter(pk=application.pk).annotate(
        **scores_summary(PreselectionReview, **statistics)
    )
    return annotated.values(*statistics).get()


# --- The score models ------------------------------------------------------------------------------


def review_scorecard(cohort) -> PreselectionReview:
    application = ApplicationFactory(submitted=True, cohort=cohort)
    return PreselectionReview.objects.create(application=application, reviewer=UserFactory(staff=True))


def evaluation_scorecard(cohort) -> ChallengeEvaluation:
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    return ChallengeEvaluation.objects.create(challenge=challenge, evaluator=UserFactory(juror=True), favourable=True)


@pytest.mark.parametrize(
    ("new_scorecard", "score", "constraint"),
    [
        (review_scorecard, 6, "review_score_within_scale"),
        (evaluation_scorecard, 0, "challenge_score_within_scale"),
        (evaluation_scorecard, 5, "challenge_score_within_scale"),
    ],
)
def test_score_outside_the_criterion_scale_refused_by_its_named_constraint(cohort, new_scorecard, score, constraint):
    scorecard = new_scorecard(cohort)
    score_model = type(scorecard).score_model()
    criterion = type(scorecard).grid_criteria(cohort)[0]

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        score_model.on_criterion(criterion, score, **{type(scorecard).score_scorecard_field(): scorecard}).save()

    assert raised.value.__cause__.diag.constraint_name == constraint


@pytest.mark.parametrize(
    ("new_scorecard", "lowest", "highest"), [(review_scorecard, 0, 5), (evaluation_scorecard, 1, 4)]
)
def test_score_at_the_ends_of_the_scale_accepted(cohort, new_scorecard, lowest, highest):
    scorecard = new_scorecard(cohort)
    score_model = type(scorecard).score_model()
    first, second = type(scorecard).grid_criteria(cohort)[:2]
    field = type(scorecard).score_scorecard_field()

    score_model.on_criterion(first, lowest, **{field: scorecard}).save()
    score_model.on_criterion(second, highest, **{field: scorecard}).save()

    assert sorted(scorecard.scores.values_list("score", flat=True)) == [lowest, highest]


def test_score_on_a_criterion_copies_its_scale_and_weight(cohort, application):
    criterion = grid(cohort)[0]
    criterion.weight = Decimal("2.50")

    score = ReviewScore.on_criterion(criterion, 4, review=PreselectionReview(application=application))

    assert (score.criterion, score.score, score.min_score, score.max_score, score.weight) == (
        criterion,
        4,
        0,
        5,
        Decimal("2.50"),
    )


# --- The service ------------------------------------------------------------------------------------


def test_scorecard_save_records_the_scorecard_and_a_score_per_criterion(cohort, application):
    saved = review(application, [5, 4, 3, 2, 1, 0], assessment="Solide.")

    assert (saved.application, saved.assessment) == (application, "Solide.")
    assert list(saved.scores.order_by("criterion__position").values_list("score", "min_score", "max_score")) == [
        (5, 0, 5),
        (4, 0, 5),
        (3, 0, 5),
        (2, 0, 5),
        (1, 0, 5),
        (0, 0, 5),
    ]


def test_scorecard_save_again_replaces_the_scores_of_the_same_scorecard(cohort, application):
    reviewer = UserFactory(staff=True)
    criteria = grid(cohort)
    for score, assessment in ((1, "Première lecture."), (4, "Deuxième lecture.")):
        scorecard_save(
            model=PreselectionReview,
            subject=application,
            scorer=reviewer,
            scores={criterion.pk: score for criterion in criteria},
            assessment=assessment,
        )

    saved = PreselectionReview.objects.get()
    assert saved.assessment == "Deuxième lecture."
    assert sorted(ReviewScore.objects.values_list("score", flat=True)) == [4, 4, 4, 4, 4, 4]


def test_scorecard_save_needs_every_criterion_of_the_grid(cohort, application):
    first = grid(cohort)[0]

    with pytest.raises(ValidationError) as raised:
        scorecard_save(
            model=PreselectionReview,
            subject=application,
            scorer=UserFactory(staff=True),
            scores={first.pk: 3},
            assessment="Incomplète.",
        )

    assert raised.value.messages == ["Chaque critère de la grille doit recevoir une note."]
    assert PreselectionReview.objects.count() == 0


def test_scorecard_save_out_of_scale_keeps_the_earlier_scorecard_whole(cohort, application):
    reviewer = UserFactory(staff=True)
    criteria = grid(cohort)
    scorecard_save(
        model=PreselectionReview,
        subject=application,
        scorer=reviewer,
        scores={criterion.pk: 2 for criterion in criteria},
        assessment="Avant.",
    )

    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        scorecard_save(
            model=PreselectionReview,
            subject=application,
            scorer=reviewer,
            scores={criterion.pk: 9 for criterion in criteria},
            assessment="Après.",
        )

    assert raised.value.__cause__.diag.constraint_name == "review_score_within_scale"
    assert PreselectionReview.objects.get().assessment == "Avant."
    assert sorted(ReviewScore.objects.values_list("score", flat=True)) == [2, 2, 2, 2, 2, 2]


# --- The weighted-mean query --------------------------------------------------------------------------


def test_weighted_mean_of_a_scorecard_uses_the_criteria_weights(cohort, application):
    plain = review(application, [4, 1, 1, 1, 1, 1])  # (4 + 5) / 6 = 1.5, with the weights of its day
    ScoringCriterion.objects.filter(pk=grid(cohort)[0].pk).update(weight=3)
    weighted = review(application, [5, 1, 1, 1, 1, 1])  # (5×3 + 5×1) / (3 + 5) = 2.5

    means = dict(PreselectionReview.objects.with_weighted_mean().values_list("pk", "weighted_mean"))

    assert means == {weighted.pk: Decimal("2.5"), plain.pk: Decimal("1.5")}


def test_weighted_mean_without_scores_is_none(application):
    PreselectionReview.objects.create(application=application, reviewer=UserFactory(staff=True))

    assert PreselectionReview.objects.with_weighted_mean().get().weighted_mean is None


def test_summary_takes_each_scorecard_mean_once(cohort, application):
    ScoringCriterion.objects.filter(pk=grid(cohort)[0].pk).update(weight=3)
    review(application, [5, 1, 1, 1, 1, 1])  # 2.5
    review(application, [1, 1, 1, 1, 1, 1])  # 1

    assert summary(application, **ALL_STATISTICS) == {
        "mean": Decimal("1.75"),
        "median": Decimal("1.75"),
        "stddev": Decimal("0.75"),
        "spread": Decimal("1.5"),
    }


def test_summary_median_of_an_odd_count_is_the_middle_mean(application):
    for score in (0, 0, 5):
        review(application, [score] * 6)

    result = summary(application, **ALL_STATISTICS)

    assert (result["median"], result["spread"]) == (Decimal("0"), Decimal("5"))
    assert round(result["mean"], 3) == Decimal("1.667")


def test_summary_standard_deviation_is_the_population_one(application):
    for score in (0, 0, 0, 0, 5):
        review(application, [score] * 6)

    result = summary(application, **ALL_STATISTICS)

    assert result == {"mean": Decimal("1"), "median": Decimal("0"), "stddev": Decimal("2"), "spread": Decimal("5")}


def test_summary_of_an_object_nobody_scored_is_none(application):
    assert summary(application, **ALL_STATISTICS) == {"mean": None, "median": None, "stddev": None, "spread": None}


def test_criterion_means_are_per_object_and_criterion_label(cohort, application):
    other = ApplicationFactory(submitted=True, cohort=cohort)
    review(application, [5, 4, 3, 2, 1, 0])
    review(application, [4, 4, 4, 4, 4, 4])
    review(other, [0, 0, 0, 0, 0, 0])
    first, second = grid(cohort)[:2]

    means = criterion_means(PreselectionReview, [application.pk])

    assert (means[(application.pk, first.label)], means[(application.pk, second.label)]) == (Decimal("4.5"), 4)
    assert {subject for subject, _label in means} == {application.pk}


# --- The grid form ---------------------------------------------------------------------------------------


class NoteForm(ScorecardForm):
    grid_legend = "La grille"
    fieldsets = (("La note", ("note",)),)
    buttons = (("save", "Enregistrer"),)

    note = forms.CharField()

    def initial_values(self, scorecard) -> dict:
        return {"note": scorecard.assessment}

    def values(self) -> dict:
        return {"assessment": self.cleaned_data["note"]}


def test_scorecard_form_has_one_choice_per_criterion_on_its_scale_first(cohort):
    criteria = grid(cohort)

    form = NoteForm(criteria=criteria)

    assert list(form.fields) == [*(f"criterion_{criterion.pk}" for criterion in criteria), "note"]
    first = form.fields[f"criterion_{criteria[0].pk}"]
    assert (first.label, first.help_text) == (
        "Sens de l'intérêt général",
        "De 0 (le plus faible) à 5 (le meilleur).",
    )
    assert first.choices == [(score, str(score)) for score in range(6)]


def test_scorecard_form_shows_the_earlier_scorecard_and_gives_the_service_arguments(cohort, application):
    criteria = grid(cohort)
    earlier = review(application, [5, 4, 3, 2, 1, 0], assessment="Avant.")

    shown = NoteForm(criteria=criteria, scorecard=earlier)
    posted = NoteForm(
        {f"criterion_{criterion.pk}": "3" for criterion in criteria} | {"note": "Après."}, criteria=criteria
    )

    assert shown.initial == {
        **{f"criterion_{criterion.pk}": score for criterion, score in zip(criteria, [5, 4, 3, 2, 1, 0], strict=True)},
        "note": "Avant.",
    }
    assert posted.is_valid()
    assert posted.service_arguments() == {
        "scores": {criterion.pk: 3 for criterion in criteria},
        "assessment": "Après.",
    }


def test_scorecard_form_refuses_a_score_outside_the_scale(cohort):
    criteria = grid(cohort)
    data = {f"criterion_{criterion.pk}": "2" for criterion in criteria} | {"note": "Note."}
    data[f"criterion_{criteria[0].pk}"] = "6"

    form = NoteForm(data, criteria=criteria)

    assert form.errors == {f"criterion_{criteria[0].pk}": ["Sélectionnez un choix valide. 6 n’en fait pas partie."]}


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("3.667"), "3,67"), (Decimal("2.005"), "2,01"), (11 / 3, "3,67"), (Decimal("2.8"), "2,80"), (None, "—")],
)
def test_a_mean_is_shown_rounded_half_up_to_two_places(value, shown):
    assert score_display(value) == shown
