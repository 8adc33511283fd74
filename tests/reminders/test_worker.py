"""Real Celery workers on Redis: sweeps racing each other, a send that raises, and a worker killed
in the middle of a send. Each reminder is delivered exactly once (e-mails and ledger rows counted).

Skipped with the reason shown when REDIS_URL is unset; a failure under CI=true."""

import os
import signal
import threading
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connections
from django.utils import timezone

from cohorts.calendar import TYPICAL_OFFSETS_DAYS
from eig.celery import app as celery_app
from eig.models import DeliveryStatus, ReminderDelivery
from eig.reminders.services import reminders_sweep
from eig.tasks import sweep_reminders
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.reminders.backends import FailingBackend
from tests.workers import (
    forget_queue,
    require_redis,
    start_subprocess_worker,
    stop,
    tasks_finished,
    unacked,
    wait_for,
    worker_env,
)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

# "Now" is 4 days before both calls close: the 7-day reminders of draft challenges (projects call
# closes at day 53) and of draft applications (candidates call closes at day 85) are due.
DAYS_IN = {"projects": TYPICAL_OFFSETS_DAYS["projects_call_closes_at"] - 4}


@pytest.fixture
def queue():
    """A queue of its own, so that a development worker on the same Redis cannot take our tasks."""
    require_redis()
    name = f"test-reminders-{uuid.uuid4().hex}"
    celery_app.conf.task_always_eager = False
    try:
        yield name
    finally:
        celery_app.conf.task_always_eager = True
        forget_queue(name)


@pytest.fixture
def threads_worker(queue):
    """An in-process worker with two threads: two tasks run at the same time."""
    with start_worker(
        celery_app, queues=[queue], pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING"
    ):
        yield queue


def sweep_in_threads(queue: str, count: int = 2) -> None:
    """`count` sweeps started at the same instant from as many threads (each its own connection)."""
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            reminders_sweep(queue=queue)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def ledger() -> list[tuple[str, str, str, int]]:
    return sorted(ReminderDelivery.objects.values_list("rule", "recipient__email", "status", "attempts"))


def test_concurrent_sweeps_twice_deliver_each_reminder_exactly_once(threads_worker, mailoutbox):
    cohort = CohortFactory(days_since_start=DAYS_IN["projects"])
    owners = [UserFactory(agent=True, email=f"agent{n}@agent.gouv.fr") for n in range(4)]
    ChallengeFactory(cohort=cohort, owners=owners[:2])
    ChallengeFactory(cohort=cohort, owners=owners[2:])
    ChallengeFactory(cohort=cohort, submitted=True)

    sweep_in_threads(threads_worker)
    first_round = wait_for(lambda: ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 4)
    first_drained = tasks_finished(threads_worker)
    # A newcomer between the two rounds; the second round races two sweep tasks on the worker itself.
    ChallengeFactory(cohort=cohort, owners=[UserFactory(agent=True, email="late@agent.gouv.fr")])
    sweep_reminders.apply_async(queue=threads_worker)
    sweep_reminders.apply_async(queue=threads_worker)
    second_round = wait_for(lambda: ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 5)
    second_drained = tasks_finished(threads_worker)

    assert (first_round, first_drained, second_round, second_drained) == (True, True, True, True)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "agent0@agent.gouv.fr",
        "agent1@agent.gouv.fr",
        "agent2@agent.gouv.fr",
        "agent3@agent.gouv.fr",
        "late@agent.gouv.fr",
    ]
    assert ledger() == [
        ("challenge_draft:7d", "agent0@agent.gouv.fr", DeliveryStatus.SENT, 1),
        ("challenge_draft:7d", "agent1@agent.gouv.fr", DeliveryStatus.SENT, 1),
        ("challenge_draft:7d", "agent2@agent.gouv.fr", DeliveryStatus.SENT, 1),
        ("challenge_draft:7d", "agent3@agent.gouv.fr", DeliveryStatus.SENT, 1),
        ("challenge_draft:7d", "late@agent.gouv.fr", DeliveryStatus.SENT, 1),
    ]


def test_send_that_raises_on_the_worker_is_delivered_by_the_next_sweep(threads_worker, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    settings.REMINDER_RETRY_DELAY_SECONDS = 0  # the back-off has elapsed by the next sweep
    FailingBackend.failures = 1
    cohort = CohortFactory(days_since_start=TYPICAL_OFFSETS_DAYS["candidates_call_closes_at"] - 4)
    ApplicationFactory(cohort=cohort, candidate=UserFactory(candidate=True, email="erin@example.org"))

    sweep_reminders.apply_async(queue=threads_worker)
    failed = wait_for(lambda: ReminderDelivery.objects.filter(status=DeliveryStatus.FAILED).exists())
    after_failure = (len(mail.outbox), ReminderDelivery.objects.values_list("status", "attempts", "last_error").get())
    sweep_reminders.apply_async(queue=threads_worker)
    sent = wait_for(lambda: ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).exists())
    drained = tasks_finished(threads_worker)

    assert (failed, sent, drained) == (True, True, True)
    assert after_failure == (
        0,
        (DeliveryStatus.FAILED, 1, "SMTPServerDisconnected: Connexion au serveur SMTP perdue"),
    )
    assert [message.to for message in mail.outbox] == [["erin@example.org"]]
    assert ledger() == [("application_draft:7d", "erin@example.org", DeliveryStatus.SENT, 2)]


def test_worker_killed_mid_send_reminder_delivered_once_by_next_sweep(queue, tmp_path, settings):
    stale_after = 2
    settings.REMINDER_STALE_AFTER_SECONDS = stale_after
    mail_dir, block, entered, log = tmp_path / "mail", tmp_path / "block", tmp_path / "entered", tmp_path / "log"
    mail_dir.mkdir()
    env = worker_env(
        os.environ,
        EMAIL_BACKEND="tests.reminders.backends.BlockingFileBackend",
        REMINDER_TEST_MAIL_DIR=str(mail_dir),
        REMINDER_TEST_BLOCK_FILE=str(block),
        REMINDER_TEST_ENTERED_FILE=str(entered),
        REMINDER_STALE_AFTER_SECONDS=str(stale_after),
    )
    cohort = CohortFactory(days_since_start=DAYS_IN["projects"])
    ChallengeFactory(cohort=cohort, owners=[UserFactory(agent=True, email="dora@agent.gouv.fr")])
    block.touch()
    first = start_subprocess_worker(queue, env, log)
    second = None
    try:
        reminders_sweep(queue=queue)
        inside_send = wait_for(entered.exists)
        while_sending = ledger()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=15)
        abandoned = frozenset(unacked(queue))
        block.unlink()
        # The claim of the killed worker goes stale (no fixed wait: the row is polled until a sweep may take it).
        wait_for(lambda: ReminderDelivery.objects.deliverable(timezone.now()).exists(), timeout=stale_after + 30)
        second = start_subprocess_worker(queue, env, log)
        reminders_sweep(queue=queue)
        delivered = wait_for(lambda: ReminderDelivery.objects.filter(status=DeliveryStatus.SENT).exists())
        drained = tasks_finished(queue, abandoned=abandoned)
    finally:
        stop(first)
        if second is not None:
            stop(second)

    assert (inside_send, delivered, drained) == (True, True, True), log.read_text()[-3000:]
    assert while_sending == [("challenge_draft:7d", "dora@agent.gouv.fr", DeliveryStatus.SENDING, 1)]
    assert first.returncode == -signal.SIGKILL
    assert len(list(mail_dir.iterdir())) == 1
    assert "To: dora@agent.gouv.fr" in (next(mail_dir.iterdir())).read_text()
    assert ledger() == [("challenge_draft:7d", "dora@agent.gouv.fr", DeliveryStatus.SENT, 2)]
