"""Retention pages (docs/personal-data.md): the candidate's consent to a longer retention (from « Mes
données »), and the staff's page of what is due for purge in the next 30 days, with the holds."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from applications import services
from applications.forms import HoldForm
from applications.models import Application
from applications.permissions import RETENTION_CONSENTERS, RETENTION_STAFF
from applications.retention import applications_retention, retention_due
from eig.gate import gate

# How far ahead the staff's page looks.
DUE_WITHIN = dt.timedelta(days=30)


def application_get(pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related("cohort"), pk=pk)


@gate(RETENTION_CONSENTERS, load=application_get)
@require_POST
def consent(request, application: Application):
    """The candidate gives or withdraws their consent to a longer retention of their file."""
    given = request.POST.get("consent") == "yes"
    try:
        services.application_consent(application=application, consent=given)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Votre accord est enregistré : votre dossier sera gardé plus longtemps.")
            if given
            else _("Votre accord est retiré : votre dossier sera effacé à la fin de la durée habituelle."),
        )
    return redirect(f"{reverse('my_data')}#retention-{application.pk}")


@gate(RETENTION_STAFF)
@never_cache
def due(request):
    """Per cohort, the files due for purge in the next 30 days (with their date and data class), and
    every file under hold."""
    now = timezone.now()
    upcoming = [retention for retention in retention_due(now=now, within=DUE_WITHIN) if not retention.held]
    held = applications_retention(Application.objects.filter(held_at__isnull=False).order_by("held_at", "pk"))
    cohorts = {}
    for retention in upcoming:
        cohorts.setdefault(retention.application.cohort, []).append(retention)
    context = {
        "cohorts": [
            (cohort, retentions, f"due-{cohort.number}")
            for cohort, retentions in sorted(cohorts.items(), key=lambda item: -item[0].number)
        ],
        "held": held,
        "form": HoldForm(),
        "within_days": DUE_WITHIN.days,
        "page_title": _("Conservation des dossiers"),
        "breadcrumb_data": {
            "links": [{"url": reverse("fellowship:staff_cohorts"), "title": _("Les promotions")}],
            "current": _("Conservation des dossiers"),
        },
    }
    return render(request, "applications/retention/due.html", context)


@gate(RETENTION_STAFF, load=application_get)
@require_POST
def hold(request, application: Application):
    form = HoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif de la conservation."))
        return redirect("applications:retention_due")
    try:
        services.application_hold(application=application, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le dossier %(reference)s est conservé.") % {"reference": application.reference})
    return redirect("applications:retention_due")


@gate(RETENTION_STAFF, load=application_get)
@require_POST
def release(request, application: Application):
    try:
        services.application_release(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("La conservation du dossier %(reference)s est levée.") % {"reference": application.reference}
        )
    return redirect("applications:retention_due")
