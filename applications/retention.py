"""When is a candidate's file due for purge: the one computation, used by the daily task, the notice 14
days before, the staff's page and the candidate's « Mes données » (docs/personal-data.md).

The data classes and their periods are the cohort's (cohorts.Cohort `retention_*`, CNIL defaults):

- a draft never submitted: `retention_drafts_days` after the candidates call closes;
- a submitted application that did not lead to a contract: `retention_not_retained_months` after the
  **last contact**, or `retention_consent_months` when the candidate agreed to a longer retention;
- an application that led to a contract (a fellow): kept as long as an upper app says so (fellowship
  declares a keeper: `retention_contract_years` after the contract ends).

The last contact is the latest of: the results of the cohort's selection (nothing is purged while the
selection runs), the application's last status change, its last edit, its submission, and the
candidate's last sign-in. A file under hold (litigation) is never due.

Upper apps plug in here without being imported: a *keeper* (`register_keeper(Keeper(...))`) says until
when it keeps some applications, through annotations of the one query; a *purge step*
(`register_purge_step`) empties what it holds about purged applications (the audition scorecards'
comments, say). They register from their `privacy.py`, which
`eig.privacy.declarations()` imports."""

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Least
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus, ApplicationTransition
from eig.dates import PARIS
from eig.privacy import declarations

# The notice goes this many days before the purge date.
NOTICE_DAYS = 14


class RetentionClass(models.TextChoices):
    DRAFT = "draft", _("Brouillon jamais déposé")
    NOT_RETAINED = "not_retained", _("Candidature non retenue")
    CONSENT = "consent", _("Candidature non retenue, gardée avec l'accord de la personne")
    CONTRACT = "contract", _("Données de contrat d'un·e lauréat·e")


@dataclass(frozen=True)
class Keeper:
    """An upper app's reason to keep some applications longer: `annotations` are added to the one query
    that reads the applications (a subquery of the app's own rows), `kept_until(application)` reads them
    back: the date until which the application is kept, or None."""

    annotations: dict
    kept_until: Callable[[Application], dt.datetime | None]


# purge step(application ids): empty what an app holds about these applications
PurgeStep = Callable[[list[int]], None]

_keepers: list[Keeper] = []
_purge_steps: list[PurgeStep] = []


def register_keeper(keeper: Keeper) -> Keeper:
    if keeper not in _keepers:
        _keepers.append(keeper)
    return keeper


def register_purge_step(step: PurgeStep) -> PurgeStep:
    if step not in _purge_steps:
        _purge_steps.append(step)
    return step


def purge_steps() -> list[PurgeStep]:
    declarations()  # imports every app's privacy.py, where steps register
    return list(_purge_steps)


def add_months(when: dt.datetime, months: int) -> dt.datetime:
    """`when` plus whole calendar months on the Paris calendar (31 January + 1 month = 28 or 29 February;
    11 June 23:59 + 6 months = 11 December 23:59, across the change of clocks)."""
    when = when.astimezone(PARIS)
    month_index = when.month - 1 + months
    year, month = when.year + month_index // 12, month_index % 12 + 1
    return when.replace(year=year, month=month, day=min(when.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retention:
    """When an application is due for purge (`due_at`), for which class of data, from which last contact;
    `held`: under hold, so never purged while it lasts."""

    application: Application
    due_at: dt.datetime
    data_class: RetentionClass
    last_contact: dt.datetime | None
    held: bool

    @property
    def notice_at(self) -> dt.datetime:
        return self.due_at - dt.timedelta(days=NOTICE_DAYS)


def retention_queryset(queryset: QuerySet[Application] | None = None) -> QuerySet[Application]:
    """Applications not purged yet, with what the computation reads, the keepers' too (one query)."""
    queryset = Application.objects.all() if queryset is None else queryset
    declarations()  # imports every app's privacy.py, where keepers register
    annotations = {name: value for keeper in _keepers for name, value in keeper.annotations.items()}
    last_change = ApplicationTransition.objects.filter(application=OuterRef("pk")).order_by("-at").values("at")[:1]
    return (
        queryset.filter(purged_at__isnull=True)
        .select_related("cohort", "candidate")
        .annotate(last_change_at=Subquery(last_change), **annotations)
    )


def last_contact(application: Application) -> dt.datetime:
    """The latest of the selection's results, the last status change, the last edit, the submission and
    the candidate's last sign-in (`last_change_at` from `retention_queryset`)."""
    moments = [
        application.cohort.results_at,
        getattr(application, "last_change_at", None),
        application.updated_at,
        application.submitted_at,
        application.candidate.last_login,
    ]
    return max(moment for moment in moments if moment is not None)


def _kept_until(application: Application) -> dt.datetime | None:
    dates = [until for keeper in _keepers if (until := keeper.kept_until(application)) is not None]
    return max(dates) if dates else None


def _retention(application: Application, kept_until: dt.datetime | None) -> Retention:
    cohort = application.cohort
    held = application.held_at is not None
    if kept_until is not None:
        return Retention(application, kept_until, RetentionClass.CONTRACT, None, held)
    if application.status == ApplicationStatus.DRAFT and application.submitted_at is None:
        due = cohort.candidates_call_closes_at + dt.timedelta(days=cohort.retention_drafts_days)
        return Retention(application, due, RetentionClass.DRAFT, None, held)
    contact = last_contact(application)
    if application.retention_consent_at is not None:
        due = add_months(contact, cohort.retention_consent_months)
        return Retention(application, due, RetentionClass.CONSENT, contact, held)
    due = add_months(contact, cohort.retention_not_retained_months)
    return Retention(application, due, RetentionClass.NOT_RETAINED, contact, held)


def applications_retention(queryset: QuerySet[Application] | None = None) -> list[Retention]:
    """Each application's retention (the queryset's, not purged), in a constant number of queries."""
    return [_retention(application, _kept_until(application)) for application in retention_queryset(queryset)]


def application_retention(application: Application) -> Retention | None:
    """One application's retention; None once purged."""
    found = applications_retention(Application.objects.filter(pk=application.pk))
    return found[0] if found else None


# A margin for the pre-filter below: PostgreSQL adds months on the UTC calendar, add_months on Paris's.
PREFILTER_MARGIN = dt.timedelta(days=2)


def could_be_due(horizon: dt.datetime) -> Q:
    """The applications of the cohorts where a file can be due by `horizon` (a pre-filter, in SQL, a little
    wide): a draft's date, or the selection's results plus the shorter of the two periods, has come — a
    keeper only keeps a file longer. The current cohort's applications are left alone until then."""
    cohort = "cohort__"
    drafts_due = F(f"{cohort}candidates_call_closes_at") + F(f"{cohort}retention_drafts_days") * Value(
        dt.timedelta(days=1), output_field=models.DurationField()
    )
    months = Least(F(f"{cohort}retention_not_retained_months"), F(f"{cohort}retention_consent_months"))
    month = RawSQL("interval '1 month'", [], output_field=models.DurationField())
    files_due = F(f"{cohort}results_at") + months * month
    limit = Value(horizon + PREFILTER_MARGIN, output_field=models.DateTimeField())
    return Q(LessThanOrEqual(ExpressionWrapper(drafts_due, models.DateTimeField()), limit)) | Q(
        LessThanOrEqual(ExpressionWrapper(files_due, models.DateTimeField()), limit)
    )


def retention_due(
    *, now: dt.datetime | None = None, within: dt.timedelta = dt.timedelta(0), cohort_ids: Iterable[int] | None = None
) -> list[Retention]:
    """What is due for purge by `now + within` (held files included: the caller skips them), soonest
    first. Only the cohorts whose candidates call closed are read."""
    now = now or timezone.now()
    horizon = now + within
    queryset = Application.objects.filter(could_be_due(horizon), cohort__candidates_call_closes_at__lte=horizon)
    if cohort_ids is not None:
        queryset = queryset.filter(cohort_id__in=list(cohort_ids))
    due = [retention for retention in applications_retention(queryset) if retention.due_at <= horizon]
    return sorted(due, key=lambda retention: (retention.due_at, retention.application.pk))
