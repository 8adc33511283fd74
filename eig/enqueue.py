"""Hand work to the Celery workers by task name, so that services never import eig.tasks (the tasks
import the services). A broker that cannot be reached is logged, not raised: what was queued is a
row in the database, which the next sweep hands out again."""

import logging

from celery import current_app
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue(task_name: str, args_list: list[list], *, queue: str | None = None) -> bool:
    """Send one `task_name` task per item of `args_list` (on `queue`, or the default one), over one
    broker connection. Returns False when the broker could not be reached."""
    options = {"queue": queue} if queue else {}
    try:
        with current_app.producer_or_acquire() as producer:
            for args in args_list:
                current_app.signature(task_name, args=args).apply_async(producer=producer, **options)
    except (OperationalError, OSError) as error:
        logger.error("Broker unreachable, %s × %s left for the next sweep: %s", len(args_list), task_name, error)
        return False
    return True
