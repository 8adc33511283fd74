"""Thin Celery tasks of the fellowship: each calls one service and is safe to run twice."""

from celery import shared_task

from fellowship.offers import offers_sweep


@shared_task
def offers_sweep_task() -> int:
    """Every 10 minutes (beat): lapse the offers past their deadline and offer the next people."""
    return offers_sweep()
