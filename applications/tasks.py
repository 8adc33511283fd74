"""Thin Celery tasks of the applications: each calls one service and is safe to run twice."""

from celery import shared_task

from applications.services import applications_purge_due


@shared_task
def purge_due_files() -> int:
    """Every day (beat): purge the files whose retention is over (docs/personal-data.md)."""
    return applications_purge_due()
