"""The programme's public figures (« Les chiffres »), open to everyone: the cohorts whose results are
out, and each one's figures as a page, a CSV and a JSON under the Licence Ouverte (figures.public). A
cohort whose results are not out is a 404, for the files too."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eig.exports import public_csv_response
from figures.charts import funnel_bars
from figures.public import (
    LICENCE_NAME,
    LICENCE_URL,
    figures_cohort_get,
    figures_cohorts,
    figures_json,
    figures_table,
    public_figures,
)


def figures_breadcrumb(current: str, *links: dict) -> dict:
    return {"links": list(links), "current": current}


def published_cohort(number: int):
    cohort = figures_cohort_get(number=number, now=timezone.now())
    if cohort is None:
        raise Http404(_("Cette promotion n'existe pas ou ses résultats ne sont pas encore publiés."))
    return cohort


def figures_list(request):
    """Every cohort whose results are out, newest first."""
    title = _("Les chiffres du programme")
    return render(
        request,
        "figures/public_list.html",
        {
            "page_title": title,
            "breadcrumb_data": figures_breadcrumb(title),
            "cohorts": list(figures_cohorts(now=timezone.now())),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


def figures_detail(request, number: int):
    """A cohort's figures: its funnel per stage and profile, its selected challenges and their teams."""
    cohort = published_cohort(number)
    title = _("Les chiffres de la promotion %(cohort)s") % {"cohort": cohort.name}
    figures = public_figures(cohort, now=timezone.now())
    return render(
        request,
        "figures/public_detail.html",
        {
            "page_title": title,
            "breadcrumb_data": figures_breadcrumb(
                title, {"url": reverse("public_figures:list"), "title": _("Les chiffres du programme")}
            ),
            "cohort": cohort,
            "figures": figures,
            "chart": funnel_bars([(str(row.label), row.total.count) for row in figures.funnel.applications]),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
        },
    )


def figures_csv(request, number: int):
    cohort = published_cohort(number)
    header, rows = figures_table(public_figures(cohort, now=timezone.now()))
    return public_csv_response(header, rows, filename=f"chiffres-eig-{cohort.number}-licence-ouverte-etalab.csv")


def figures_json_view(request, number: int):
    cohort = published_cohort(number)
    source = request.build_absolute_uri(reverse("public_figures:detail", args=[cohort.number]))
    response = JsonResponse(
        figures_json(public_figures(cohort, now=timezone.now()), source=source),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = f'inline; filename="chiffres-eig-{cohort.number}.json"'
    return response
