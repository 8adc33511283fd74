"""Helpers of the tests that run real Celery workers on Redis: polling with a deadline (never a
fixed sleep), a worker run as a subprocess, and a Redis server of the test's own that it can stop
and start again (a broker outage)."""

import contextlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from eig.celery import app as celery_app
from tests.conftest import IN_CI

BASE_DIR = Path(settings.BASE_DIR)


def require_redis() -> None:
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("REDIS_URL doit être défini en CI : les workers Celery réels doivent tourner sur Redis.")
        pytest.skip("REDIS_URL non défini : tests avec un worker Celery réel sur Redis ignorés.")


def wait_for(condition, timeout: float = 60.0) -> bool:
    """Poll `condition` until it holds (True) or the deadline passes (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def unacked(queue: str, url: str | None = None) -> set[bytes]:
    """The messages of `queue` that a worker took and has not acknowledged yet (kombu keeps them in
    the "unacked" hash: delivery tag → [message, exchange, routing key])."""
    client = redis.Redis.from_url(url or settings.REDIS_URL)
    return {tag for tag, value in client.hgetall("unacked").items() if queue in json.loads(value)[1:]}


def tasks_finished(
    queue: str, url: str | None = None, timeout: float = 60.0, abandoned: frozenset = frozenset()
) -> bool:
    """Every task sent to `queue` has been taken and finished: the queue is empty and no message
    waits for its acknowledgement (tasks are acknowledged once done, CELERY_TASK_ACKS_LATE), but
    the `abandoned` ones (a killed worker's, which only the visibility timeout gives back)."""
    client = redis.Redis.from_url(url or settings.REDIS_URL)
    return wait_for(lambda: client.llen(queue) == 0 and unacked(queue, url) <= abandoned, timeout)


def forget_queue(queue: str) -> None:
    """Remove a test queue and its unacknowledged messages from the shared Redis."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(queue)
    for tag in unacked(queue):
        client.hdel("unacked", tag)


def database_url() -> str:
    """The test database, for a worker run as a subprocess."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(env: dict, **extra: str) -> dict:
    """The environment of a subprocess worker: the test database, the broker, tasks not eager."""
    return {
        **env,
        "EIG_TESTING": "true",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **extra,
    }


def start_subprocess_worker(queue: str, env: dict, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "eig", "worker", "--pool", "solo", "-Q", queue]
    command += ["--loglevel", "INFO", "--without-mingle", "--without-gossip", "--without-heartbeat"]
    return subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own on a free loopback port, which the test stops and starts."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*command, "--dir", str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert wait_for(self.answers, timeout=15), "redis-server n'a pas démarré"

    def stop(self) -> None:
        stop(self.process)
        assert wait_for(lambda: not self.answers(), timeout=15)

    def answers(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_timeout=1).ping()
        except redis.ConnectionError:
            return False


def _reset_broker_connections() -> None:
    """Forget the pooled broker connections, so that the next message goes to the broker configured now."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def broker(url: str):
    """This process publishes its tasks to the broker at `url` for the duration."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    _reset_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        _reset_broker_connections()
