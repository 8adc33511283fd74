"""Every write on applications. Status changes go through the lifecycle declared in applications.models
(eig.lifecycle), which checks the transitions and records who/when/from/to; e-mails are queued after the
commit."""

import copy
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import emails
from applications.models import (
    APPLICATION_LIFECYCLE,
    Application,
    ApplicationStatus,
    PreselectionReview,
    Wish,
)
from applications.retention import purge_steps, retention_due
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
from eig.audit import services as audit
from eig.audit.models import AuditAction
from eig.dates import deadline_has_passed
from eig.lifecycle import TransitionNotAllowed as TransitionNotAllowed  # re-exported for callers
from eig.models import User
from eig.multistep import refuse_incomplete
from eig.pdf import SanitisedPdf, pdf_sanitise
from eig.privacy_services import accounts_anonymise_unkept
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


# --- Retention (applications.retention, docs/personal-data.md) ----------------------------------------

# The free texts a purge empties (the profile, experience, relocation and how they heard of the programme
# stay: they are the anonymous record's statistics, and name no one).
PURGED_TEXT_FIELDS = ("skills", "career_path", "motivation", "achievements", "links")


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update(of=("self",)).get(pk=application.pk)


@transaction.atomic
def application_consent(*, application: Application, consent: bool) -> Application:
    """The candidate gives (or withdraws) their consent to a longer retention of their file."""
    application = _locked(application)
    if application.purged_at is not None:
        raise ValidationError(_("Ce dossier a déjà été effacé."))
    if consent == (application.retention_consent_at is not None):
        return application
    application.retention_consent_at = timezone.now() if consent else None
    Application.objects.filter(pk=application.pk).update(retention_consent_at=application.retention_consent_at)
    audit.record(
        AuditAction.CONSENT,
        summary=audit.in_site_language(
            gettext_lazy("Accord pour une conservation prolongée de la candidature %(id)s")
            if consent
            else gettext_lazy("Retrait de l'accord pour une conservation prolongée de la candidature %(id)s"),
            id=application.pk,
        ),
        target=application,
        data={"consent": consent},
    )
    return application


@transaction.atomic
def application_hold(*, application: Application, reason: str, by) -> Application:
    """Staff put a file under hold (litigation): no purge touches it until it is released."""
    if not reason.strip():
        raise ValidationError(_("Indiquez le motif de la conservation."))
    application = _locked(application)
    if application.purged_at is not None:
        raise ValidationError(_("Ce dossier a déjà été effacé."))
    application.held_at, application.hold_reason, application.held_by = timezone.now(), reason.strip(), by
    Application.objects.filter(pk=application.pk).update(
        held_at=application.held_at, hold_reason=application.hold_reason, held_by=by
    )
    audit.record(
        AuditAction.HOLD,
        summary=audit.in_site_language(
            gettext_lazy("Conservation de la candidature %(id)s (contentieux)"), id=application.pk
        ),
        target=application,
        data={"held": True},
    )
    return application


@transaction.atomic
def application_release(*, application: Application, by) -> Application:
    """Staff release a hold: the file's retention runs again (it is purged by the next daily task if due)."""
    application = _locked(application)
    if application.held_at is None:
        raise ValidationError(_("Ce dossier n'est pas conservé."))
    application.held_at, application.hold_reason, application.held_by = None, "", None
    Application.objects.filter(pk=application.pk).update(held_at=None, hold_reason="", held_by=None)
    audit.record(
        AuditAction.HOLD,
        summary=audit.in_site_language(
            gettext_lazy("Fin de la conservation de la candidature %(id)s"), id=application.pk
        ),
        target=application,
        data={"held": False},
    )
    return application


@transaction.atomic
def application_purge(*, application: Application, data_class: str, now: dt.datetime | None = None) -> bool:
    """Empty a file's personal data, keeping its anonymous record (status, profile, cohort, scores,
    `purged_at`): CV files deleted from disk once this commits, free texts emptied, reviewers' assessments
    and the lifecycle's notes emptied, then each upper app's purge step (audition comments…); one audit
    row. A file under hold, or already purged, is left as it is (False)."""
    application = _locked(application)
    if application.purged_at is not None or application.held_at is not None:
        return False
    delete_on_commit([getattr(application, field) for field in CV_FIELDS])
    emptied = dict.fromkeys((*PURGED_TEXT_FIELDS, *CV_FIELDS), "")
    Application.objects.filter(pk=application.pk).update(
        **emptied, retention_consent_at=None, purged_at=now or timezone.now()
    )
    PreselectionReview.objects.filter(application=application).update(assessment="")
    application.transitions.update(note="")
    for step in purge_steps():
        step([application.pk])
    audit.record(
        AuditAction.PURGE,
        summary=audit.in_site_language(
            gettext_lazy("Candidature %(id)s effacée (%(data_class)s)"), id=application.pk, data_class=data_class
        ),
        target=application,
        data={"data_class": data_class, "cohort": application.cohort_id},
        actor=audit.SYSTEM,
    )
    return True


def application_leave(*, application: Application, by) -> None:
    """The candidate deletes their account: an application still in the selection is withdrawn first,
    through its lifecycle (a draft, a submitted one, a pre-selected one whose results are not out)."""
    if lifecycle.can(application, "withdraw"):
        lifecycle.apply(application, "withdraw", by=by, note="")
    elif lifecycle.can(application, "leave") and not deadline_has_passed(
        application.cohort.results_at, timezone.now()
    ):
        lifecycle.apply(application, "leave", by=by, note="")


def applications_purge_due(*, now: dt.datetime | None = None) -> int:
    """The daily task's work: purge every file due (never one under hold), each in its own transaction,
    then anonymise the accounts that nothing keeps any longer (their last file purged, or their deletion
    asked for and its legal period over). Safe to run twice: a purged file is not due any more."""
    now = now or timezone.now()
    purged = 0
    candidates = set()
    for retention in retention_due(now=now):
        if retention.held:
            continue
        if application_purge(application=retention.application, data_class=retention.data_class, now=now):
            purged += 1
            candidates.add(retention.application.candidate_id)
    # An account stays while another of its files is live (another cohort's application).
    live = set(
        Application.objects.filter(candidate_id__in=candidates, purged_at__isnull=True).values_list(
            "candidate_id", flat=True
        )
    )
    waiting = User.objects.filter(erasure_requested_at__isnull=False, erased_at__isnull=True)
    accounts_anonymise_unkept(user_ids=(candidates - live) | set(waiting.values_list("pk", flat=True)), now=now)
    return purged
