"""The reads of the deliberation pages: the deliberations a user may open, and a deliberation's table —
each candidate auditioned with the statistics of their scorecards (cohorts.scoring.scores_summary),
opinions, coups de cœur, the jury's decision, and each juror's mean normalised per juror.

The normalised score of a juror's scorecard is the z-score of its weighted mean among every weighted
mean that juror gave in the cohort's active auditions: (mean − the juror's average) / the juror's
standard deviation (population's). A juror who gave one mean only, or the same mean everywhere, has no
normalised score. It is shown to compare severe and lenient jurors, never used to rank: a juror scores a
handful of files only."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from auditions.deliberation import current_cohorts, deliberation_auditions
from auditions.models import AuditionScorecard, AuditionStatus, Deliberation, Opinion
from challenges.models import Challenge
from cohorts.scoring import MEAN, MEDIAN, SPREAD, STDDEV, scores_summary
from eig.models import Role
from eig.permissions import has_role


def deliberations_visible_to(user):
    """The deliberations of the current cohorts: every one for staff and the director, those of the
    challenges of the juries they sit on for a juror."""
    deliberations = Deliberation.objects.filter(challenge__cohort__in=current_cohorts())
    if not (has_role(user, Role.STAFF) or has_role(user, Role.DIRECTOR)):
        deliberations = deliberations.filter(
            challenge__in=Challenge.objects.filter(juries__members__user=user).values("pk")
        )
    return (
        deliberations.select_related("challenge__cohort")
        .annotate(decision_count=Count("entries", distinct=True))
        .order_by("challenge__cohort__number", "challenge__name", "profile")
    )


@dataclass
class JurorScore:
    juror: object
    mean: Decimal | None
    normalised: float | None

    @property
    def normalised_display(self) -> str:
        """« +1,00 », « −0,50 », or « non normalisable » (one mean only, or always the same)."""
        if self.normalised is None:
            return _("non normalisable")
        sign = "+" if self.normalised >= 0 else "−"
        return f"{sign}{number_format(abs(self.normalised), 2)}"


@dataclass
class Row:
    """One candidate of the deliberation's table."""

    audition: object
    entry: object = None
    juror_scores: list[JurorScore] = field(default_factory=list)
    # For the page: the viewer recused from this candidate (no statistics, no decision), its form.
    recused: bool = False
    form: object = None

    @property
    def application(self):
        return self.audition.application


def _zscores(means_by_juror: dict[int, dict[int, Decimal]]) -> dict[tuple[int, int], float]:
    """(juror id, audition id) → the z-score of that mean among the juror's means."""
    zscores = {}
    for juror_id, means in means_by_juror.items():
        values = [float(value) for value in means.values()]
        if len(values) < 2:
            continue
        average, deviation = statistics.fmean(values), statistics.pstdev(values)
        if deviation == 0:
            continue
        for audition_id, value in means.items():
            zscores[juror_id, audition_id] = (float(value) - average) / deviation
    return zscores


def deliberation_table(deliberation: Deliberation) -> list[Row]:
    """The deliberation's candidates, best mean first, with their statistics and each juror's mean and
    normalised score (a fixed number of queries, whatever the number of candidates)."""
    auditions = list(
        deliberation_auditions(deliberation)
        .select_related("application__candidate", "jury")
        .annotate(
            **scores_summary(AuditionScorecard, mean_score=MEAN, median=MEDIAN, stddev=STDDEV, spread=SPREAD),
            scorecard_count=Count("scorecards", distinct=True),
            favourable_count=Count("scorecards", filter=Q(scorecards__opinion=Opinion.FAVOURABLE), distinct=True),
            reserved_count=Count("scorecards", filter=Q(scorecards__opinion=Opinion.RESERVED), distinct=True),
            unfavourable_count=Count("scorecards", filter=Q(scorecards__opinion=Opinion.UNFAVOURABLE), distinct=True),
            favourite_count=Count("scorecards", filter=Q(scorecards__favourite=True), distinct=True),
        )
        .order_by(F("mean_score").desc(nulls_last=True), "application__candidate__last_name", "pk")
    )
    audition_ids = [audition.pk for audition in auditions]
    scorecards = list(
        AuditionScorecard.objects.filter(
            juror__in=AuditionScorecard.objects.filter(audition__in=audition_ids).values("juror"),
            audition__application__cohort=deliberation.challenge.cohort_id,
        )
        .exclude(audition__status=AuditionStatus.CANCELLED)
        .with_weighted_mean()
        .select_related("juror")
        .order_by("juror__last_name", "juror__first_name", "juror_id")
    )
    means_by_juror = defaultdict(dict)
    for scorecard in scorecards:
        means_by_juror[scorecard.juror_id][scorecard.audition_id] = scorecard.weighted_mean
    zscores = _zscores(means_by_juror)
    entries = {entry.application_id: entry for entry in deliberation.entries.all()}
    rows = {audition.pk: Row(audition=audition, entry=entries.get(audition.application_id)) for audition in auditions}
    for scorecard in scorecards:
        if scorecard.audition_id in rows:
            rows[scorecard.audition_id].juror_scores.append(
                JurorScore(
                    scorecard.juror,
                    scorecard.weighted_mean,
                    zscores.get((scorecard.juror_id, scorecard.audition_id)),
                )
            )
    return list(rows.values())
