"""Reminder rules whose deadline is a date of the cohort calendar (docs/reminders.md).

The reminder engine (eig/reminders) knows nothing of cohorts; `CohortRule` tells it where these
rules find their deadlines: the cohorts where one is still ahead (one query per sweep for all of
them), the Cohort field holding each rule's deadline, and send points that may be other dates of
the same calendar (`At("wishes_open_at")`). The apps' `reminders.py` declare their rules with it.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Exists, OuterRef, Q, QuerySet

from cohorts.models import Cohort
from eig.dates import passed_deadlines_cutoff
from eig.reminders.registry import Due, DueReminders, ReminderRule, SendPoint

# (user id, object id, cohort id) of each person who still has to act.
Recipient = tuple[int, int, int]


@dataclass(frozen=True)
class At:
    """Send at another date of the cohort's calendar (e.g. when wishes open)."""

    field: str
    name: str = ""

    @property
    def label(self) -> str:
        # "wishes_open_at" -> "open", unless a name is given.
        return self.name or self.field.removesuffix("_at").rsplit("_", 1)[-1]

    def send_at(self, cohort: Cohort, deadline: dt.datetime) -> dt.datetime | None:
        return getattr(cohort, self.field)


class CohortCalendar:
    """The schedule of the calendar rules: the few cohorts where one of their deadlines has not
    passed, in one query for all of them."""

    def load(self, rules: Sequence["CohortRule"], now: dt.datetime) -> list[Cohort]:
        cutoff = passed_deadlines_cutoff(now)
        condition = Q()
        for field in sorted({rule.deadline_field for rule in rules}):
            condition |= Q(**{f"{field}__gte": cutoff})
        return list(Cohort.objects.filter(condition)) if condition else []


COHORT_CALENDAR = CohortCalendar()


@dataclass(frozen=True)
class CohortRule(ReminderRule):
    """A reminder before a date of the cohort calendar. Besides the fields of `ReminderRule`:

    - `deadline_field`: the Cohort date the reminder is about; its value at sweep time is stored in
      the ledger, so moving it gives the new deadline reminders of its own;
    - `recipients(cohort_ids, now)`: everyone who still has to act in those cohorts, as
      (user id, object id, cohort id), in ONE query whatever their number;
    - `still_to_act(user_id, object_id, now)`: a queryset of the object, empty once the user no
      longer has to act (run again just before sending, with the deadline checked, in one query);
    - `cohort_path`: the lookup from the object to its cohort ("cohort"), "" when the object is
      the cohort itself.
    """

    scope_type: ClassVar[str] = "cohorts.cohort"
    scope_cohort: ClassVar[str] = "pk"

    deadline_field: str
    recipients: Callable[[Iterable[int], dt.datetime], Iterable[Recipient]]
    still_to_act: Callable[[int, int, dt.datetime], QuerySet]
    cohort_path: str = "cohort"

    @property
    def schedule(self) -> CohortCalendar:
        return COHORT_CALENDAR

    def deadline(self, cohort: Cohort) -> dt.datetime | None:
        return getattr(cohort, self.deadline_field)

    def due_point(self, cohort: Cohort, now: dt.datetime) -> SendPoint | None:
        """The send point due now for this cohort (see ReminderRule.point_due)."""
        return self.point_due(cohort, self.deadline(cohort), now)

    def due(self, loaded: list[Cohort], now: dt.datetime) -> DueReminders:
        due = {cohort.pk: (cohort, point) for cohort in loaded if (point := self.due_point(cohort, now)) is not None}
        if not due:
            return DueReminders()
        reminders = []
        for user_id, object_id, cohort_id in {tuple(row) for row in self.recipients(list(due), now)}:
            if cohort_id in due:
                cohort, point = due[cohort_id]
                reminders.append(Due(user_id, object_id, cohort_id, self.deadline(cohort), point))
        return DueReminders(frozenset(due), tuple(reminders))

    def deadline_is_current(self) -> Q:
        return Q(Exists(Cohort.objects.filter(pk=OuterRef("scope_id"), **{self.deadline_field: OuterRef("deadline")})))

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        path = self.cohort_path
        # The object, if its cohort is the row's and its deadline is still the row's.
        pending = self.still_to_act(delivery.recipient_id, delivery.object_id, now).filter(
            **{
                path or "pk": delivery.scope_id,
                f"{path}__{self.deadline_field}" if path else self.deadline_field: delivery.deadline,
            }
        )
        target = (pending.select_related(path) if path else pending).first()
        if target is None:
            return None
        cohort = target
        for attribute in filter(None, path.split("__")):
            cohort = getattr(cohort, attribute)
        return {"object": target, "cohort": cohort}
