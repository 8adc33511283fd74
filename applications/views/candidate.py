"""The candidate's pages: their space, the application form in steps, submission, withdrawal, and the
private CV files (also served to programme staff).

Every page works on the signed-in candidate's own application to the current cohort: no URL names
another candidate's application, except the CV's, which checks `can_view_cv`."""

import copy
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from applications import services
from applications.forms import STEP_OF_FIELD, STEPS
from applications.models import Application
from applications.permissions import (
    can_apply,
    can_edit_application,
    can_make_wishes,
    can_view_cv,
    can_withdraw_application,
    is_applicant,
)
from applications.selectors import (
    application_missing_fields,
    application_next_step,
    application_of,
    application_salary_band,
)
from cohorts.profiles import Profile
from cohorts.selectors import cohort_current
from cohorts.windows import Step
from eig.permissions import has_second_factor, is_programme_staff

SAVE_DRAFT, SAVE_AND_CONTINUE = "draft", "continue"
# URL kind -> the application's file field.
CV_KINDS = {"cv": "cv", "anonyme": "anonymised_cv"}


def candidate_required(view):
    """Signed-in candidates only: anonymous visitors go to the login page, other roles get 403."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_apply(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def missing_with_steps(application: Application | None) -> list[dict]:
    """What prevents submission, each with the step where it is filled in."""
    if application is None:
        application = Application()
    return [
        {"message": message, "step": STEP_OF_FIELD[field]}
        for field, message in application_missing_fields(application)
    ]


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
            missing=missing_with_steps(application),
            can_edit=can_edit_application(request.user, application),
            can_withdraw=can_withdraw_application(request.user, application),
            can_make_wishes=can_make_wishes(request.user, application) and cohort.window(Step.WISHES).is_open(now),
        )
    return render(request, "applications/candidate/space.html", context)


def _steps_context(number: int) -> dict:
    return {
        "step": STEPS[number - 1],
        "steps": STEPS,
        "previous_step": STEPS[number - 2] if number > 1 else None,
        "next_step": STEPS[number] if number < len(STEPS) else None,
    }


def _closed_message(application: Application) -> str:
    """The service's reason why the application cannot be saved now, or an empty string."""
    try:
        services.application_check_editable(application=application)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def render_recap(request, application: Application, submit_errors: list[str] | None = None):
    """The last step: the whole application read-only, what is missing (linked to its step), the deadline
    and the submit button."""
    context = {
        "application": application,
        "cohort": application.cohort,
        "missing": missing_with_steps(application),
        "secondary_profiles": [Profile(value).label for value in application.secondary_profiles],
        "submit_errors": submit_errors or [],
        "closed_message": _closed_message(application),
        "can_withdraw": can_withdraw_application(request.user, application),
        **_steps_context(len(STEPS)),
    }
    return render(request, "applications/candidate/recap.html", context)


def _save_step(*, cohort, candidate, application: Application | None, data: dict) -> Application:
    """The first save starts the application (a draft); every save goes through application_save."""
    with transaction.atomic():
        if application is None:
            application = services.application_start(cohort=cohort, candidate=candidate)
        return services.application_save(application=application, data=data)


@candidate_required
def edit(request, step: int):
    """One step of the application form: "save the draft" stays on it, "save and continue" goes on. A save
    refused by the service (the call is closed) shows its reason with everything typed still in the form."""
    if not 1 <= step <= len(STEPS):
        raise Http404
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
    current = STEPS[step - 1]
    if current.is_recap:
        if application is None:
            return redirect("applications:edit", step=1)
        return render_recap(request, application)

    # The form works on a copy, so that a refused save leaves the application shown on the page as stored.
    instance = copy.copy(application) if application else Application(cohort=cohort, candidate=request.user)
    form_kwargs = {"instance": instance}
    if request.method == "POST":
        form_kwargs.update(data=request.POST, files=request.FILES)
    form = current.form_class(**form_kwargs)
    save_errors = []
    if request.method == "POST":
        if form.is_valid():
            try:
                application = _save_step(
                    cohort=cohort, candidate=request.user, application=application, data=form.service_data()
                )
            except ValidationError as error:
                save_errors = error.messages
            else:
                messages.success(request, _("Brouillon enregistré."))
                next_number = step + 1 if request.POST.get("action") == SAVE_AND_CONTINUE else step
                return redirect("applications:edit", step=next_number)
        else:
            save_errors = [_("Corrigez les champs signalés ci-dessous : rien n'a été enregistré à cette étape.")]
    context = {
        "cohort": cohort,
        "application": application,
        "form": form,
        "save_errors": save_errors,
        "closed_message": "" if application is None else _closed_message(application),
        "salary_band": application_salary_band(
            cohort=cohort, years_of_experience=application.years_of_experience if application else None
        ),
        "SAVE_DRAFT": SAVE_DRAFT,
        "SAVE_AND_CONTINUE": SAVE_AND_CONTINUE,
        **_steps_context(step),
    }
    return render(request, "applications/candidate/step.html", context)


def _own_application(request) -> Application | None:
    cohort = cohort_current(now=timezone.now())
    return application_of(candidate=request.user, cohort=cohort) if cohort else None


@candidate_required
@require_POST
def submit(request):
    """Submit (or submit again) the application; refused with the service's reasons on the recap page."""
    application = _own_application(request)
    if application is None:
        return redirect("applications:edit", step=1)
    if not can_edit_application(request.user, application):
        messages.error(request, _("Cette candidature n'est plus modifiable."))
        return redirect("applications:space")
    try:
        services.application_submit(application=application, by=request.user)
    except ValidationError as error:
        return render_recap(request, application, submit_errors=error.messages)
    messages.success(
        request, _("Votre candidature est déposée. Un e-mail de confirmation avec son récapitulatif vous est envoyé.")
    )
    return redirect("applications:space")


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


@login_required
@never_cache
def cv(request, pk: int, kind: str):
    """A CV, inline, to its candidate and to programme staff only; never from a public URL."""
    field_name = CV_KINDS.get(kind)
    if field_name is None:
        raise Http404
    application = get_object_or_404(Application.objects.select_related("cohort"), pk=pk)
    if not can_view_cv(request.user, application):
        raise PermissionDenied
    if (
        not is_applicant(request.user, application)
        and is_programme_staff(request.user)
        and settings.STAFF_MFA_REQUIRED
        and not has_second_factor(request.user)
    ):
        messages.warning(request, _("Activez l'authentification à deux facteurs pour consulter les CV."))
        return redirect("mfa_activate_totp")
    stored = getattr(application, field_name)
    if not stored:
        raise Http404(_("Aucun fichier n'a été déposé."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Aucun fichier n'a été déposé.")) from missing
    # The file's name says nothing of the candidate: the anonymised CV must stay anonymous.
    filename = f"{'cv-anonymise' if kind == 'anonyme' else 'cv'}-{application.reference}.pdf"
    response = FileResponse(handle, content_type="application/pdf", as_attachment=False, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
