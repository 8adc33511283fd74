"""A real Celery worker, consuming from the real Redis broker, runs a task."""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from eig.celery import app as celery_app
from eig.models import OutboxEmail
from eig.tasks import send_outbox_email
from tests.workers import forget_queue, require_redis, wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_worker():
    require_redis()
    # A queue of its own, so that a development worker on the same Redis cannot take the task.
    queue = f"test-{uuid.uuid4().hex}"
    celery_app.conf.task_always_eager = False
    try:
        with start_worker(celery_app, queues=[queue], perform_ping_check=False, pool="solo", loglevel="WARNING"):
            yield queue
    finally:
        celery_app.conf.task_always_eager = True
        forget_queue(queue)


def test_celery_worker_on_redis_sends_queued_email(redis_worker, mailoutbox):
    assert celery_app.conf.broker_url.startswith("redis://")
    email = OutboxEmail.objects.create(
        to=["candidate@example.org"], subject="Bienvenue", body="Votre compte est prêt."
    )

    send_outbox_email.apply_async(args=[email.pk], queue=redis_worker)

    assert wait_for(lambda: len(mail.outbox) == 1, timeout=30)
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["candidate@example.org"], "Bienvenue", "Votre compte est prêt.")
    ]


def test_celery_reliability_defaults():
    conf = celery_app.conf

    assert (conf.task_acks_late, conf.task_reject_on_worker_lost, conf.worker_prefetch_multiplier) == (True, True, 1)
    assert (conf.task_serializer, conf.accept_content) == ("json", ["json"])
