"""What every status lifecycle shares: the one transition function.

Each app declares its statuses and ALLOWED_TRANSITIONS next to its model, and its transition service
(`challenge_transition`, `application_transition`) calls `lifecycle_transition` with them. Whether a
step of the calendar is open is the cohort's window API (cohorts/windows.py).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

SUBMITTED = "submitted"


class TransitionNotAllowed(ValidationError):
    pass


@transaction.atomic
def lifecycle_transition(
    *,
    instance: models.Model,
    status_enum: type[models.TextChoices],
    allowed: dict,
    log_model: type[models.Model],
    to_status,
    by,
    note: str,
    refusal: str,
):
    """Move `instance` to `to_status` if `allowed` permits it (row locked), stamp `submitted_at` on
    submission, and write a `log_model` row (from, to, by, at, note). `refusal` is the French message
    with %(from)s and %(to)s."""
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    from_status = status_enum(instance.status)
    if to_status not in allowed[from_status]:
        raise TransitionNotAllowed(refusal % {"from": from_status.label, "to": status_enum(to_status).label})
    instance.status = to_status
    fields = ["status", "updated_at"]
    if to_status == SUBMITTED:
        instance.submitted_at = timezone.now()
        fields.append("submitted_at")
    instance.save(update_fields=fields)
    owner_field = instance._meta.model_name
    log_model.objects.create(**{owner_field: instance}, from_status=from_status, to_status=to_status, by=by, note=note)
    return instance
