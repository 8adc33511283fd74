"""Benchmark of the reminder engine: one sweep that finds 10,000 due reminders, then their delivery.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eig_bench REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python benchmarks/sweep_reminders.py [--reminders 10000]

In the database named by DATABASE_URL (migrated first; use a scratch one), it creates with
bulk_create a cohort whose candidates call closes in 5 days and N candidates with a draft
application: N "application_draft:7d" reminders are due. It measures:

1. the first sweep: N ledger rows inserted, N delivery tasks published to Redis (on a queue of
   the benchmark's own, deleted afterwards, so that no worker sends them);
2. the delivery of every row in this process (claim, re-check, render the text and HTML e-mail in
   French, send with Django's locmem backend, mark sent);
3. the next sweep, with everything sent (what each 15-minute sweep costs afterwards);

then deletes everything it created. Results for this machine are in docs/benchmarks.md.
"""

import argparse
import datetime as dt
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eig.settings")
# Production settings, except a throw-away secret key (nothing is served).
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + uuid.uuid4().hex * 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (a scratch PostgreSQL database) and REDIS_URL.")

    import django

    django.setup()

    import redis
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from applications.models import Application
    from cohorts.calendar import TYPICAL_OFFSETS_DAYS, typical_calendar
    from cohorts.models import Cohort
    from eig.celery import app as celery_app
    from eig.models import DeliveryStatus, ReminderDelivery, User
    from eig.reminders.services import reminder_deliver, reminders_sweep

    call_command("migrate", verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    celery_app.conf.task_always_eager = False
    queue = f"benchmark-reminders-{uuid.uuid4().hex}"
    tag = uuid.uuid4().hex[:8]
    count = args.reminders

    now = timezone.now()
    started = now - dt.timedelta(days=TYPICAL_OFFSETS_DAYS["candidates_call_closes_at"] - 5)
    number = 20_000 + int(tag, 16) % 10_000  # a PositiveSmallIntegerField
    cohort = Cohort.objects.create(number=number, name=f"Benchmark {tag}", **typical_calendar(started))
    try:
        t0 = time.perf_counter()
        users = User.objects.bulk_create(
            [
                User(email=f"bench-{tag}-{n}@example.org", is_candidate=True, password="!", first_name="Camille")
                for n in range(count)
            ],
            batch_size=2000,
        )
        Application.objects.bulk_create(
            [Application(cohort=cohort, candidate=user) for user in users], batch_size=2000
        )
        setup_seconds = time.perf_counter() - t0

        # The sweep inside a transaction, so that its database work and the publishing of the
        # delivery tasks (after the commit) are timed apart.
        with CaptureQueriesContext(connection) as first_queries:
            t0 = time.perf_counter()
            with transaction.atomic():
                first = reminders_sweep(queue=queue)
                first_db_seconds = time.perf_counter() - t0
            first_seconds = time.perf_counter() - t0
        broker = redis.Redis.from_url(settings.REDIS_URL)
        published = broker.llen(queue)
        broker.delete(queue)

        ids = list(ReminderDelivery.objects.filter(scope_id=cohort.pk).order_by("pk").values_list("pk", flat=True))
        mail.outbox = []
        t0 = time.perf_counter()
        outcomes = [reminder_deliver(delivery_id=pk) for pk in ids]
        deliver_seconds = time.perf_counter() - t0
        sent = ReminderDelivery.objects.filter(scope_id=cohort.pk, status=DeliveryStatus.SENT).count()

        with CaptureQueriesContext(connection) as next_queries:
            t0 = time.perf_counter()
            after = reminders_sweep(queue=queue)
            next_seconds = time.perf_counter() - t0
        broker.delete(queue)

        print(f"Reminders due: {count} (data created in {setup_seconds:.1f} s)")
        print(
            f"First sweep: {first_seconds:.2f} s ({first_db_seconds:.2f} s in the database, "
            f"{first_seconds - first_db_seconds:.2f} s publishing), {len(first_queries)} queries, "
            f"{len(ids)} ledger rows, {first.enqueued} tasks queued ({published} in Redis)"
        )
        print(
            f"Delivery in one process: {deliver_seconds:.1f} s for {len(ids)} reminders "
            f"({1000 * deliver_seconds / max(len(ids), 1):.2f} ms each, {len(ids) / deliver_seconds:.0f}/s); "
            f"{outcomes.count('sent')} sent, {len(mail.outbox)} e-mails, {sent} rows marked sent"
        )
        print(
            f"Next sweep (all sent, nothing to do): {next_seconds:.2f} s, {len(next_queries)} queries, "
            f"{after.enqueued} tasks queued"
        )
        print(f"Load average during the run: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    finally:
        ReminderDelivery.objects.filter(scope_id=cohort.pk).delete()
        Application.objects.filter(cohort=cohort).delete()
        User.objects.filter(email__startswith=f"bench-{tag}-").delete()
        cohort.delete()


if __name__ == "__main__":
    main()
