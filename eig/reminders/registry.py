"""Declarative reminder rules and their registry.

A rule says who must act (recipients), on what (objects), before which cohort date (the deadline),
when to remind them (send points) and with which e-mail. Apps declare their rules in a
`reminders.py` module, found by `autodiscover_modules("reminders")` the first time the registry is
read; the engine (eig.reminders.services) knows nothing of any app.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

from eig.dates import deadline_has_passed

# Separates a rule's key from its send point's label in the ledger: "challenge_draft:7d".
KEY_SEPARATOR = ":"


@dataclass(frozen=True)
class Before:
    """Send `days` days before the rule's deadline."""

    days: int

    @property
    def label(self) -> str:
        return f"{self.days}d"

    def send_at(self, cohort, deadline: dt.datetime) -> dt.datetime:
        # Days on the Paris calendar: 7 days before 23:59 is 23:59, even across a change of clocks.
        return deadline.astimezone(ZoneInfo(settings.TIME_ZONE)) - dt.timedelta(days=self.days)


@dataclass(frozen=True)
class At:
    """Send at another date of the cohort's calendar (e.g. when wishes open)."""

    field: str
    name: str = ""

    @property
    def label(self) -> str:
        # "wishes_open_at" -> "open", unless a name is given.
        return self.name or self.field.removesuffix("_at").rsplit("_", 1)[-1]

    def send_at(self, cohort, deadline: dt.datetime) -> dt.datetime:
        return getattr(cohort, self.field)


SendPoint = Before | At
# (user id, object id, cohort id) of each person who still has to act.
Recipient = tuple[int, int, int]


@dataclass(frozen=True)
class ReminderRule:
    """One kind of reminder.

    - `key`: a stable identifier, the prefix of the ledger keys ("challenge_draft" -> "challenge_draft:7d");
    - `deadline_field`: the Cohort date the reminder is about; its value at sweep time is stored in
      the ledger, so moving it gives the new deadline reminders of its own;
    - `send_points`: when to remind, `Before(days=7)` or `At("wishes_open_at")`;
    - `object_type`: a label of the objects' model ("challenges.challenge"), stored in the ledger;
    - `recipients(cohort_ids, now)`: everyone who still has to act in those cohorts, as
      (user id, object id, cohort id), in ONE query whatever their number;
    - `still_to_act(user_id, object_id, now)`: the object if the user still has to act, else None,
      in one query (checked again just before sending);
    - `template`: the e-mail's base name under templates/emails/reminders/ (`_subject.txt`,
      `_body.txt`, `_body.html`);
    - `action_url(object_id)`: the path of the page where the action is done;
    - `reason`: the line saying why the recipient gets the e-mail (gettext_lazy).
    """

    key: str
    deadline_field: str
    send_points: tuple[SendPoint, ...]
    object_type: str
    recipients: Callable[[Iterable[int], dt.datetime], Iterable[Recipient]]
    still_to_act: Callable[[int, int, dt.datetime], object | None]
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

    def deadline(self, cohort) -> dt.datetime:
        return getattr(cohort, self.deadline_field)

    def due_point(self, cohort, now: dt.datetime) -> SendPoint | None:
        """The send point due now for this cohort: the latest one whose time has come, while the
        deadline has not passed. Only the latest: someone who becomes a recipient the day before
        the deadline gets one e-mail, not every reminder they "missed"."""
        deadline = self.deadline(cohort)
        if deadline is None or deadline_has_passed(deadline, now):
            return None
        passed = [(point.send_at(cohort, deadline), index, point) for index, point in enumerate(self.send_points)]
        passed = [entry for entry in passed if entry[0] is not None and entry[0] <= now]
        return max(passed)[2] if passed else None


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
