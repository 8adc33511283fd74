"""The challenges with their evaluation scores, for staff: CSV (streamed) and XLSX.

One row per challenge: cohort, name, administration, status, the mean score on each criterion of
the challenge grid, the weighted mean, the number of evaluations, favourable opinions and coups de
cœur, the positions' profiles and the city. The queries do not grow with the number of rows."""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import Challenge, ChallengeEvaluation, ChallengeStatus
from challenges.selectors import challenges_with_evaluation_summary
from cohorts.models import GridStage, ScoringCriterion
from cohorts.scoring import criterion_means, score_rounded
from eig.exports import csv_response as tabular_csv
from eig.exports import xlsx_response as tabular_xlsx


def export_table(challenges: QuerySet[Challenge]) -> tuple[list[str], list[list]]:
    """The header and the rows (plain values: str, int, Decimal or None) of the export of `challenges`."""
    if "mean_score" not in challenges.query.annotations:
        challenges = challenges_with_evaluation_summary(challenges)
    challenges = list(challenges.select_related("cohort", "administration").prefetch_related("positions"))
    pks = [challenge.pk for challenge in challenges]
    # The criteria columns: every label of the grids of the cohorts exported, in the grids' order.
    labels = list(
        dict.fromkeys(
            ScoringCriterion.objects.filter(
                stage=GridStage.CHALLENGE_SELECTION, cohort__in={challenge.cohort_id for challenge in challenges}
            )
            .order_by("position", "label")
            .values_list("label", flat=True)
        )
    )
    means = criterion_means(ChallengeEvaluation, pks)
    header = [
        _("Promotion"),
        _("Défi"),
        _("Administration"),
        _("Statut"),
        *labels,
        _("Moyenne pondérée"),
        _("Nombre d'évaluations"),
        _("Avis favorables"),
        _("Coups de cœur"),
        _("Postes (profils)"),
        _("Ville"),
    ]
    rows = [
        [
            challenge.cohort.name,
            challenge.name,
            str(challenge.administration),
            str(ChallengeStatus(challenge.status).label),
            *(score_rounded(means.get((challenge.pk, label))) for label in labels),
            score_rounded(challenge.mean_score),
            challenge.evaluation_count,
            challenge.favourable_count,
            challenge.favourite_count,
            ", ".join(str(position.get_profile_display()) for position in challenge.positions.all()),
            challenge.work_city,
        ]
        for challenge in challenges
    ]
    return header, rows


def export_filename(extension: str, now: dt.datetime | None = None) -> str:
    return f"defis-evaluations-{timezone.localdate(now or timezone.now()).isoformat()}.{extension}"


# What the export holds, as the audit trail says it (eig.exports.export_record).
EXPORT_WHAT = gettext_lazy("les défis et leurs évaluations")


def csv_response(challenges: QuerySet[Challenge]) -> StreamingHttpResponse:
    header, rows = export_table(challenges)
    return tabular_csv(header, rows, filename=export_filename("csv"), audit=EXPORT_WHAT)


def xlsx_response(challenges: QuerySet[Challenge]) -> HttpResponse:
    header, rows = export_table(challenges)
    return tabular_xlsx(header, rows, filename=export_filename("xlsx"), sheet=_("Défis"), audit=EXPORT_WHAT)
