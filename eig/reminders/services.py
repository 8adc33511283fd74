"""Writes of the reminder engine: the sweep (what is due goes into the ledger and to the workers),
the delivery of one ledger row (claimed atomically, sent once), and the admin's retry.

Exactly once: the ledger's unique constraint makes each reminder exist once, however many sweeps
run; the claim (one filtered UPDATE) lets one worker only send it; a worker that dies leaves its
row `sending`, which a later sweep hands out again once it is stale. See docs/reminders.md.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from eig.dates import passed_deadlines_cutoff
from eig.emails import email_render
from eig.enqueue import enqueue
from eig.outbox.delivery import send_claimed
from eig.outbox.services import email_send
from eig.reminders.models import DeliveryStatus, ReminderDelivery
from eig.reminders.registry import DueReminders, ReminderRule, all_rules, rule_for_ledger_key

BATCH_SIZE = 1000
# The task that delivers one ledger row, by name (eig.tasks imports this module, not the other way round).
DELIVER_TASK = "eig.tasks.deliver_reminder"


@dataclass
class SweepResult:
    cancelled: int = 0
    enqueued: int = 0


def _enqueue(ids: list[int], queue: str | None) -> None:
    # One broker connection for the whole batch, rather than one taken from the pool per message.
    enqueue(DELIVER_TASK, [[pk] for pk in ids], queue=queue)


def _record_due(rule: ReminderRule, due: DueReminders, now: dt.datetime) -> int:
    """Insert the rule's missing ledger rows for what is due, and cancel the open rows of the scopes
    where a send point is due whose recipient has acted since. Queries do not grow with recipients."""
    if not due.scope_ids:
        return 0
    rows = [
        ReminderDelivery(
            rule=rule.ledger_key(reminder.point),
            recipient_id=reminder.recipient_id,
            scope_id=reminder.scope_id,
            object_type=rule.object_type,
            object_id=reminder.object_id,
            deadline=reminder.deadline,
        )
        for reminder in due.reminders
    ]
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH_SIZE)

    still_to_act = {(reminder.recipient_id, reminder.object_id, reminder.scope_id) for reminder in due.reminders}
    open_rows = ReminderDelivery.objects.open(now).filter(rule__in=rule.ledger_keys, scope_id__in=due.scope_ids)
    acted = [
        pk
        for pk, *reminder in open_rows.values_list("pk", "recipient_id", "object_id", "scope_id")
        if tuple(reminder) not in still_to_act
    ]
    if not acted:
        return 0
    # The status condition is checked again by the UPDATE: a row claimed meanwhile is left alone.
    return ReminderDelivery.objects.open(now).filter(pk__in=acted).update(status=DeliveryStatus.CANCELLED)


def reminders_sweep(*, now: dt.datetime | None = None, queue: str | None = None) -> SweepResult:
    """Find every reminder due now, record it in the ledger and hand each deliverable row to a
    worker (on `queue`, or the default one). Safe to run often, twice at once, or after a crash."""
    now = now or timezone.now()
    rules = all_rules()
    result = SweepResult()
    # Each schedule (the cohort calendar, say) is loaded once for all the rules that read it.
    loaded = {}
    for rule in rules:
        if rule.schedule not in loaded:
            sharing = [other for other in rules if other.schedule == rule.schedule]
            loaded[rule.schedule] = rule.schedule.load(sharing, now)
        result.cancelled += _record_due(rule, rule.due(loaded[rule.schedule], now), now)

    # Past deadlines, and deadlines that moved: those reminders no longer make sense.
    moved = Q()
    for rule in rules:
        moved |= Q(rule__in=rule.ledger_keys) & ~rule.deadline_is_current()
    result.cancelled += (
        ReminderDelivery.objects.open(now)
        .filter(Q(deadline__lt=passed_deadlines_cutoff(now)) | moved)
        .update(status=DeliveryStatus.CANCELLED, next_attempt_at=None)
    )

    ids = list(ReminderDelivery.objects.deliverable(now).order_by("deadline", "pk").values_list("pk", flat=True))
    result.enqueued = len(ids)
    if ids:
        transaction.on_commit(lambda: _enqueue(ids, queue))
    return result


def reminder_render(*, rule: ReminderRule, delivery: ReminderDelivery, about: dict) -> dict:
    """Subject, text and HTML of a reminder, in the recipient's language; `about` is what the rule's
    re-check returned (`object`, `cohort`…)."""
    recipient = delivery.recipient
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        reason = str(rule.reason)
    context = {
        "recipient": recipient,
        **about,
        "deadline": delivery.deadline,
        "action_url": f"{settings.SITE_URL}{rule.action_url(delivery.object_id)}",
        "reason": reason,
    }
    return email_render(template=reminder_template(rule), context=context, language=language)


def reminder_template(rule: ReminderRule) -> str:
    """The base name of a rule's e-mail templates: under templates/emails/reminders/, unless the rule
    gives a path of its own ("emails/auditions/reminder_unscored")."""
    return rule.template if "/" in rule.template else f"emails/reminders/{rule.template}"


def reminder_deliver(*, delivery_id: int) -> str:
    """Claim one ledger row, check that its recipient still has to act, send the e-mail through the
    outbox's sending function and record the outcome in the ledger (the claim, the send and the
    outcome of eig.outbox.delivery). Returns "sent", "failed", "cancelled" or "skipped" (not ours
    to send). The ledger row is the reminder's outbox row: it is the one claimed, retried and shown
    in the admin, and its recipient is checked again before each attempt."""
    now = timezone.now()
    if not ReminderDelivery.objects.filter(pk=delivery_id).deliverable(now).claim(now):
        return "skipped"
    delivery = ReminderDelivery.objects.select_related("recipient").get(pk=delivery_id)
    rule = rule_for_ledger_key(delivery.rule)
    about = rule.recheck(delivery, now) if rule is not None and delivery.recipient.is_active else None
    if about is None:
        ReminderDelivery.objects.settle(delivery, status=DeliveryStatus.CANCELLED)
        return "cancelled"
    return send_claimed(
        delivery,
        lambda: email_send(
            to=[delivery.recipient.email],
            attachments=rule.attachments(delivery, about),
            **reminder_render(rule=rule, delivery=delivery, about=about),
        ),
        max_attempts=settings.REMINDER_MAX_ATTEMPTS,
        retry_delay_seconds=settings.REMINDER_RETRY_DELAY_SECONDS,
    )


def reminders_retry(*, deliveries: QuerySet[ReminderDelivery]) -> int:
    """Put failed or cancelled reminders (whose deadline is ahead) back to pending and hand them to
    the workers. Their recipient is checked again before sending."""
    now = timezone.now()
    retryable = deliveries.filter(
        status__in=[DeliveryStatus.FAILED, DeliveryStatus.CANCELLED], deadline__gte=passed_deadlines_cutoff(now)
    )
    ids = list(retryable.values_list("pk", flat=True))
    count = ReminderDelivery.objects.filter(
        pk__in=ids, status__in=[DeliveryStatus.FAILED, DeliveryStatus.CANCELLED]
    ).update(status=DeliveryStatus.PENDING, next_attempt_at=None, claimed_at=None)
    if ids:
        transaction.on_commit(lambda: _enqueue(ids, None))
    return count
