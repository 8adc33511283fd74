"""A real Celery worker, consuming from the real Redis broker, runs a task."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from eig.celery import app as celery_app
from eig.tasks import send_email_task
from tests.conftest import IN_CI

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_worker():
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("REDIS_URL doit être défini en CI : le worker Celery réel doit tourner sur Redis.")
        pytest.skip("REDIS_URL non défini : test du worker Celery réel sur Redis ignoré.")
    # A queue of its own, so that a development worker on the same Redis cannot take the task.
    queue = f"test-{uuid.uuid4().hex}"
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, queues=[queue], perform_ping_check=False, pool="solo", loglevel="WARNING"):
            yield queue
    finally:
        celery_app.conf.task_always_eager = True


def wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_celery_worker_on_redis_sends_queued_email(redis_worker, mailoutbox):
    assert celery_app.conf.broker_url.startswith("redis://")

    send_email_task.apply_async(
        kwargs={"to": ["candidate@example.org"], "subject": "Bienvenue", "body": "Votre compte est prêt."},
        queue=redis_worker,
    )

    assert wait_for(lambda: len(mail.outbox) == 1)
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["candidate@example.org"], "Bienvenue", "Votre compte est prêt.")
    ]


def test_celery_reliability_defaults():
    conf = celery_app.conf

    assert (conf.task_acks_late, conf.task_reject_on_worker_lost, conf.worker_prefetch_multiplier) == (True, True, 1)
    assert (conf.task_serializer, conf.accept_content) == ("json", ["json"])
