"""The shared scoring block: a scorecard is one person's assessment of one object (a challenge, an
application, later an audition) on a grid of the object's cohort (cohorts.models.ScoringCriterion),
with one score per criterion.

- `Scorecard` and `CriterionScore`, the abstract models a scorecard and its scores inherit;
- `scorecard_save`, the one service that records (or revises) a scorecard and replaces its scores;
- `ScorecardQuerySet.with_weighted_mean` and `scores_summary`, the one weighted-mean query: a
  scorecard's mean is Σ score × weight / Σ weight over its scores; an object's statistics (mean,
  median, standard deviation, spread) are taken over its scorecards' means, in the database;
- `criterion_means`, each criterion's plain mean per object, and `score_display`/`score_rounded`/
  `scores_html`, how means and scores are shown (two places on pages, rounded half up in exports).

docs/architecture.md ("The scoring block") says how a new scorecard plugs in."""

from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Aggregate, Avg, ExpressionWrapper, F, Max, Min, OuterRef, Q, StdDev, Subquery, Sum
from django.utils.formats import number_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from cohorts.models import GridStage, ScoringCriterion
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record

# Means are computed to three places and shown to two.
SCORE_FIELD = models.DecimalField(max_digits=6, decimal_places=3)
TWO_PLACES = Decimal("0.01")

# The statistics `scores_summary` takes over an object's scorecards.
MEAN, MEDIAN, STDDEV, SPREAD = "mean", "median", "stddev", "spread"


class Median(Aggregate):
    """The median (PostgreSQL's continuous percentile 0.5: the mean of the two middle values of an even
    count), as a decimal."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "(%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s))::numeric"
    output_field = SCORE_FIELD


STATISTICS = {
    MEAN: Avg,
    MEDIAN: Median,
    # The population's standard deviation: the scorers of an object are all its scorers, not a sample.
    STDDEV: lambda expression: StdDev(expression, sample=False),
    SPREAD: lambda expression: Max(expression) - Min(expression),
}


class ScorecardQuerySet(models.QuerySet):
    def with_weighted_mean(self) -> "ScorecardQuerySet":
        """Annotate each scorecard with `weighted_mean`: Σ score × weight / Σ weight over its scores (None
        without scores)."""
        return self.annotate(weighted_mean=weighted_mean(self.model))


class Scorecard(models.Model):
    """One person's assessment of one object on the grid of the object's cohort for `grid_stage`.

    A concrete scorecard declares which of its foreign keys is the object scored (`subject_field`, whose
    model has a `cohort`) and which the person (`scorer_field`), with a unique constraint on the two; its
    score model (a `CriterionScore`) points to it with related_name="scores"."""

    grid_stage: ClassVar[GridStage]
    subject_field: ClassVar[str]
    scorer_field: ClassVar[str]

    created_at = models.DateTimeField(gettext_lazy("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("modifiée le"), auto_now=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.subject_field)} — {getattr(self, self.scorer_field)}"

    @classmethod
    def score_model(cls) -> type["CriterionScore"]:
        return cls._meta.get_field("scores").related_model

    @classmethod
    def score_scorecard_field(cls) -> str:
        """The name of the score model's foreign key to the scorecard."""
        return cls._meta.get_field("scores").field.name

    @classmethod
    def grid_criteria(cls, cohort) -> list[ScoringCriterion]:
        """The criteria of the cohort's grid for this scorecard, in the grid's order."""
        return list(ScoringCriterion.objects.for_stage(cohort, cls.grid_stage))

    def sorted_scores(self) -> list["CriterionScore"]:
        """The scores in the grid's order (reads the prefetched `scores__criterion`)."""
        return sorted(self.scores.all(), key=lambda score: score.criterion.position)


class CriterionScore(models.Model):
    """A score on one criterion. The criterion's scale and weight are copied here, so that PostgreSQL
    itself refuses a score outside the scale (`score_constraints`) and a later change of the grid does
    not change the scores already given."""

    criterion = models.ForeignKey(
        "cohorts.ScoringCriterion", verbose_name=gettext_lazy("critère"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(gettext_lazy("note"))
    min_score = models.PositiveSmallIntegerField()
    max_score = models.PositiveSmallIntegerField()
    weight = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        abstract = True
        verbose_name = gettext_lazy("note")
        verbose_name_plural = gettext_lazy("notes")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

    @classmethod
    def on_criterion(cls, criterion: ScoringCriterion, score: int, **scorecard) -> "CriterionScore":
        """A score on `criterion`, its scale and weight copied (`scorecard`: the foreign key to the card)."""
        return cls(
            criterion=criterion,
            score=score,
            min_score=criterion.min_score,
            max_score=criterion.max_score,
            weight=criterion.weight,
            **scorecard,
        )


def one_scorecard_per_scorer(*, subject_field: str, scorer_field: str, name: str, message: str):
    """A scorecard model's constraint: one scorecard per scorer and object scored."""
    return models.UniqueConstraint(fields=[subject_field, scorer_field], name=name, violation_error_message=message)


def scorecard_foreign_key(scorecard_model: type[Scorecard]) -> models.ForeignKey:
    """A score model's foreign key to its scorecard (which reads its scores as `scores`)."""
    return models.ForeignKey(
        scorecard_model, verbose_name=gettext_lazy("évaluation"), on_delete=models.CASCADE, related_name="scores"
    )


def score_constraints(*, scorecard_field: str, prefix: str) -> list[models.BaseConstraint]:
    """A score model's constraints, named `<prefix>_one_per_criterion` and `<prefix>_within_scale`."""
    return [
        models.UniqueConstraint(
            fields=[scorecard_field, "criterion"],
            name=f"{prefix}_one_per_criterion",
            violation_error_message=gettext_lazy("Ce critère est déjà noté dans cette évaluation."),
        ),
        models.CheckConstraint(
            condition=Q(score__gte=F("min_score"), score__lte=F("max_score")),
            name=f"{prefix}_within_scale",
            violation_error_message=gettext_lazy("La note doit être comprise dans l'échelle du critère."),
        ),
    ]


# --- The service ----------------------------------------------------------------------------------


@transaction.atomic
def scorecard_save(
    *,
    model: type[Scorecard],
    subject,
    scorer,
    scores: dict[int, int],
    comments: dict[int, str] | None = None,
    **values,
) -> Scorecard:
    """Record (or revise) `scorer`'s scorecard of `subject`: its own `values` (comment, opinion…) and a
    score for every criterion of the grid (`scores`: criterion pk → score), which replace the earlier
    ones. `comments` (criterion pk → text, a criterion left out has none), for a score model with a
    `comment` field (the auditions'): each score's comment. A score outside its criterion's scale is
    refused by PostgreSQL (the `…_within_scale` constraint), which rolls the whole save back."""
    criteria = model.grid_criteria(subject.cohort)
    if {criterion.pk for criterion in criteria} != set(scores):
        raise ValidationError(_("Chaque critère de la grille doit recevoir une note."))
    comments = comments or {}
    before = _scorecard_state(
        model.objects.filter(**{model.subject_field: subject, model.scorer_field: scorer})
        .select_for_update(of=("self",))
        .first(),
        values,
    )
    scorecard, created = model.objects.update_or_create(
        **{model.subject_field: subject, model.scorer_field: scorer}, defaults=values
    )
    scorecard.scores.all().delete()
    score_model = model.score_model()
    score_model.objects.bulk_create(
        score_model.on_criterion(
            criterion,
            scores[criterion.pk],
            **{model.score_scorecard_field(): scorecard},
            **({"comment": comments.get(criterion.pk, "")} if comments else {}),
        )
        for criterion in criteria
    )
    after = {
        "values": {name: getattr(scorecard, name) for name in values},
        "scores": {criterion.pk: scores[criterion.pk] for criterion in criteria},
        "comments": {criterion.pk: comments.get(criterion.pk, "") for criterion in criteria} if comments else {},
    }
    _scorecard_record(scorecard, subject=subject, scorer=scorer, criteria=criteria, before=before, after=after)
    return scorecard


# --- The audit trail's row of a saved scorecard -------------------------------------------------------


def _scorecard_state(scorecard: Scorecard | None, values: dict) -> dict | None:
    """What a scorecard held before a save (None for a new one): its `values`, scores and score comments."""
    if scorecard is None:
        return None
    scores = list(scorecard.scores.all())
    has_comments = any(field.name == "comment" for field in scorecard.score_model()._meta.concrete_fields)
    return {
        "values": {name: getattr(scorecard, name) for name in values},
        "scores": {score.criterion_id: score.score for score in scores},
        "comments": {score.criterion_id: score.comment for score in scores} if has_comments else {},
    }


def _is_free_text(model: type[Scorecard], name: str) -> bool:
    field = model._meta.get_field(name)
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _scorecard_record(scorecard: Scorecard, *, subject, scorer, criteria, before: dict | None, after: dict) -> None:
    """One row of the audit trail per saved scorecard (eig.audit): created or changed, each criterion's
    score before and after, the other values before and after when they are numbers or choices; of what
    people wrote (comments, assessments) only whether it changed, never the text."""
    model = type(scorecard)
    old = before or {"values": {}, "scores": {}, "comments": {}}
    changed_values, texts = {}, []
    for name, value in after["values"].items():
        previous = old["values"].get(name)
        if _is_free_text(model, name):
            if before is None or previous != value:
                texts.append(name)
        elif before is None or previous != value:
            changed_values[name] = {"before": previous, "after": value}
    comment_criteria = [pk for pk, text in after["comments"].items() if old["comments"].get(pk, "") != text]
    scores = [
        {"criterion": criterion.pk, "before": old["scores"].get(criterion.pk), "after": after["scores"][criterion.pk]}
        for criterion in criteria
    ]
    changed_scores = sum(1 for score in scores if score["before"] != score["after"])
    params = {"object": object_label(subject), "scorecard": model._meta.verbose_name, "pk": scorecard.pk}
    if before is None:
        summary = in_site_language(gettext_lazy("%(object)s : %(scorecard)s n°%(pk)s créée"), **params)
    else:
        details = []
        if changed_scores:
            details.append(
                in_site_language(
                    ngettext_lazy("%(count)s note changée", "%(count)s notes changées", "count"), count=changed_scores
                )
            )
        if changed_values:
            details.append(in_site_language(gettext_lazy("avis modifié")))
        if texts or comment_criteria:
            details.append(in_site_language(gettext_lazy("commentaire modifié")))
        summary = in_site_language(
            gettext_lazy("%(object)s : %(scorecard)s n°%(pk)s modifiée (%(details)s)"),
            details=", ".join(details) or in_site_language(gettext_lazy("rien de changé")),
            **params,
        )
    record(
        AuditAction.SCORE,
        summary=summary,
        target=subject,
        data={
            "scorecard": model._meta.label_lower,
            "scorecard_id": scorecard.pk,
            "created": before is None,
            "scores": scores,
            "values": changed_values,
            "texts_changed": texts,
            "comments_changed": comment_criteria,
        },
        actor=scorer,
    )


# --- The weighted-mean query ----------------------------------------------------------------------


def weighted_mean(model: type[Scorecard]) -> Subquery:
    """A scorecard's weighted mean, Σ score × weight / Σ weight over its scores, for annotating scorecards."""
    field = model.score_scorecard_field()
    return Subquery(
        model.score_model()
        .objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(value=ExpressionWrapper(Sum(F("score") * F("weight")) / Sum("weight"), output_field=SCORE_FIELD))
        .values("value"),
        output_field=SCORE_FIELD,
    )


def scores_summary(model: type[Scorecard], **statistics: str) -> dict[str, Subquery]:
    """Annotations for the scored objects (challenges, applications…): each keyword names an annotation
    and the statistic it takes over the object's scorecards' weighted means, each scorecard counting
    once: MEAN, MEDIAN, STDDEV or SPREAD (highest minus lowest). None for an object nobody scored.

    One subquery each, no join and GROUP BY: a page of a long list does not work out every object's."""
    scorecards = model.objects.filter(**{model.subject_field: OuterRef("pk")}).with_weighted_mean().order_by()
    return {
        name: Subquery(
            scorecards.values(model.subject_field)
            .annotate(value=STATISTICS[statistic]("weighted_mean"))
            .values("value"),
            output_field=SCORE_FIELD,
        )
        for name, statistic in statistics.items()
    }


def criterion_means(model: type[Scorecard], subjects) -> dict[tuple[int, str], Decimal]:
    """Each criterion's plain mean score per object of `subjects` (pks), by (object pk, criterion label)."""
    subject = f"{model.score_scorecard_field()}__{model.subject_field}"
    rows = (
        model.score_model()
        .objects.filter(**{f"{subject}__in": subjects})
        .values(subject, "criterion__label")
        .annotate(mean=Avg("score"))
        .order_by()
    )
    return {(row[subject], row["criterion__label"]): row["mean"] for row in rows}


# --- How scores are shown ---------------------------------------------------------------------------


def score_display(value) -> str:
    """A mean as pages and the admin show it: rounded half up to two places (Django's number_format alone
    would cut 3.667 to « 3,66 »), in the active language's format, « — » for none."""
    return "—" if value is None else number_format(score_rounded(value), 2)


def score_rounded(value) -> Decimal | None:
    """A mean as the exports write it: a decimal rounded half up to two places."""
    return None if value is None else Decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def scores_html(scorecard: Scorecard) -> str:
    """The scorecard's scores in the grid's order, one « label : score/max » line each (for the admin)."""
    return format_html_join(
        "\n",
        "<div>{} : {}/{}</div>",
        ((score.criterion.label, score.score, score.max_score) for score in scorecard.sorted_scores()),
    )
