"""Declarative reminder rules and their registry.

A rule says who must act (recipients), on what (objects), before which deadline, when to remind them
(send points) and with which e-mail. The engine knows nothing of any app: each rule finds its own
deadlines through the hooks of `ReminderRule`, so a deadline may be a date of the cohort calendar
(cohorts/reminders.py builds those rules) or a date of each object (an offer, an audition slot).
Apps declare their rules in a `reminders.py` module, found by `autodiscover_modules("reminders")`
the first time the registry is read.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import autodiscover_modules

from eig.dates import deadline_has_passed

# Separates a rule's key from its send point's label in the ledger: "challenge_draft:7d".
KEY_SEPARATOR = ":"


class SendPoint(Protocol):
    """When to remind, given what carries the deadline (`scope`, e.g. the cohort) and the deadline."""

    @property
    def label(self) -> str: ...

    def send_at(self, scope, deadline: dt.datetime) -> dt.datetime | None: ...


@dataclass(frozen=True)
class Before:
    """Send `days` days, or `hours` hours, before the rule's deadline."""

    days: int = 0
    hours: int = 0

    @property
    def label(self) -> str:
        return f"{self.hours}h" if self.hours else f"{self.days}d"

    def send_at(self, scope, deadline: dt.datetime) -> dt.datetime:
        if self.hours:
            # Hours are elapsed time: 24 hours before is 24 hours before, across a change of clocks too.
            return deadline.astimezone(dt.UTC) - dt.timedelta(hours=self.hours)
        # Days on the Paris calendar: 7 days before 23:59 is 23:59, even across a change of clocks.
        return deadline.astimezone(ZoneInfo(settings.TIME_ZONE)) - dt.timedelta(days=self.days)


@dataclass(frozen=True)
class Due:
    """One reminder due now: `recipient_id` still has to act on `object_id` before `deadline`;
    `scope_id` is what carries the deadline (the cohort for a calendar date, or the object itself);
    `point` is the send point whose time has come."""

    recipient_id: int
    object_id: int
    scope_id: int
    deadline: dt.datetime
    point: SendPoint


@dataclass(frozen=True)
class DueReminders:
    """What a rule has due now. `scope_ids`: the scopes where one of its send points is due (their
    open ledger rows whose recipient is no longer among `reminders` are cancelled)."""

    scope_ids: frozenset[int] = frozenset()
    reminders: tuple[Due, ...] = ()


class Schedule(Protocol):
    """Where rules find their deadlines, loaded once per sweep for all the rules that share it (one
    query for every calendar rule, say), then handed to each rule's `due`."""

    def load(self, rules: Sequence["ReminderRule"], now: dt.datetime) -> Any: ...


@dataclass(frozen=True)
class ReminderRule:
    """One kind of reminder. A concrete rule (cohorts.reminders.CohortRule) implements the hooks below.

    - `key`: a stable identifier, the prefix of the ledger keys ("challenge_draft" -> "challenge_draft:7d");
    - `send_points`: when to remind, e.g. `Before(days=7)`;
    - `object_type`: a label of the objects' model ("challenges.challenge"), stored in the ledger;
    - `template`: the e-mail's base name under templates/emails/reminders/ (`_subject.txt`,
      `_body.txt`, `_body.html`), or a path of the app's own ("emails/auditions/reminder_unscored");
    - `action_url(object_id)`: the path of the page where the action is done;
    - `reason`: the line saying why the recipient gets the e-mail (gettext_lazy).

    `scope_type` (a class attribute) is the model label of what carries the deadlines ("cohorts.cohort"),
    for the admin to show it; `scope_cohort` the lookup from that model to its cohort ("application__cohort"),
    "pk" when the scope is the cohort itself, for the admin to list a cohort's reminders.
    """

    scope_type: ClassVar[str] = ""
    scope_cohort: ClassVar[str] = ""

    key: str
    send_points: tuple[SendPoint, ...]
    object_type: str
    template: str
    action_url: Callable[[int], str]
    reason: str

    def __post_init__(self):
        if KEY_SEPARATOR in self.key:
            raise ValueError(f"A rule key cannot contain {KEY_SEPARATOR!r}: {self.key}")
        labels = [point.label for point in self.send_points]
        if not labels or len(set(labels)) != len(labels):
            raise ValueError(f"Rule {self.key}: send points must be given, with distinct labels.")

    def ledger_key(self, point: SendPoint) -> str:
        return f"{self.key}{KEY_SEPARATOR}{point.label}"

    @property
    def ledger_keys(self) -> list[str]:
        return [self.ledger_key(point) for point in self.send_points]

    def point_due(self, scope, deadline: dt.datetime | None, now: dt.datetime) -> SendPoint | None:
        """The send point due now for a deadline: the latest one whose time has come, while the
        deadline has not passed. Only the latest: someone who becomes a recipient the day before
        the deadline gets one e-mail, not every reminder they "missed"."""
        if deadline is None or deadline_has_passed(deadline, now):
            return None
        passed = [(point.send_at(scope, deadline), index, point) for index, point in enumerate(self.send_points)]
        passed = [entry for entry in passed if entry[0] is not None and entry[0] <= now]
        return max(passed)[2] if passed else None

    # --- The hooks of a concrete rule.

    @property
    def schedule(self) -> Schedule:
        """The `Schedule` this rule reads its deadlines from (shared by similar rules)."""
        raise NotImplementedError

    def due(self, loaded: Any, now: dt.datetime) -> DueReminders:
        """The reminders due now, from what the schedule loaded; queries do not grow with recipients."""
        raise NotImplementedError

    def deadline_is_current(self) -> Q:
        """A condition on ledger rows (`scope_id`, `object_id`, `deadline`): their deadline is still
        the current one. The sweep cancels the open rows of the rule for which it does not hold."""
        raise NotImplementedError

    def recheck(self, delivery, now: dt.datetime) -> dict | None:
        """Just before sending, in one query: the e-mail's context about the object (`object`, and
        what the templates show, e.g. `cohort`) if the recipient still has to act before the same
        deadline, else None."""
        raise NotImplementedError

    def attachments(self, delivery, about: dict) -> list[dict] | None:
        """Files attached to the e-mail (eig.outbox.services.email_send's `attachments`), from what the
        re-check returned: none unless the rule says so (the jurors' day schedule attaches its .ics)."""
        return None


_rules: dict[str, ReminderRule] = {}
_discovered = False


def register(rule: ReminderRule) -> ReminderRule:
    """Add a rule to the registry (a rule registered again under its key replaces the first)."""
    _rules[rule.key] = rule
    return rule


def unregister(key: str) -> None:
    _rules.pop(key, None)


def _discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("reminders")


def all_rules() -> list[ReminderRule]:
    _discover()
    return list(_rules.values())


def rule_for_ledger_key(ledger_key: str) -> ReminderRule | None:
    """The rule of a ledger key ("challenge_draft:7d" -> the challenge_draft rule), or None."""
    _discover()
    return _rules.get(ledger_key.split(KEY_SEPARATOR, 1)[0])
