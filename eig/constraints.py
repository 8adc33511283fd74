"""What PostgreSQL refused, said in French: the message of the model constraint an IntegrityError names.

Exclusion, unique and check constraints declared in a model's Meta carry a French
`violation_error_message`; when the database (not Django's validation) refuses a write — two
concurrent bookings of the same time, for instance — `refused_by_constraints` turns the error into a
ValidationError with that message, so that a view shows it like any other form error.
"""

import contextlib
import functools

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@functools.cache
def _messages() -> dict[str, str]:
    return {
        constraint.name: constraint.violation_error_message
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if getattr(constraint, "violation_error_message", None)
    }


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg's diagnostic), if any."""
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


def constraint_message(error: IntegrityError) -> str | None:
    """The French message of the model constraint that `error` names (None for another error)."""
    name = constraint_name(error)
    message = _messages().get(name) if name else None
    return str(message) if message is not None else None


@contextlib.contextmanager
def refused_by_constraints():
    """Run the block in a savepoint; a constraint that refuses it becomes a ValidationError carrying the
    constraint's French message (an IntegrityError without a known constraint propagates)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        message = constraint_message(error)
        if message is None:
            raise
        raise ValidationError(message, code=constraint_name(error)) from error
