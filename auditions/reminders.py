"""Reminders of the auditions, registered in the reminder engine (eig/reminders, docs/reminders.md and
docs/auditions.md « Reminders »): jurors who have not scored an audition they sat in, candidates who
have not answered their convocation, jurors who have not declared their links before an audition,
and each juror's schedule the day before each day they audition (auditions.day_schedule).

Their deadlines are dates of each audition (its slot, its answer deadline) or of its cohort (the
deliberation's close), so they are `AuditionRule`s: the scope of a ledger row is the audition itself,
the schedule the booked auditions whose deadline is ahead (one query per sweep for all these rules).
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from auditions.day_schedule import EveAt, JurorDayRule
from auditions.models import (
    ACTIVE_AUDITIONS,
    Audition,
    AuditionScorecard,
    AuditionStatus,
    Declaration,
    Deliberation,
    DeliberationStatus,
    JurorBooking,
    Link,
)
from eig.dates import PARIS, passed_deadlines_cutoff
from eig.reminders.registry import Before, Due, DueReminders, ReminderRule, register

# The pages the links lead to (the juror's audition page, the candidate's auditions). Change these
# names if the pages move.
JUROR_AUDITION_URL_NAME = "auditions:audition"
CANDIDATE_AUDITIONS_URL_NAME = "auditions:candidate_auditions"


@dataclass(frozen=True)
class After:
    """Send `days` days after the audition's end (on the Paris calendar): the scope is the audition."""

    days: int

    @property
    def label(self) -> str:
        return f"after{self.days}d"

    def send_at(self, audition: Audition, deadline: dt.datetime) -> dt.datetime:
        return audition.ends_at.astimezone(PARIS) + dt.timedelta(days=self.days)


class AuditionSchedule:
    """The schedule of the audition rules: the booked auditions, not cancelled, for which one of the
    rules' deadlines is ahead, with their cohort, in one query for all of them."""

    def load(self, rules: Sequence["AuditionRule"], now: dt.datetime) -> list[Audition]:
        cutoff = passed_deadlines_cutoff(now)
        condition = Q()
        for field in sorted({rule.deadline_field for rule in rules}):
            condition |= Q(**{f"{field}__gte": cutoff})
        if not condition:
            return []
        booked = Audition.objects.filter(ACTIVE_AUDITIONS, starts_at__isnull=False)
        return list(booked.filter(condition).select_related("application__cohort"))


AUDITION_SCHEDULE = AuditionSchedule()


@dataclass(frozen=True)
class AuditionRule(ReminderRule):
    """A reminder before a date of each audition. Besides the fields of `ReminderRule`:

    - `deadline_field`: the lookup from the audition to its deadline ("answer_by",
      "application__cohort__results_at"); its value at sweep time is stored in the ledger;
    - `pending(now)`: a queryset of whoever still has to act, one row per (recipient, audition);
    - `recipient_field`, `audition_field`: the fields of those rows holding the recipient's id and
      the audition's ("juror_id" and "audition_id" of a JurorBooking).

    The recipients of a sweep and the re-check before sending both read `pending`: one query each.
    """

    scope_type: ClassVar[str] = "auditions.audition"
    scope_cohort: ClassVar[str] = "jury__cohort"

    deadline_field: str
    pending: Callable[[dt.datetime], QuerySet]
    recipient_field: str
    audition_field: str

    @property
    def schedule(self) -> AuditionSchedule:
        return AUDITION_SCHEDULE

    def deadline(self, audition: Audition) -> dt.datetime | None:
        value = audition
        for attribute in self.deadline_field.split("__"):
            value = getattr(value, attribute)
        return value

    def due(self, loaded: list[Audition], now: dt.datetime) -> DueReminders:
        due = {}
        for audition in loaded:
            deadline = self.deadline(audition)
            point = self.point_due(audition, deadline, now)
            if point is not None:
                due[audition.pk] = (deadline, point)
        if not due:
            return DueReminders()
        rows = self.pending(now).filter(**{f"{self.audition_field}__in": list(due)})
        reminders = [
            Due(user_id, audition_id, audition_id, *due[audition_id])
            for user_id, audition_id in set(rows.values_list(self.recipient_field, self.audition_field))
        ]
        return DueReminders(frozenset(due), tuple(reminders))

    def deadline_is_current(self) -> Q:
        """The row's audition is still active and its deadline is still the row's."""
        current = Audition.objects.filter(ACTIVE_AUDITIONS, pk=OuterRef("scope_id"))
        return Q(Exists(current.filter(**{self.deadline_field: OuterRef("deadline")})))

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        still = self.pending(now).filter(
            **{self.audition_field: OuterRef("pk"), self.recipient_field: delivery.recipient_id}
        )
        audition = (
            Audition.objects.filter(ACTIVE_AUDITIONS, Exists(still), pk=delivery.scope_id)
            .filter(**{self.deadline_field: delivery.deadline})
            .select_related("application__cohort", "application__candidate", "challenge", "jury")
            .first()
        )
        return None if audition is None else {"object": audition, "audition": audition, "cohort": audition.cohort}


def juror_audition_url(audition_id: int) -> str:
    return reverse(JUROR_AUDITION_URL_NAME, args=[audition_id])


# The rules whose recipients are the jurors of each audition: rows of JurorBooking (one per juror of
# the jury per booked audition), and a link to the juror's audition page.
FOR_EACH_JUROR = {
    "object_type": "auditions.audition",
    "recipient_field": "juror_id",
    "audition_field": "audition_id",
    "action_url": juror_audition_url,
}


# --- Jurors who have not scored an audition they sat in: the day after it, then 2 days before the
# deliberation closes (the cohort's results). Not those who recused themselves, nor once the
# deliberation of the audition's challenge and profile is closed (scorecards can no longer change).


def jurors_without_scorecard(now: dt.datetime) -> QuerySet:
    """The jurors of each audition held (ended by `now`) who have neither scored it nor declared a link."""
    audition, juror = OuterRef("audition"), OuterRef("juror")
    closed = Deliberation.objects.filter(
        challenge=OuterRef("audition__challenge"), profile=OuterRef("audition__application__profile")
    ).exclude(status=DeliberationStatus.OPEN)
    return JurorBooking.objects.filter(
        audition__ends_at__lte=now,
        juror__is_active=True,
        audition__status__in=[AuditionStatus.CONVENED, AuditionStatus.CONFIRMED, AuditionStatus.CHANGE_REQUESTED],
    ).exclude(
        Exists(AuditionScorecard.objects.filter(audition=audition, juror=juror))
        | Exists(Declaration.objects.filter(audition=audition, juror=juror).exclude(link=Link.NONE))
        | Exists(closed)
    )


AUDITION_UNSCORED = register(
    AuditionRule(
        key="audition_unscored",
        deadline_field="application__cohort__results_at",
        send_points=(After(days=1), Before(days=2)),
        pending=jurors_without_scorecard,
        template="emails/auditions/reminder_unscored",
        reason=_(
            "Vous recevez ce message parce que vous siégez dans le jury de cette audition et que vous ne "
            "l'avez pas encore évaluée."
        ),
        **FOR_EACH_JUROR,
    )
)


# --- Candidates who have not answered their convocation: 24 hours before the answer deadline.


def unanswered_convocations(now: dt.datetime) -> QuerySet:
    return Audition.objects.filter(
        status=AuditionStatus.CONVENED, answer_by__isnull=False, application__candidate__is_active=True
    )


CONVOCATION_UNANSWERED = register(
    AuditionRule(
        key="convocation_unanswered",
        deadline_field="answer_by",
        send_points=(Before(hours=24),),
        object_type="auditions.audition",
        pending=unanswered_convocations,
        recipient_field="application__candidate_id",
        audition_field="pk",
        template="emails/auditions/reminder_convocation",
        action_url=lambda audition_id: reverse(CANDIDATE_AUDITIONS_URL_NAME),
        reason=_(
            "Vous recevez ce message parce que vous êtes convoqué·e à une audition du programme EIG et que "
            "vous n'avez pas encore confirmé l'horaire ni demandé à le changer."
        ),
    )
)


# --- Jurors who have not declared their links for an audition of their jury: 2 days before it.


def jurors_without_declaration(now: dt.datetime) -> QuerySet:
    return JurorBooking.objects.filter(juror__is_active=True).exclude(
        Exists(Declaration.objects.filter(audition=OuterRef("audition"), juror=OuterRef("juror")))
    )


DECLARATION_MISSING = register(
    AuditionRule(
        key="declaration_missing",
        deadline_field="starts_at",
        send_points=(Before(days=2),),
        pending=jurors_without_declaration,
        template="emails/auditions/reminder_declaration",
        reason=_(
            "Vous recevez ce message parce que vous siégez dans le jury de cette audition et que vous n'avez "
            "pas encore déclaré vos éventuels liens avec la personne auditionnée."
        ),
        **FOR_EACH_JUROR,
    )
)


# --- Jurors, the day before each day they audition: the day's schedule with its .ics (once per juror and day).

JUROR_DAY = register(
    JurorDayRule(
        key="juror_day_schedule",
        send_points=(EveAt(hour=9),),
        object_type="auditions.day",
        template="juror_day_schedule",
        action_url=lambda day: reverse("auditions:juror_agenda"),
        reason=_("Vous recevez ce message parce que vous siégez dans un jury d'audition du programme EIG."),
    )
)
