"""Programme staff's anonymous pre-selection: the review queue, the review page, the anonymised CV and
the ranking per profile.

Reviewers never see who applied: these pages, their URLs, file names and messages name an application by
its anonymous review code only (never its primary key nor the reference C-<cohort>-<id> that the admin
shows next to names), with its written answers and its anonymised CV, never the candidate's name, e-mail
address or named CV. On the review page a reviewer sees only their own review, not the other reviewers'
scores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import services
from applications.files import cv_response
from applications.forms import MARKDOWN_FIELDS
from applications.forms_review import SAVE_AND_NEXT, PreselectionReviewForm, ReviewScopeForm
from applications.models import Application, ApplicationStatus, PreselectionReview
from applications.permissions import REVIEWERS
from applications.selectors import (
    preselection_ranking,
    review_next,
    review_queue,
    reviewable_applications,
    reviews_by,
)
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.gate import gate

# The written answers reviewers read, in the order of the application form.
ANSWER_FIELDS = ["skills", "career_path", "motivation", "achievements", "links"]


# The heading of the queue's and the ranking's list: for the profile chosen, and for all profiles.
QUEUE_HEADINGS = (
    gettext_lazy("À évaluer — %(name)s, %(profile)s"),
    gettext_lazy("À évaluer — %(name)s, tous les profils"),
)
RANKING_HEADINGS = (gettext_lazy("%(name)s, %(profile)s"), gettext_lazy("%(name)s, tous les profils"))

# Signed-in programme staff only (others: 403), with two-factor authentication turned on, as for the
# admin (eig.gate).
reviewer_required = gate(
    REVIEWERS,
    second_factor_message=gettext_lazy(
        "Activez l'authentification à deux facteurs pour présélectionner les candidatures."
    ),
)


def _profile_from(request) -> str:
    """The profile the reviewer chose, carried in the query string (an unknown value means none)."""
    profile = request.GET.get("profile", "")
    return profile if profile in Profile.values else ""


def _review_url(application: Application, profile: str) -> str:
    url = reverse("review:application", args=[application.review_code])
    return f"{url}?{urlencode({'profile': profile})}" if profile else url


def _scope_url(url_name: str, cohort: Cohort | None, profile: str, **extra) -> str:
    """The queue or the ranking for the cohort and profile chosen."""
    query = {"cohort": cohort.number, "profile": profile} if cohort else {}
    query.update(extra)
    return f"{reverse(url_name)}?{urlencode(query)}" if query else reverse(url_name)


def _queue_url(cohort: Cohort, profile: str) -> str:
    return _scope_url("review:queue", cohort, profile)


def _scope_context(request, page_title: str, headings: tuple[str, str]) -> dict:
    """What a page of a cohort and a profile shows (templates/applications/review/scope_page.html): the
    chooser (the current cohort by default), the cohort and profile chosen, the page's title and the heading
    of its list (`headings`: naming the profile chosen, and for all profiles)."""
    form = ReviewScopeForm(request.GET or None, default_cohort=Cohort.objects.current())
    cohort, profile = form.scope()
    values = {"name": cohort.name, "profile": Profile(profile).label if profile else ""} if cohort else {}
    heading = headings[0] if profile else headings[1]
    return {
        "form": form,
        "cohort": cohort,
        "profile": profile,
        "page_title": page_title,
        "scope_heading": heading % values if cohort else "",
    }


@reviewer_required
def queue(request):
    """The submitted applications the reviewer has not reviewed yet, fewest reviews first, and their own reviews."""
    scope = _scope_context(request, _("Présélection des candidatures"), QUEUE_HEADINGS)
    cohort, profile = scope["cohort"], scope["profile"]
    applications, my_reviews = [], []
    if cohort is not None:
        applications = list(
            review_queue(cohort=cohort, reviewer=request.user, profile=profile).select_related("cohort")
        )
        my_reviews = list(reviews_by(reviewer=request.user, cohort=cohort, profile=profile))
    return render(
        request,
        "applications/review/queue.html",
        {
            **scope,
            "applications": applications,
            "my_reviews": my_reviews,
            "next_url": _review_url(applications[0], profile) if applications else "",
            "ranking_url": _scope_url("review:ranking", cohort, profile),
            "breadcrumb_data": {"current": _("Présélection")},
        },
    )


@reviewer_required
def application_review(request, code: str):
    """The written answers and the anonymised CV, and the reviewer's own review form (new, or theirs to revise)."""
    application = get_object_or_404(reviewable_applications(), review_code=code)
    profile = _profile_from(request)
    review = (
        PreselectionReview.objects.filter(application=application, reviewer=request.user)
        .prefetch_related("scores__criterion")
        .first()
    )
    can_review = application.status == ApplicationStatus.SUBMITTED
    form = None
    if can_review:
        criteria = PreselectionReview.grid_criteria(application.cohort)
        form = PreselectionReviewForm(request.POST or None, criteria=criteria, scorecard=review)
        if request.method == "POST" and form.is_valid():
            try:
                services.application_review(application=application, reviewer=request.user, **form.service_arguments())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Votre évaluation de la candidature %(reference)s est enregistrée.")
                    % {"reference": application.review_code},
                )
                if SAVE_AND_NEXT not in request.POST:
                    return redirect(_review_url(application, profile))
                following = review_next(cohort=application.cohort, reviewer=request.user, profile=profile)
                if following is None:
                    messages.info(request, _("Plus aucune candidature n'attend votre évaluation dans ce profil."))
                    return redirect(_queue_url(application.cohort, profile))
                return redirect(_review_url(following, profile))
    elif request.method == "POST":
        messages.error(request, _("Cette candidature est décidée : les évaluations ne sont plus modifiables."))
        return redirect(_review_url(application, profile))
    queue_url = _queue_url(application.cohort, profile)
    return render(
        request,
        "applications/review/application.html",
        {
            "page_title": _("Candidature %(reference)s") % {"reference": application.review_code},
            "application": application,
            "answers": [
                (Application._meta.get_field(name).verbose_name, getattr(application, name), name in MARKDOWN_FIELDS)
                for name in ANSWER_FIELDS
            ],
            "secondary_profiles": [
                Profile(value).label for value in application.secondary_profiles if value in Profile.values
            ],
            "seniority_band": _seniority_band(application),
            "scorecard": review,
            "form": form,
            "can_review": can_review,
            "profile": profile,
            "queue_url": queue_url,
            "breadcrumb_data": {
                "links": [{"url": queue_url, "title": _("Présélection")}],
                "current": application.review_code,
            },
        },
    )


def _seniority_band(application: Application) -> str:
    if application.years_of_experience is None:
        return ""
    if application.years_of_experience <= application.cohort.seniority_threshold_years:
        return _("Junior (jusqu'à %(years)s ans d'expérience)") % {
            "years": application.cohort.seniority_threshold_years
        }
    return _("Senior (plus de %(years)s ans d'expérience)") % {"years": application.cohort.seniority_threshold_years}


@reviewer_required
def anonymised_cv(request, code: str):
    """The anonymised CV, inline, to staff only; the named CV is never served here."""
    application = get_object_or_404(reviewable_applications(), review_code=code)
    response = cv_response(
        application,
        "anonymised_cv",
        reader=request.user,
        filename=f"{application.review_code}-cv-anonymise.pdf",
        missing_message=_("Cette candidature n'a pas de CV anonymisé."),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@reviewer_required
def ranking(request):
    """The cohort's submitted and decided applications of a profile by mean score, with the spread between
    reviewers (a large one flags a disagreement)."""
    scope = _scope_context(request, _("Classement de la présélection"), RANKING_HEADINGS)
    cohort, profile = scope["cohort"], scope["profile"]
    ascending = request.GET.get("order") == "asc"
    applications = (
        list(preselection_ranking(cohort=cohort, profile=profile, ascending=ascending)) if cohort is not None else []
    )
    queue_url = _scope_url("review:queue", cohort, profile)
    return render(
        request,
        "applications/review/ranking.html",
        {
            **scope,
            "applications": applications,
            "ascending": ascending,
            "sort_url": _scope_url("review:ranking", cohort, profile, order="desc" if ascending else "asc"),
            "queue_url": queue_url,
            "breadcrumb_data": {
                "links": [{"url": queue_url, "title": _("Présélection")}],
                "current": _("Classement"),
            },
        },
    )
