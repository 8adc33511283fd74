"""The staff dashboard of a cohort (« Tableau de bord »): the funnel as charts with their tables and
CSV, what needs attention now, the comparison with the previous cohorts."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cohorts.models import Cohort
from eig.exports import csv_response
from eig.gate import PROGRAMME_STAFF, gate
from figures.attention import attention_items
from figures.charts import funnel_bars, stacked_bars
from figures.funnel import Funnel, cohort_funnel
from figures.history import cohorts_comparison
from figures.links import funnel_links, link_opener, with_links

EXPORT_WHAT = gettext_lazy("l'entonnoir de la promotion")


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


@gate(PROGRAMME_STAFF)
def dashboard_home(request):
    """The dashboard of the cohort chosen with `?promotion=`, else of the current one, else the latest."""
    cohorts = Cohort.objects.order_by("-number")
    chosen = request.GET.get("promotion", "")
    cohort = (cohorts.filter(pk=chosen).first() if chosen.isdigit() else None) or cohorts.current(timezone.now())
    cohort = cohort or cohorts.first()
    if cohort is None:
        title = _("Tableau de bord")
        return render(
            request,
            "figures/dashboard_empty.html",
            {"page_title": title, "breadcrumb_data": {"current": title}},
        )
    return dashboard_page(request, cohort)


def funnel_charts(funnel: Funnel) -> dict:
    profiles = [str(label) for _value, label in funnel.profiles]
    bands = [str(label) for _value, label in funnel.bands]
    rows = funnel.applications
    return {
        "funnel": funnel_bars([(str(row.label), row.total.count) for row in rows]),
        "by_profile": stacked_bars(
            [(str(row.label), [cell.count for cell in row.by_profile]) for row in rows], profiles
        ),
        "by_band": stacked_bars([(str(row.label), [cell.count for cell in row.by_band]) for row in rows], bands),
        "profiles": profiles,
        "bands": bands,
    }


@gate(PROGRAMME_STAFF, load=cohort_get)
def dashboard(request, cohort: Cohort):
    return dashboard_page(request, cohort)


def dashboard_page(request, cohort: Cohort):
    now = timezone.now()
    opener = link_opener(request)
    funnel = funnel_links(cohort_funnel(cohort, now=now), opener)
    title = _("Tableau de bord de la promotion %(cohort)s") % {"cohort": cohort.name}
    return render(
        request,
        "figures/dashboard.html",
        {
            "page_title": title,
            "breadcrumb_data": {"current": title},
            "cohort": cohort,
            "cohorts": Cohort.objects.order_by("-number"),
            "funnel": funnel,
            "charts": funnel_charts(funnel),
            "attention": with_links(attention_items(cohort, now=now), opener),
            "comparison": cohorts_comparison(cohort, now=now),
        },
    )


def funnel_table(funnel: Funnel) -> tuple[list[str], list[list]]:
    """The funnel as one table: a row per stage, its total, then a column per profile and per band."""
    header = [
        _("Étape"),
        _("Total"),
        *[str(label) for _value, label in funnel.profiles],
        *[str(label) for _value, label in funnel.bands],
        _("Échéance (heure de Paris)"),
    ]
    rows = [
        [
            str(row.label),
            row.total.count,
            *[""] * (len(funnel.profiles) + len(funnel.bands)),
            row.window.deadline_display,
        ]
        for row in funnel.challenges
    ]
    rows.append([str(_("Postes à pourvoir")), funnel.seats_total, *funnel.seats, *[""] * len(funnel.bands), ""])
    rows += [
        [
            str(row.label),
            row.total.count,
            *[cell.count for cell in row.by_profile],
            *[cell.count for cell in row.by_band],
            row.window.deadline_display,
        ]
        for row in funnel.applications
    ]
    return header, rows


@gate(PROGRAMME_STAFF, load=cohort_get)
def funnel_csv(request, cohort: Cohort):
    header, rows = funnel_table(cohort_funnel(cohort, now=timezone.now()))
    return csv_response(
        header,
        rows,
        filename=f"entonnoir-eig-{cohort.number}.csv",
        audit=EXPORT_WHAT,
        audit_target=cohort,
    )
