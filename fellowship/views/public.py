"""The public cohort pages, open to everyone: a cohort's teams and their repositories once its results are
out (404 before), and the archive of every such cohort. What is public is decided by
fellowship.selectors_public: never an e-mail, never a fellow who did not agree to appear."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fellowship.selectors_public import cohort_public_get, cohort_public_teams, cohorts_archive


def archive_breadcrumb(current: str, *links: dict) -> dict:
    return {"links": [{"url": reverse("catalogue:list"), "title": _("Les défis")}, *links], "current": current}


def cohort_public(request, number: int):
    """A cohort's page: its name, its programme dates, each challenge that has fellows with its team and
    repositories."""
    cohort = cohort_public_get(number=number, now=timezone.now())
    if cohort is None:
        raise Http404(_("Cette promotion n'existe pas ou ses résultats ne sont pas encore publiés."))
    archive = {"url": reverse("fellowship:public_archive"), "title": _("Les promotions")}
    return render(
        request,
        "fellowship/public/cohort.html",
        {
            "cohort": cohort,
            "teams": list(cohort_public_teams(cohort)),
            "breadcrumb_data": archive_breadcrumb(cohort.name, archive),
        },
    )


def public_archive(request):
    """Every cohort whose results are out, newest first, with its figures."""
    return render(
        request,
        "fellowship/public/archive.html",
        {
            "cohorts": list(cohorts_archive(now=timezone.now())),
            "breadcrumb_data": archive_breadcrumb(_("Les promotions")),
        },
    )
