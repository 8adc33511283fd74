"""Reads of the reminder engine for the admin: what carries each ledger row's deadline (its scope),
found through the row's rule, since the ledger refers to no app's model."""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Model, Q

from eig.reminders.models import ReminderDelivery
from eig.reminders.registry import all_rules, rule_for_ledger_key


def reminder_scope_types() -> dict[str, list[str]]:
    """Each model label of a scope ("cohorts.cohort") -> the ledger keys of the rules using it."""
    keys = defaultdict(list)
    for rule in all_rules():
        if rule.scope_type:
            keys[rule.scope_type] += rule.ledger_keys
    return dict(keys)


def reminder_scopes(deliveries: Iterable[ReminderDelivery]) -> dict[int, Model]:
    """Each row's id -> its scope (what carries its deadline), in one query per scope type."""
    wanted = defaultdict(dict)
    for delivery in deliveries:
        rule = rule_for_ledger_key(delivery.rule)
        if rule is not None and rule.scope_type:
            wanted[rule.scope_type].setdefault(delivery.scope_id, []).append(delivery.pk)
    scopes = {}
    for label, rows in wanted.items():
        for scope in apps.get_model(label)._default_manager.filter(pk__in=rows):
            scopes.update(dict.fromkeys(rows[scope.pk], scope))
    return scopes


def reminders_of_cohort(cohort_id: int) -> Q:
    """The ledger rows whose scope belongs to the cohort (the cohort itself, or one of its applications,
    auditions, offers, sessions…), through each rule's `scope_cohort`: one subquery per scope type."""
    paths = defaultdict(list)
    for rule in all_rules():
        if rule.scope_type and rule.scope_cohort:
            paths[rule.scope_type, rule.scope_cohort] += rule.ledger_keys
    condition = Q(pk__in=[])
    for (label, path), keys in paths.items():
        if path == "pk":
            condition |= Q(rule__in=keys, scope_id=cohort_id)
        else:
            scopes = apps.get_model(label)._default_manager.filter(**{path: cohort_id}).values("pk")
            condition |= Q(rule__in=keys, scope_id__in=scopes)
    return condition


def reminder_cohort_choices() -> list[tuple[str, Model]]:
    """The cohorts, for the admin's « promotion » filter: ("7", the cohort), latest first. The cohort's
    model is the scope of the rules whose scope is the cohort itself (the kernel imports no app)."""
    labels = {rule.scope_type for rule in all_rules() if rule.scope_cohort == "pk"}
    choices = []
    for label in sorted(labels):
        model = apps.get_model(label)
        choices += [(str(cohort.pk), cohort) for cohort in model._default_manager.order_by("-pk")]
    return choices


def reminder_scope_choices() -> list[tuple[str, Model]]:
    """The scopes that have ledger rows, for the admin's filter: ("cohorts.cohort:7", the cohort)."""
    choices = []
    for label, keys in reminder_scope_types().items():
        ids = ReminderDelivery.objects.filter(rule__in=keys).values("scope_id")
        choices += [
            (f"{label}:{scope.pk}", scope) for scope in apps.get_model(label)._default_manager.filter(pk__in=ids)
        ]
    return choices
