"""Staff's page of a cohort's conflict-of-interest declarations, with a warning, at the top, for each
audition whose jury is below the quorum once its recused jurors are left out."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from auditions.selectors import auditions_below_quorum, cohort_declarations
from cohorts.models import Cohort
from eig.gate import PROGRAMME_STAFF, gate


def cohort_get(cohort_pk: int) -> Cohort:
    return get_object_or_404(Cohort, pk=cohort_pk)


@gate(PROGRAMME_STAFF, load=cohort_get)
def declarations(request, cohort: Cohort):
    return render(
        request,
        "auditions/staff/declarations.html",
        {
            "page_title": _("Déclarations d'intérêts — %(name)s") % {"name": cohort.name},
            "cohort": cohort,
            "below_quorum": list(auditions_below_quorum(cohort)),
            "declarations": list(cohort_declarations(cohort)),
            "breadcrumb_data": {"current": _("Déclarations d'intérêts")},
        },
    )
