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
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation

from cohorts.models import Cohort
from eig.dates import passed_deadlines_cutoff
from eig.emails import email_render
from eig.enqueue import enqueue
from eig.outbox.delivery import send_claimed
from eig.outbox.services import email_send
from eig.reminders.models import DeliveryStatus, ReminderDelivery
from eig.reminders.registry import ReminderRule, all_rules, rule_for_ledger_key

BATCH_SIZE = 1000
# The task that delivers one ledger row, by name (eig.tasks imports this module, not the other way round).
DELIVER_TASK = "eig.tasks.deliver_reminder"


@dataclass
class SweepResult:
    cancelled: int = 0
    enqueued: int = 0


def _cohorts_with_open_deadlines(rules: list[ReminderRule], now: dt.datetime) -> list[Cohort]:
    """The few cohorts where some rule's deadline has not passed, in one query."""
    cutoff = passed_deadlines_cutoff(now)
    condition = Q()
    for field in sorted({rule.deadline_field for rule in rules}):
        condition |= Q(**{f"{field}__gte": cutoff})
    return list(Cohort.objects.filter(condition)) if condition else []


def _enqueue(ids: list[int], queue: str | None) -> None:
    # One broker connection for the whole batch, rather than one taken from the pool per message.
    enqueue(DELIVER_TASK, [[pk] for pk in ids], queue=queue)


def _record_due(rule: ReminderRule, cohorts: list[Cohort], now: dt.datetime) -> int:
    """Insert the rule's missing ledger rows for the cohorts where a send point is due, and cancel
    the open rows of those whose recipient has acted since. Queries do not grow with recipients."""
    due = {cohort.pk: (cohort, point) for cohort in cohorts if (point := rule.due_point(cohort, now)) is not None}
    if not due:
        return 0
    recipients = {tuple(row) for row in rule.recipients(list(due), now)}
    rows = []
    for user_id, object_id, cohort_id in recipients:
        if cohort_id not in due:
            continue
        cohort, point = due[cohort_id]
        rows.append(
            ReminderDelivery(
                rule=rule.ledger_key(point),
                recipient_id=user_id,
                cohort_id=cohort_id,
                object_type=rule.object_type,
                object_id=object_id,
                deadline=rule.deadline(cohort),
            )
        )
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH_SIZE)

    open_rows = ReminderDelivery.objects.open(now).filter(rule__in=rule.ledger_keys, cohort_id__in=list(due))
    acted = [
        pk
        for pk, user_id, object_id, cohort_id in open_rows.values_list("pk", "recipient_id", "object_id", "cohort_id")
        if (user_id, object_id, cohort_id) not in recipients
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
    cohorts = _cohorts_with_open_deadlines(rules, now)
    for rule in rules:
        result.cancelled += _record_due(rule, cohorts, now)

    # Past deadlines, and deadlines that moved: those reminders no longer make sense.
    moved = Q()
    for rule in rules:
        moved |= Q(rule__in=rule.ledger_keys) & ~Q(deadline=F(f"cohort__{rule.deadline_field}"))
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


def reminder_render(*, rule: ReminderRule, delivery: ReminderDelivery, target) -> dict:
    """Subject, text and HTML of a reminder, in the recipient's language."""
    recipient = delivery.recipient
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        reason = str(rule.reason)
    context = {
        "recipient": recipient,
        "cohort": delivery.cohort,
        "object": target,
        "deadline": delivery.deadline,
        "action_url": f"{settings.SITE_URL}{rule.action_url(delivery.object_id)}",
        "reason": reason,
    }
    return email_render(template=f"emails/reminders/{rule.template}", context=context, language=language)


def reminder_deliver(*, delivery_id: int) -> str:
    """Claim one ledger row, check that its recipient still has to act, send the e-mail through the
    outbox's sending function and record the outcome in the ledger (the claim, the send and the
    outcome of eig.outbox.delivery). Returns "sent", "failed", "cancelled" or "skipped" (not ours
    to send). The ledger row is the reminder's outbox row: it is the one claimed, retried and shown
    in the admin, and its recipient is checked again before each attempt."""
    now = timezone.now()
    if not ReminderDelivery.objects.filter(pk=delivery_id).deliverable(now).claim(now):
        return "skipped"
    delivery = ReminderDelivery.objects.select_related("recipient", "cohort").get(pk=delivery_id)
    rule = rule_for_ledger_key(delivery.rule)
    target = None
    if rule is not None and delivery.recipient.is_active and rule.deadline(delivery.cohort) == delivery.deadline:
        target = rule.still_to_act(delivery.recipient_id, delivery.object_id, now)
    if target is None:
        ReminderDelivery.objects.settle(delivery, status=DeliveryStatus.CANCELLED)
        return "cancelled"
    return send_claimed(
        delivery,
        lambda: email_send(
            to=[delivery.recipient.email], **reminder_render(rule=rule, delivery=delivery, target=target)
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
