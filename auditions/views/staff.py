"""Staff's way into the auditions: each cohort that has juries, its figures and the pages where staff
act on it (the admin's juries and auditions, the schedule, the declarations, the deliberations, the
director's validation)."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from auditions.models import AuditionStatus
from cohorts.models import Cohort
from eig.gate import PROGRAMME_STAFF, gate

ACTIVE = ~Q(applications__auditions__status=AuditionStatus.CANCELLED)


def cohorts_with_juries():
    """The cohorts that have juries, latest first, with their figures: one query, whatever their number."""

    def auditions(**lookups):
        return Count("applications__auditions", filter=ACTIVE & Q(**lookups), distinct=True)

    return (
        Cohort.objects.filter(juries__isnull=False)
        .annotate(
            jury_count=Count("juries", distinct=True),
            audition_count=auditions(),
            unbooked_count=auditions(applications__auditions__starts_at__isnull=True),
            convened_count=auditions(applications__auditions__status=AuditionStatus.CONVENED),
            confirmed_count=auditions(applications__auditions__status=AuditionStatus.CONFIRMED),
            change_count=auditions(applications__auditions__status=AuditionStatus.CHANGE_REQUESTED),
        )
        .order_by("-number")
        .distinct()
    )


@gate(PROGRAMME_STAFF)
def hub(request):
    return render(
        request,
        "auditions/staff/hub.html",
        {
            "page_title": _("Auditions"),
            "breadcrumb_data": {"current": _("Auditions")},
            "cohorts": list(cohorts_with_juries()),
        },
    )
