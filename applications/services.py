"""Every write on applications. Status changes go through the lifecycle declared in applications.models
(eig.lifecycle), which checks the transitions and records who/when/from/to; e-mails are queued after the
commit."""

import copy
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import emails
from applications.models import (
    APPLICATION_LIFECYCLE,
    Application,
    ApplicationStatus,
    PreselectionReview,
    Wish,
)
from applications.selectors import (
    CV_FIELDS,
    application_missing_fields,
    application_missing_items,
    wishable_challenges,
)
from applications.validators import cv_clean
from cohorts.limits import MAX_WISHES, MIN_WISHES, range_text
from cohorts.models import Cohort
from cohorts.scoring import scorecard_save
from cohorts.windows import Step
from eig import lifecycle
from eig.lifecycle import TransitionNotAllowed as TransitionNotAllowed  # re-exported for callers
from eig.multistep import refuse_incomplete
from eig.pdf import SanitisedPdf, pdf_sanitise
from eig.storage import delete_on_commit


def application_transition(
    *, application: Application, to_status: ApplicationStatus, by, note: str = ""
) -> Application:
    """Move an application to `to_status` by the transition the lifecycle declares for it, and log the change."""
    return APPLICATION_LIFECYCLE.move(application, to_status, by=by, note=note)


@transaction.atomic
def application_start(*, cohort: Cohort, candidate, now: dt.datetime | None = None) -> Application:
    """The candidate's application to the cohort (created as a draft the first time)."""
    cohort.window(Step.CANDIDATES_CALL).check(now)
    application, _created = Application.objects.get_or_create(cohort=cohort, candidate=candidate)
    return application


def application_check_editable(*, application: Application, now: dt.datetime | None = None) -> None:
    """Drafts and submitted applications are edited only while the candidates call is open."""
    if application.status not in {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED}:
        raise ValidationError(_("Cette candidature n'est plus modifiable."))
    application.cohort.window(Step.CANDIDATES_CALL).check(now)


def _check_stays_complete(application: Application, data: dict) -> None:
    """A submitted application stays complete: a save that would leave something missing that was not
    missing before is refused with what would be missing (an application submitted incomplete before
    this rule can still be completed step by step)."""
    edited = copy.copy(application)
    for field, value in data.items():
        setattr(edited, field, value)
    before = set(application_missing_fields(application))
    newly_missing = [
        message for field, message in application_missing_fields(edited) if (field, message) not in before
    ]
    if newly_missing:
        raise ValidationError(
            [
                _(
                    "Votre candidature est déposée : elle doit rester complète. Rien n'a été enregistré, car il "
                    "manquerait :"
                ),
                *newly_missing,
            ],
            code="submitted_incomplete",
        )


@transaction.atomic
def application_save(*, application: Application, data: dict, now: dt.datetime | None = None) -> Application:
    """Save form fields (a step of the form) on an editable application. A CV is stored only as the checked
    and rewritten copy of what was uploaded (applications.validators.cv_clean), whoever calls; the file it
    replaces is deleted once the save commits. A submitted application stays complete."""
    application_check_editable(application=application, now=now)
    data = {field: cv_clean(value) if field in CV_FIELDS and value else value for field, value in data.items()}
    if application.status == ApplicationStatus.SUBMITTED:
        _check_stays_complete(application, data)
    replaced = [getattr(application, field) for field in CV_FIELDS if field in data and getattr(application, field)]
    delete_on_commit(replaced)
    for field, value in data.items():
        setattr(application, field, value)
    # Only the step's fields: a save never writes back what another request changed meanwhile.
    application.save(update_fields=[*data, "updated_at"])
    return application


class CvMissing(Exception):
    """The stored CV file is not on disk."""


@transaction.atomic
def application_cv_recheck(*, application: Application, field_name: str, dry_run: bool = False) -> bool:
    """Check a stored CV as an upload is checked today (files stored before the PDF checks) and store its
    rewritten copy in its place; True when the copy differs from the file (so it was, or would be with
    `dry_run`, rewritten), False when the file already is such a copy. Raises the ValidationError of a
    refused file (which stays as it is: the candidate must replace it) or CvMissing."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    stored = getattr(application, field_name)
    try:
        with stored.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise CvMissing(stored.name) from error
    cleaned = pdf_sanitise(data)
    if cleaned == data:
        return False
    if not dry_run:
        delete_on_commit([stored])
        stored.save("document.pdf", SanitisedPdf(cleaned), save=False)
        # The rewrite is maintenance, not the candidate's edit: "modifiée le" stays.
        Application.objects.filter(pk=application.pk).update(**{field_name: stored.name})
    return True


@transaction.atomic
def application_submit(*, application: Application, by, now: dt.datetime | None = None) -> Application:
    """Submit (or submit again, after edits) a complete application before the call closes."""
    application_check_editable(application=application, now=now)
    refuse_incomplete(application_missing_items(application))
    if application.status == ApplicationStatus.DRAFT:
        application = lifecycle.apply(application, "submit", by=by)
    else:
        application.submitted_at = timezone.now()
        application.save(update_fields=["submitted_at", "updated_at"])
    emails.application_submitted(application=application)
    return application


def application_withdraw(*, application: Application, by, note: str = "") -> Application:
    return lifecycle.apply(application, "withdraw", by=by, note=note)


@transaction.atomic
def applications_decide(*, applications, preselected: bool, by, note: str = "") -> list[Application]:
    """Staff pre-select or turn down applications in bulk; each candidate hears of the decision."""
    decided = []
    for application in applications:
        decided.append(lifecycle.apply(application, "preselect" if preselected else "not_preselect", by=by, note=note))
        emails.application_decided(application=decided[-1])
    return decided


def application_review(*, application: Application, reviewer, scores: dict[int, int], assessment: str):
    """Record (or revise) a reviewer's anonymous review on the cohort's pre-selection grid."""
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Seules les candidatures déposées sont évaluées."))
    if not assessment.strip():
        raise ValidationError(_("Rédigez une appréciation."))
    return scorecard_save(
        model=PreselectionReview, subject=application, scorer=reviewer, scores=scores, assessment=assessment
    )


def wishes_count_refusal(count: int) -> str:
    """Why `count` wishes cannot be saved, in French (the form says the same)."""
    return _("Classez %(range)s défis (vous en avez choisi %(count)s).") % {
        "range": range_text(MIN_WISHES, MAX_WISHES),
        "count": count,
    }


@transaction.atomic
def wishes_save(*, application: Application, challenge_ids: list[int], now: dt.datetime | None = None) -> list[Wish]:
    """Replace the candidate's wishes with `challenge_ids`, in rank order (MIN_WISHES to MAX_WISHES, while
    the wishes window is open)."""
    now = now or timezone.now()
    cohort = application.cohort
    if application.status != ApplicationStatus.PRESELECTED:
        raise ValidationError(_("Seul·es les candidat·es présélectionné·es formulent des vœux."))
    cohort.window(Step.WISHES).check(now)
    if len(challenge_ids) != len(set(challenge_ids)):
        raise ValidationError(_("Un même défi ne peut figurer qu'une fois dans vos vœux."))
    if not MIN_WISHES <= len(challenge_ids) <= MAX_WISHES:
        raise ValidationError(wishes_count_refusal(len(challenge_ids)))
    allowed = set(wishable_challenges(application=application, now=now).values_list("pk", flat=True))
    if not set(challenge_ids) <= allowed:
        raise ValidationError(_("Un des défis choisis n'est pas ouvert à votre profil."))
    application.wishes.all().delete()
    return Wish.objects.bulk_create(
        Wish(application=application, challenge_id=challenge_id, rank=rank)
        for rank, challenge_id in enumerate(challenge_ids, start=1)
    )
