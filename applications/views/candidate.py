"""The candidate's pages: their space, the application form in steps, submission, withdrawal, and the
private CV files (also served to programme staff).

Every page works on the signed-in candidate's own application to the current cohort: no URL names
another candidate's application, except the CV's, which checks `can_view_cv`."""

import copy

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from applications import services
from applications.files import cv_response
from applications.forms import APPLICATION_FORM
from applications.models import Application, ApplicationStatus
from applications.permissions import (
    APPLICANTS,
    CV_READERS,
    can_edit_application,
    can_make_wishes,
    can_withdraw_application,
)
from applications.retention import application_retention
from applications.selectors import (
    IDENTITY,
    application_missing_fields,
    application_next_step,
    application_of,
    application_salary_band,
)
from cohorts.profiles import Profile
from cohorts.selectors import cohort_current
from cohorts.windows import Step
from eig.gate import gate
from eig.multistep import MissingItem, StepPage, markdown_preview, refusal_of

# URL kind -> the application's file field.
CV_KINDS = {"cv": "cv", "anonyme": "anonymised_cv"}


# Signed-in candidates only (eig.gate: anonymous visitors go to the login page, other roles get 403).
candidate_required = gate(APPLICANTS)


def recap_url() -> str:
    return APPLICATION_FORM.recap_url()


def missing_with_steps(application: Application | None) -> list[MissingItem]:
    """What prevents submission, in the order of the form, each with where it is filled in: its step, or
    for the candidate's name the identity page, which comes back to the recap."""
    if application is None:
        application = Application()
    items = []
    for field, message in application_missing_fields(application):
        if field == IDENTITY:
            url = f"{reverse('identity')}?{urlencode({'next': recap_url()})}"
            items.append(MissingItem(message=message, step=None, url=url, link=_("Indiquer mon nom")))
        else:
            items.append(APPLICATION_FORM.missing_item(field, message))
    return items


@candidate_required
def space(request):
    """The candidate's application to the current cohort, its status, what is missing and what comes next;
    or, while the candidates call is open, the way in."""
    now = timezone.now()
    cohort = cohort_current(now=now)
    application = application_of(candidate=request.user, cohort=cohort) if cohort else None
    call = cohort.window(Step.CANDIDATES_CALL) if cohort else None
    context = {
        "cohort": cohort,
        "application": application,
        "call": call,
        "call_state": call.state(now) if call else None,
        "call_is_open": call is not None and call.is_open(now),
        "now": now,
    }
    if application is not None:
        context.update(
            next_step=application_next_step(application=application, now=now),
            # Past the deadline, nothing is left to complete: the next step says the call is closed.
            missing=missing_with_steps(application) if context["call_is_open"] else [],
            can_edit=can_edit_application(request.user, application),
            can_withdraw=can_withdraw_application(request.user, application),
            can_make_wishes=can_make_wishes(request.user, application) and cohort.window(Step.WISHES).is_open(now),
            retention=application_retention(application),
        )
    return render(request, "applications/candidate/space.html", context)


def _closed_message(application: Application) -> str:
    """The service's reason why the application cannot be saved now, or an empty string."""
    return refusal_of(lambda: services.application_check_editable(application=application))


def _deadline_context(cohort, closed_message: str) -> dict:
    """What the form's deadline alert shows (templates/_partials/multistep/_deadline.html)."""
    return {
        "deadline": cohort.window(Step.CANDIDATES_CALL).deadline_display,
        "deadline_closed": closed_message,
        "closed_message": closed_message,
    }


def render_recap(request, page: StepPage, application: Application):
    """The last step: the whole application read-only, what is missing (linked to its step), the deadline
    and the submit button; or, once the call is closed, why nothing can be completed any more. A refused
    submission's reasons are shown here once, after its redirect."""
    closed_message = _closed_message(application)
    context = {
        "application": application,
        "cohort": application.cohort,
        "missing": [] if closed_message else missing_with_steps(application),
        "secondary_profiles": [Profile(value).label for value in application.secondary_profiles],
        "can_withdraw": can_withdraw_application(request.user, application),
        **_deadline_context(application.cohort, closed_message),
    }
    return page.render(request, "applications/candidate/recap.html", context)


def _save_step(*, cohort, candidate, application: Application | None, form) -> str:
    """The first save starts the application (a draft); every save goes through application_save. Returns
    the message to show."""
    with transaction.atomic():
        if application is None:
            application = services.application_start(cohort=cohort, candidate=candidate)
        application = services.application_save(application=application, data=form.service_data())
    if application.status == ApplicationStatus.SUBMITTED:
        return _("Modifications enregistrées : votre candidature déposée reste complète.")
    return _("Brouillon enregistré.")


@candidate_required
def edit(request, step: int):
    """One step of the application form: "save the draft" stays on it, "save and continue" goes on. A save
    refused by the service (the call is closed) shows its reason with everything typed still in the form."""
    page = APPLICATION_FORM.page(step, title=_("Ma candidature"))
    now = timezone.now()
    cohort = cohort_current(now=now)
    application = application_of(candidate=request.user, cohort=cohort) if cohort else None
    if cohort is None:
        messages.info(request, _("Aucune promotion n'est annoncée pour le moment."))
        return redirect("applications:space")
    # Nothing to show before a first save outside the call; a POST still goes to the service, which refuses
    # it with its reason while the page keeps what was typed.
    if application is None and request.method != "POST" and not cohort.window(Step.CANDIDATES_CALL).is_open(now):
        messages.info(
            request, _("L'appel à candidatures n'est pas ouvert : aucune candidature ne peut être commencée.")
        )
        return redirect("applications:space")
    if application is not None and not can_edit_application(request.user, application):
        messages.info(request, _("Cette candidature n'est plus modifiable."))
        return redirect("applications:space")
    if page.is_recap:
        if application is None:
            return redirect("applications:edit", step=1)
        return render_recap(request, page, application)

    # The form works on a copy, so that a refused save leaves the application shown on the page as stored.
    instance = copy.copy(application) if application else Application(cohort=cohort, candidate=request.user)
    form_kwargs = {"instance": instance}
    if request.method == "POST":
        form_kwargs.update(data=request.POST, files=request.FILES)
    form = page.current.form_class(**form_kwargs)
    has_preview = bool(page.current.markdown_fields)
    saved = page.post(
        request,
        forms=form,
        has_preview=has_preview,
        save=lambda: _save_step(cohort=cohort, candidate=request.user, application=application, form=form),
    )
    if saved:
        return saved
    context = {
        "cohort": cohort,
        "application": application,
        "form": form,
        "form_is_multipart": form.is_multipart(),
        "salary_band": application_salary_band(
            cohort=cohort, years_of_experience=application.years_of_experience if application else None
        ),
        "has_preview": has_preview,
        "preview": (
            markdown_preview(page.current, application)
            if page.preview_requested(request) and application is not None
            else None
        ),
        **_deadline_context(cohort, "" if application is None else _closed_message(application)),
    }
    return page.render(request, "applications/candidate/step.html", context)


def _own_application(request) -> Application | None:
    cohort = cohort_current(now=timezone.now())
    return application_of(candidate=request.user, cohort=cohort) if cohort else None


@candidate_required
@require_POST
def submit(request):
    """Submit (or submit again) the application; refused, back to the recap page with the service's reasons."""
    application = _own_application(request)
    if application is None:
        return redirect("applications:edit", step=1)
    if not can_edit_application(request.user, application):
        messages.error(request, _("Cette candidature n'est plus modifiable."))
        return redirect("applications:space")
    return APPLICATION_FORM.submit(
        request,
        submit=lambda: services.application_submit(application=application, by=request.user),
        done_message=_(
            "Votre candidature est déposée. Un e-mail de confirmation avec son récapitulatif vous est envoyé."
        ),
        done_url=reverse("applications:space"),
    )


@candidate_required
def withdraw(request):
    """A confirmation page, then the withdrawal (any time before a decision)."""
    application = _own_application(request)
    if application is None or not can_withdraw_application(request.user, application):
        messages.error(request, _("Cette candidature ne peut pas être retirée."))
        return redirect("applications:space")
    if request.method == "POST":
        services.application_withdraw(application=application, by=request.user)
        messages.success(request, _("Votre candidature est retirée."))
        return redirect("applications:space")
    return render(request, "applications/candidate/withdraw.html", {"application": application})


def application_get(pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related("cohort"), pk=pk)


@gate(
    CV_READERS,
    load=application_get,
    second_factor_message=gettext_lazy("Activez l'authentification à deux facteurs pour consulter les CV."),
)
@never_cache
def cv(request, application: Application, kind: str):
    """A CV, inline, to its candidate and to programme staff only; never from a public URL."""
    field_name = CV_KINDS.get(kind)
    if field_name is None:
        raise Http404
    # The file's name says nothing of the candidate: the anonymised CV must stay anonymous.
    return cv_response(
        application,
        field_name,
        reader=request.user,
        filename=f"{'cv-anonymise' if kind == 'anonyme' else 'cv'}-{application.reference}.pdf",
        missing_message=_("Aucun fichier n'a été déposé."),
    )
