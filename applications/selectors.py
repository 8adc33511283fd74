"""Reads across models: completeness, the anonymous review queue, the ranking, wishable challenges."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationStatus, PreselectionReview, Wish
from challenges.models import Challenge
from cohorts.limits import MAX_WISHES, MIN_WISHES, range_text
from cohorts.models import Cohort
from cohorts.scoring import MEAN, SPREAD, scores_summary
from cohorts.windows import Step
from eig.forms_messages import field_to_fill_message

STATEMENTS = ["not_civil_servant", "not_juror_or_expert", "not_current_fellow", "data_consent"]
CV_FIELDS = ("cv", "anonymised_cv")
# Everything a submitted application must have, in the order of the form's steps and of each step's fields
# (tests/applications/test_candidate_selectors.py holds it to applications.forms.STEPS).
SUBMISSION_ORDER = [
    "profile",
    "years_of_experience",
    "career_path",
    "motivation",
    "achievements",
    "relocation",
    "heard_from",
    *CV_FIELDS,
    *STATEMENTS,
]
# What `application_missing_fields` names when the candidate's account has no name: it is filled in on the
# person's identity page, not in the form.
IDENTITY = "identity"


def _missing_message(application: Application, field_name: str) -> str:
    """Why `field_name` prevents submission, in French, or an empty string when it is filled."""
    if field_name == "years_of_experience":
        return (
            _("Indiquez vos années d'expérience professionnelle.") if application.years_of_experience is None else ""
        )
    label = application._meta.get_field(field_name).verbose_name
    if field_name in CV_FIELDS:
        return "" if getattr(application, field_name) else _("Déposez votre %(label)s.") % {"label": label}
    if field_name in STATEMENTS:
        if getattr(application, field_name):
            return ""
        return _("Attestation à cocher : « %(label)s ».") % {"label": str(label).capitalize()}
    return "" if str(getattr(application, field_name) or "").strip() else field_to_fill_message(label)


def application_missing_fields(application: Application) -> list[tuple[str, str]]:
    """What still prevents submission, as (field name, French message) pairs: the candidate's name first
    (`IDENTITY`, when their account has none), then in the order of the form (the candidate's pages link
    each message to the step that holds its field). Empty when complete."""
    missing = []
    if application.candidate_id and not application.candidate.has_name:
        missing.append((IDENTITY, _("Indiquez votre nom.")))
    for field_name in SUBMISSION_ORDER:
        if message := _missing_message(application, field_name):
            missing.append((field_name, message))
    return missing


def application_missing_items(application: Application) -> list[str]:
    """What still prevents submission, in French, in the order of the form. Empty when complete."""
    return [message for _field, message in application_missing_fields(application)]


def applications_with_review_summary(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate with review_count, mean_score (mean of the reviewers' weighted means) and spread
    (highest minus lowest reviewer mean: a large spread flags a disagreement)."""
    review_count = Subquery(
        PreselectionReview.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(count=Count("pk"))
        .values("count"),
        output_field=IntegerField(),
    )
    # Subqueries only, no join and GROUP BY: a page of a list sorted otherwise than by score, and a count,
    # do not work out every application's summary (the admin lists 100,000 applications in well under a second).
    return queryset.annotate(
        review_count=Coalesce(review_count, Value(0)),
        **scores_summary(PreselectionReview, mean_score=MEAN, spread=SPREAD),
    )


def left_to_review(reviewer) -> Q:
    """The applications `reviewer` still has to review: submitted, and not reviewed by them yet. `reviewer`
    is a user, a user's id, or an expression resolved in the reviews' subquery (`OuterRef(OuterRef("pk"))`
    for the users of an outer query). The review queue, the admin's « pas encore relue par » filter and
    the staff dashboard's count read this one condition."""
    reviewed = PreselectionReview.objects.filter(application=OuterRef("pk"), reviewer=reviewer)
    return Q(status=ApplicationStatus.SUBMITTED) & ~Q(Exists(reviewed))


def reviewers(cohort) -> QuerySet:
    """Who reviews the cohort's applications: the active programme staff accounts, and anyone who already
    reviewed one of them (a former staff member included), by name."""
    # `pk IN (…)`, not a correlated EXISTS: PostgreSQL hashes the few reviewers once instead of probing the
    # reviews for every account (candidates included).
    reviewed = PreselectionReview.objects.filter(application__cohort=cohort).values("reviewer")
    return (
        get_user_model()
        .objects.filter(Q(is_active=True, is_staff=True) | Q(pk__in=reviewed))
        .order_by("last_name", "first_name", "email", "pk")
    )


def reviewers_left_to_review(cohort) -> QuerySet:
    """The cohort's reviewers who have applications left to review, each with `left` (how many), in
    one query."""
    left = (
        Application.objects.filter(cohort=cohort)
        .filter(left_to_review(OuterRef(OuterRef("pk"))))
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        reviewers(cohort)
        .annotate(left=Coalesce(Subquery(left, output_field=IntegerField()), Value(0)))
        .filter(left__gt=0)
    )


def review_queue(*, cohort, reviewer, profile: str = "") -> QuerySet[Application]:
    """Submitted applications the reviewer has not reviewed yet, fewest reviews first."""
    queryset = (
        Application.objects.filter(cohort=cohort)
        .filter(left_to_review(reviewer))
        .annotate(review_count=Count("reviews", distinct=True))
        .order_by("review_count", "submitted_at", "pk")
    )
    if profile:
        queryset = queryset.filter(profile=profile)
    return queryset


def review_next(*, cohort, reviewer, profile: str = "") -> Application | None:
    return review_queue(cohort=cohort, reviewer=reviewer, profile=profile).first()


# The statuses an application has once submitted, while pre-selection is running or decided: the ones
# reviewers read and the ranking lists.
REVIEWABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.PRESELECTED,
    ApplicationStatus.NOT_PRESELECTED,
)
# Reviewers' means further apart than this (points on the grid's scale) flag a disagreement.
DISAGREEMENT_SPREAD = Decimal("1.5")


def reviewable_applications() -> QuerySet[Application]:
    """Submitted or decided applications, with their cohort (their reference needs its number)."""
    return Application.objects.filter(status__in=REVIEWABLE_STATUSES).select_related("cohort")


def preselection_ranking(*, cohort, profile: str = "", ascending: bool = False) -> QuerySet[Application]:
    """The cohort's submitted or decided applications (of one profile, if given) with their review summary
    and a `disagreement` flag, by mean score (those nobody reviewed yet last)."""
    queryset = reviewable_applications().filter(cohort=cohort)
    if profile:
        queryset = queryset.filter(profile=profile)
    mean = F("mean_score")
    return (
        applications_with_review_summary(queryset)
        .annotate(disagreement=ExpressionWrapper(Q(spread__gte=DISAGREEMENT_SPREAD), output_field=BooleanField()))
        .order_by(mean.asc(nulls_last=True) if ascending else mean.desc(nulls_last=True), "pk")
    )


def application_status_counts(queryset: QuerySet[Application]) -> list[tuple[str, int]]:
    """How many of `queryset` (filtered, searched, annotated…) hold each status: (label, count) in the
    lifecycle's order, in one query."""
    counts = queryset.order_by().aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in ApplicationStatus}
    )
    return [(status.label, counts[status.value]) for status in ApplicationStatus]


def reviews_by(*, reviewer, cohort, profile: str = "") -> QuerySet[PreselectionReview]:
    """The reviewer's own reviews in the cohort (one profile, if given), latest first."""
    queryset = PreselectionReview.objects.filter(reviewer=reviewer, application__cohort=cohort).select_related(
        "application__cohort"
    )
    if profile:
        queryset = queryset.filter(application__profile=profile)
    return queryset.order_by("-updated_at", "pk")


def wishable_challenges(*, application: Application, now: dt.datetime) -> QuerySet[Challenge]:
    """The cohort's revealed challenges with a position for the candidate's profile."""
    return (
        Challenge.objects.revealed(now)
        .filter(cohort=application.cohort, positions__profile=application.profile)
        .distinct()
        .select_related("administration")
        .order_by("name")
    )


# --- The candidate's side: their application, what comes next, their wishes -------------------------


def application_of(*, candidate, cohort: Cohort) -> Application | None:
    """The candidate's application to the cohort, if they have started one."""
    if not candidate.is_authenticated:
        return None
    return Application.objects.filter(candidate=candidate, cohort=cohort).select_related("cohort", "candidate").first()


@dataclass(frozen=True)
class SalaryBand:
    years_of_experience: int
    senior: bool
    threshold_years: int
    monthly_salary: int


def application_salary_band(*, cohort: Cohort, years_of_experience: int | None) -> SalaryBand | None:
    """The seniority band and the net monthly salary that the experience gives in this cohort."""
    if years_of_experience is None:
        return None
    return SalaryBand(
        years_of_experience=years_of_experience,
        senior=years_of_experience > cohort.seniority_threshold_years,
        threshold_years=cohort.seniority_threshold_years,
        monthly_salary=cohort.salary_for(years_of_experience),
    )


@dataclass(frozen=True)
class NextStep:
    """What the candidate should expect or do next, in French, with the date it depends on. `action`
    names the candidate's page to go to ("edit", "wishes"), if there is something to do."""

    text: str
    date: dt.datetime
    action: str = ""


def application_next_step(*, application: Application, now: dt.datetime) -> NextStep | None:
    """The next step of the application's journey, from its status and the cohort's calendar windows
    (None once there is none: not pre-selected, withdrawn)."""
    cohort = application.cohort
    status = application.status
    call = cohort.window(Step.CANDIDATES_CALL)
    if status == ApplicationStatus.DRAFT:
        if not call.has_closed(now):
            return NextStep(
                _("Complétez puis déposez votre candidature jusqu'au %(date)s.") % {"date": call.deadline_display},
                call.deadline,
                "edit",
            )
        return NextStep(
            _("L'appel à candidatures est clos : sa date limite était le %(date)s. Ce brouillon n'a pas été déposé.")
            % {"date": call.deadline_display},
            call.deadline,
        )
    if status == ApplicationStatus.SUBMITTED:
        preselection = cohort.window(Step.PRESELECTION)
        results = _("Résultats de la présélection le %(date)s.") % {"date": preselection.deadline_display}
        if not call.has_closed(now):
            editable = _("Vous pouvez la modifier et la déposer à nouveau jusqu'au %(date)s.") % {
                "date": call.deadline_display
            }
            return NextStep(f"{results} {editable}", preselection.deadline, "edit")
        return NextStep(results, preselection.deadline)
    if status == ApplicationStatus.PRESELECTED:
        wishes = cohort.window(Step.WISHES)
        if not wishes.has_opened(now):
            return NextStep(
                _("Classez vos vœux du %(start)s au %(end)s.")
                % {"start": wishes.opens_display, "end": wishes.deadline_display},
                wishes.opens_at,
            )
        if wishes.is_open(now):
            return NextStep(
                _("Classez %(range)s défis jusqu'au %(date)s.")
                % {"range": range_text(MIN_WISHES, MAX_WISHES), "date": wishes.deadline_display},
                wishes.deadline,
                "wishes",
            )
        auditions = cohort.window(Step.AUDITIONS)
        return NextStep(
            _("Auditions du %(start)s au %(end)s.")
            % {"start": auditions.opens_display, "end": auditions.deadline_display},
            auditions.opens_at,
        )
    return None


def application_wishes(application: Application) -> list[Wish]:
    """The candidate's wishes in rank order, with what the wishes page shows of each challenge."""
    return list(application.wishes.select_related("challenge__administration").order_by("rank"))
