"""Reminders of the candidates call, the pre-selection and the wishes, registered in the reminder
engine (eig/reminders, docs/reminders.md)."""

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus, PreselectionReview
from applications.retention import NOTICE_DAYS, RetentionClass, application_retention, retention_due
from cohorts.limits import MIN_WISHES
from cohorts.models import Cohort
from cohorts.reminders import At, CohortRule
from eig.models import User
from eig.reminders.registry import Before, Due, DueReminders, ReminderRule, register

# The reviewers' queue. Change this name if the queue moves.
REVIEW_QUEUE_URL_NAME = "review:queue"


# --- Candidates whose application is still a draft: 7 and 2 days before the candidates call closes.


def draft_applications(cohort_ids, now):
    return Application.objects.filter(
        cohort_id__in=cohort_ids, status=ApplicationStatus.DRAFT, candidate__is_active=True
    ).values_list("candidate_id", "id", "cohort_id")


def draft_application_still(user_id, application_id, now):
    return Application.objects.filter(pk=application_id, candidate_id=user_id, status=ApplicationStatus.DRAFT)


APPLICATION_DRAFT = register(
    CohortRule(
        key="application_draft",
        deadline_field="candidates_call_closes_at",
        send_points=(Before(days=7), Before(days=2)),
        object_type="applications.application",
        recipients=draft_applications,
        still_to_act=draft_application_still,
        template="application_draft",
        action_url=lambda application_id: reverse("applications:space"),
        reason=_(
            "Vous recevez ce message parce que vous avez commencé une candidature sur la plateforme EIG "
            "sans la déposer, et que l'appel à candidatures va fermer."
        ),
    )
)


# --- Programme staff with submitted applications they have not reviewed: 3 days before the
# pre-selection results. The object is the cohort (one reminder per reviewer and cohort).


def _unreviewed(reviewer) -> "Application":
    return Application.objects.filter(cohort_id=OuterRef("pk"), status=ApplicationStatus.SUBMITTED).exclude(
        reviews__reviewer_id=reviewer
    )


def reviewers_with_unreviewed(cohort_ids, now):
    """Each active staff member and each cohort where a submitted application awaits their review."""
    unreviewed_cohorts = (
        Application.objects.filter(cohort_id__in=cohort_ids, status=ApplicationStatus.SUBMITTED)
        .filter(
            ~Exists(PreselectionReview.objects.filter(application=OuterRef("pk"), reviewer=OuterRef(OuterRef("pk"))))
        )
        .order_by()
        .values("cohort_id")
        .distinct()
    )
    rows = (
        User.objects.filter(is_staff=True, is_active=True)
        .annotate(cohort_ids=ArraySubquery(unreviewed_cohorts))
        .values_list("pk", "cohort_ids")
    )
    return [(user_id, cohort_id, cohort_id) for user_id, ids in rows for cohort_id in ids]


def reviewer_still_has_unreviewed(user_id, cohort_id, now):
    """The cohort (a queryset), with `unreviewed_count`, if the reviewer (still active staff) has
    applications to review."""
    count = _unreviewed(user_id).order_by().values("cohort_id").annotate(n=Count("pk")).values("n")
    return (
        Cohort.objects.filter(pk=cohort_id)
        .filter(Exists(User.objects.filter(pk=user_id, is_staff=True, is_active=True)))
        .annotate(unreviewed_count=Subquery(count))
        .filter(unreviewed_count__gt=0)
    )


PRESELECTION_REVIEWS = register(
    CohortRule(
        key="preselection_reviews",
        deadline_field="preselection_results_at",
        send_points=(Before(days=3),),
        object_type="cohorts.cohort",
        cohort_path="",  # the object is the cohort
        recipients=reviewers_with_unreviewed,
        still_to_act=reviewer_still_has_unreviewed,
        template="preselection_reviews",
        action_url=lambda cohort_id: reverse(REVIEW_QUEUE_URL_NAME),
        reason=_(
            "Vous recevez ce message parce que vous faites partie de l'équipe du programme et que des "
            "candidatures déposées n'ont pas encore reçu votre évaluation."
        ),
    )
)


# --- Pre-selected candidates with fewer than 3 wishes: when wishes open, then 3 days and 1 day
# before they close.


def _incomplete_wishes():
    return (
        Application.objects.filter(status=ApplicationStatus.PRESELECTED, candidate__is_active=True)
        .annotate(wish_count=Count("wishes"))
        .filter(wish_count__lt=MIN_WISHES)
    )


def candidates_with_incomplete_wishes(cohort_ids, now):
    return _incomplete_wishes().filter(cohort_id__in=cohort_ids).values_list("candidate_id", "id", "cohort_id")


def wishes_still_incomplete(user_id, application_id, now):
    return _incomplete_wishes().filter(pk=application_id, candidate_id=user_id)


WISHES_INCOMPLETE = register(
    CohortRule(
        key="wishes_incomplete",
        deadline_field="wishes_close_at",
        send_points=(At("wishes_open_at"), Before(days=3), Before(days=1)),
        object_type="applications.application",
        recipients=candidates_with_incomplete_wishes,
        still_to_act=wishes_still_incomplete,
        template="wishes_incomplete",
        action_url=lambda application_id: reverse("applications:wishes"),
        reason=format_lazy(
            _(
                "Vous recevez ce message parce que votre candidature est présélectionnée et que vous avez "
                "classé moins de {min} défis dans vos vœux."
            ),
            min=MIN_WISHES,
        ),
    )
)


# --- The notice before a file is purged: 14 days before its purge date (applications.retention). The
# deadline is each file's own purge date, so the scope of a ledger row is the application itself.


class RetentionSchedule:
    """The files due for purge within the notice period, not under hold (one computation per sweep)."""

    def load(self, rules, now):
        return [
            retention
            for retention in retention_due(now=now, within=dt.timedelta(days=NOTICE_DAYS))
            if not retention.held and retention.application.candidate.is_active
        ]


RETENTION_SCHEDULE = RetentionSchedule()


@dataclass(frozen=True)
class RetentionRule(ReminderRule):
    """The notice to a candidate before their file is purged; scope and object: the application."""

    scope_type: ClassVar[str] = "applications.application"
    scope_cohort: ClassVar[str] = "cohort"

    @property
    def schedule(self) -> RetentionSchedule:
        return RETENTION_SCHEDULE

    def due(self, loaded, now) -> DueReminders:
        reminders = []
        for retention in loaded:
            point = self.point_due(retention.application, retention.due_at, now)
            if point is not None:
                application = retention.application
                reminders.append(
                    Due(application.candidate_id, application.pk, application.pk, retention.due_at, point)
                )
        return DueReminders(frozenset(due.scope_id for due in reminders), tuple(reminders))

    def deadline_is_current(self) -> Q:
        """The row's file is neither purged nor held (a purge date that moved, after a sign-in or a consent,
        is caught by `recheck`, which computes it again)."""
        return Q(
            Exists(Application.objects.filter(pk=OuterRef("scope_id"), purged_at__isnull=True, held_at__isnull=True))
        )

    def recheck(self, delivery, now) -> dict | None:
        application = Application.objects.filter(pk=delivery.scope_id, candidate_id=delivery.recipient_id).first()
        retention = application_retention(application) if application is not None else None
        if retention is None or retention.held or retention.due_at != delivery.deadline:
            return None
        return {
            "object": retention.application,
            "cohort": retention.application.cohort,
            "consent_possible": retention.data_class == RetentionClass.NOT_RETAINED,
            "data_url": f"{settings.SITE_URL}{reverse(MY_DATA_URL_NAME)}",
        }


# The person's « Mes données » page (eig.views), where they download their data and give their consent.
MY_DATA_URL_NAME = "my_data"

RETENTION_NOTICE = register(
    RetentionRule(
        key="retention_notice",
        send_points=(Before(days=NOTICE_DAYS),),
        object_type="applications.application",
        template="emails/applications/retention_notice",
        action_url=lambda application_id: reverse(MY_DATA_URL_NAME),
        reason=_(
            "Vous recevez ce message parce que vous avez candidaté au programme EIG et que la durée de "
            "conservation de votre dossier arrive à son terme."
        ),
    )
)
