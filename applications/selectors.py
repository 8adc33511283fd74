"""Reads across models: completeness, the anonymous review queue, the ranking, wishable challenges."""

import datetime as dt

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationStatus, PreselectionReview, ReviewScore
from challenges.models import Challenge

REQUIRED_FIELDS = [
    "profile",
    "career_path",
    "motivation",
    "achievements",
    "relocation",
    "heard_from",
]
STATEMENTS = ["not_civil_servant", "not_juror_or_expert", "not_current_fellow", "data_consent"]


def application_missing_items(application: Application) -> list[str]:
    """What still prevents submission, in French, in the order of the form. Empty when complete."""
    missing = []
    for field_name in REQUIRED_FIELDS:
        if not str(getattr(application, field_name) or "").strip():
            label = application._meta.get_field(field_name).verbose_name
            missing.append(_("Champ à remplir : %(label)s.") % {"label": str(label).capitalize()})
    if application.years_of_experience is None:
        missing.append(_("Indiquez vos années d'expérience professionnelle."))
    for field_name in ("cv", "anonymised_cv"):
        if not getattr(application, field_name):
            label = application._meta.get_field(field_name).verbose_name
            missing.append(_("Déposez votre %(label)s.") % {"label": label})
    for field_name in STATEMENTS:
        if not getattr(application, field_name):
            label = application._meta.get_field(field_name).verbose_name
            missing.append(_("Attestation à cocher : « %(label)s ».") % {"label": str(label).capitalize()})
    return missing


def _review_means() -> Subquery:
    """Each review's weighted mean, for annotating reviews."""
    return Subquery(
        ReviewScore.objects.filter(review=OuterRef("pk"))
        .values("review")
        .annotate(
            value=ExpressionWrapper(
                Sum(F("score") * F("weight")) / Sum("weight"),
                output_field=DecimalField(max_digits=6, decimal_places=3),
            )
        )
        .values("value"),
        output_field=DecimalField(max_digits=6, decimal_places=3),
    )


def applications_with_review_summary(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate with review_count, mean_score (mean of the reviewers' weighted means) and spread
    (highest minus lowest reviewer mean: a large spread flags a disagreement)."""
    reviews = PreselectionReview.objects.filter(application=OuterRef("pk")).annotate(mean=_review_means())

    def aggregate(function, name):
        return Subquery(
            reviews.values("application").annotate(**{name: function("mean")}).values(name),
            output_field=DecimalField(max_digits=6, decimal_places=3),
        )

    return queryset.annotate(
        review_count=Count("reviews", distinct=True),
        mean_score=aggregate(Avg, "avg"),
        spread=aggregate(Max, "high") - aggregate(Min, "low"),
    )


def review_queue(*, cohort, reviewer, profile: str = "") -> QuerySet[Application]:
    """Submitted applications the reviewer has not reviewed yet, fewest reviews first."""
    queryset = (
        Application.objects.filter(cohort=cohort, status=ApplicationStatus.SUBMITTED)
        .exclude(reviews__reviewer=reviewer)
        .annotate(review_count=Count("reviews", distinct=True))
        .order_by("review_count", "submitted_at", "pk")
    )
    if profile:
        queryset = queryset.filter(profile=profile)
    return queryset


def review_next(*, cohort, reviewer, profile: str = "") -> Application | None:
    return review_queue(cohort=cohort, reviewer=reviewer, profile=profile).first()


def wishable_challenges(*, application: Application, now: dt.datetime) -> QuerySet[Challenge]:
    """The cohort's revealed challenges with a position for the candidate's profile."""
    return (
        Challenge.objects.revealed(now)
        .filter(cohort=application.cohort, positions__profile=application.profile)
        .distinct()
        .select_related("administration")
        .order_by("name")
    )
