"""The offers' sweep on real Celery workers on Redis: two sweeps at once lapse each expired offer once
and send one next offer per position; a worker killed (SIGKILL) in the middle of a sweep loses none —
its transaction rolls back and the next sweep finishes the work.

Skipped with the reason shown when REDIS_URL is unset; a failure under CI=true."""

import datetime as dt
import os
import signal
import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from eig.celery import app as celery_app
from fellowship.models import Offer, OfferStatus, OfferTransition
from fellowship.offers import offers_sweep
from fellowship.tasks import offers_sweep_task
from tests.fellowship.offers_world import offers_world
from tests.workers import (
    forget_queue,
    require_redis,
    start_subprocess_worker,
    stop,
    tasks_finished,
    wait_for,
    worker_env,
)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue():
    """A queue of its own, so that a development worker on the same Redis cannot take our tasks."""
    require_redis()
    name = f"test-offers-{uuid.uuid4().hex}"
    celery_app.conf.task_always_eager = False
    try:
        yield name
    finally:
        celery_app.conf.task_always_eager = True
        forget_queue(name)


def expired_world(challenges: int):
    """Every run offer (two per challenge) past its deadline, each position with two people waiting."""
    offers_world(challenges=challenges)
    Offer.objects.update(answer_by=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    return list(Offer.objects.order_by("pk").values_list("pk", "position_id"))


def lapsed_once_and_followed(originals) -> tuple[list, list]:
    """For each original offer: its transitions, and the offers that followed it (open, same position)."""
    transitions = [
        list(OfferTransition.objects.filter(offer_id=pk).values_list("to_status", flat=True)) for pk, _ in originals
    ]
    followers = [
        list(
            Offer.objects.filter(previous_id=pk, position_id=position, status=OfferStatus.OPEN).values_list(
                "pk", flat=True
            )
        )
        for pk, position in originals
    ]
    return transitions, [len(found) for found in followers]


def test_two_sweeps_at_once_lapse_each_expired_offer_once_and_send_one_next_offer(queue, settings):
    settings.OFFERS_SWEEP_PAUSE_SECONDS = 0.2  # each sweep is still busy when the other starts
    originals = expired_world(challenges=2)

    with start_worker(
        celery_app, queues=[queue], pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING"
    ):
        offers_sweep_task.apply_async(queue=queue)
        offers_sweep_task.apply_async(queue=queue)
        finished = tasks_finished(queue)

    transitions, followers = lapsed_once_and_followed(originals)
    assert finished is True
    assert transitions == [["lapsed"]] * 4
    assert followers == [1] * 4
    assert Offer.objects.count() == 8
    assert offers_sweep() == 0


def test_a_worker_killed_mid_sweep_loses_no_offer(queue, tmp_path):
    originals = expired_world(challenges=3)
    log = tmp_path / "worker.log"
    worker = start_subprocess_worker(queue, worker_env(os.environ, OFFERS_SWEEP_PAUSE_SECONDS="1"), log)
    try:
        offers_sweep_task.apply_async(queue=queue)
        started = wait_for(lambda: Offer.objects.filter(status=OfferStatus.LAPSED).count() >= 2, timeout=60)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=15)
    finally:
        stop(worker)
    lapsed_by_the_killed_worker = Offer.objects.filter(status=OfferStatus.LAPSED).count()
    # The killed worker's open transaction is rolled back by PostgreSQL; until then its row stays locked
    # and is skipped, so sweeps are polled until every expired offer is lapsed.
    remaining = Offer.objects.filter(pk__in=[pk for pk, _ in originals], status=OfferStatus.OPEN)
    finished = wait_for(lambda: offers_sweep() >= 0 and not remaining.exists(), timeout=60)

    transitions, followers = lapsed_once_and_followed(originals)
    assert (started, finished) == (True, True), log.read_text()[-3000:]
    assert worker.returncode == -signal.SIGKILL
    assert 2 <= lapsed_by_the_killed_worker < 6
    assert transitions == [["lapsed"]] * 6
    assert followers == [1] * 6
    assert Offer.objects.count() == 12
