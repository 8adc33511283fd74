"""The pre-selected candidate's unavailability: the periods of the auditions window they cannot be
auditioned, added and removed until the auditions start (refused on the server after)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.models import ApplicationStatus
from applications.selectors import application_of
from auditions import services
from auditions.forms_schedule import UnavailabilityForm
from auditions.models import Unavailability
from cohorts.selectors import cohort_current
from cohorts.windows import Step
from eig.gate import CANDIDATES, Rule, gate
from eig.models import Role


def _owns(user, unavailability: Unavailability) -> bool:
    return unavailability.application.candidate_id == user.pk


def unavailability_get(pk: int) -> Unavailability:
    return get_object_or_404(Unavailability.objects.select_related("application__cohort"), pk=pk)


@gate(CANDIDATES)
def unavailability(request):
    now = timezone.now()
    cohort = cohort_current(now=now)
    application = application_of(candidate=request.user, cohort=cohort) if cohort else None
    if application is None or application.status != ApplicationStatus.PRESELECTED:
        messages.info(request, _("Les indisponibilités sont réservées aux candidat·es présélectionné·es."))
        return redirect("applications:space")
    refusal = services.unavailability_refusal(application, now)
    form = UnavailabilityForm(request.POST or None)
    save_errors = []
    if request.method == "POST":
        if form.is_valid() and "starts_at" in form.cleaned_data:
            try:
                services.unavailability_add(
                    application=application,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                    note=form.cleaned_data["note"],
                    now=now,
                )
            except ValidationError as error:
                save_errors = error.messages
            else:
                messages.success(request, _("Votre indisponibilité est enregistrée."))
                return redirect("auditions:unavailability")
        else:
            save_errors = [_("Corrigez les champs signalés ci-dessous : rien n'a été enregistré.")]
    context = {
        "cohort": cohort,
        "window": cohort.window(Step.AUDITIONS),
        "periods": list(application.unavailabilities.all()),
        "refusal": refusal,
        "form": form,
        "save_errors": save_errors,
    }
    return render(request, "auditions/candidate/unavailability.html", context)


@gate(Rule({Role.CANDIDATE: _owns}), load=unavailability_get)
@require_POST
def unavailability_remove(request, unavailability: Unavailability):
    try:
        services.unavailability_remove(unavailability=unavailability)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Cette indisponibilité est retirée."))
    return redirect("auditions:unavailability")
