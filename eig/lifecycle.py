"""Named transitions as data: every status lifecycle of the project, and the one function that applies them.

A lifecycle is a status enum plus a `Lifecycle` declared next to it (in the app's models.py): each
`Transition` has a name, the statuses it leaves from, the status it leads to and the date fields it
stamps. `apply` is the only way a status changes: it locks the row, refuses a transition the current
status does not allow (in French), stamps, saves, writes the log row and returns the instance.
Permissions, views and admin actions ask `can` (or `Lifecycle.can`), so that none contradicts the table.
The log of a lifecycle is a model built on `transition_log` (from, to, by, at, note).
Whether a step of the calendar is open is the cohort's window API (cohorts/windows.py), not this.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eig.audit.models import AuditAction
from eig.audit.services import SYSTEM, in_site_language, object_label, record, site_text


class TransitionNotAllowed(ValidationError):
    pass


@dataclass(frozen=True)
class Transition:
    """One named move of a lifecycle: from any of `sources` to `target` (status values), stamping `stamps`
    (date fields) with the moment it happens. `label` says it in French."""

    name: str
    sources: frozenset
    target: str
    stamps: tuple[str, ...] = ()
    label: str = ""
    # The audit trail's action for this transition, when it differs from its lifecycle's (a validation).
    audit_action: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))


class Lifecycle:
    """The transitions of one status field, declared once: `Lifecycle(StatusEnum, Transition(...), ...)`.

    - `status_field`: the field that holds the status ("status" by default), of the `status_enum` choices;
    - `refusal`: the French message of a refused transition, with %(from)s and %(to)s (the statuses'
      labels), or a callable (instance) -> message;
    - `log`: the log model ("app.Model", built on `transition_log`) that gets a row per transition, or
      None for a lifecycle that keeps only who decided and when (`by_field` and the stamps);
    - `by_field`: a field set to the person who applied the transition (when there is no log);
    - `note_field`: a field set to the note (when there is no log);
    - `audit_action`: the action of the audit trail's row each transition writes (eig.audit), unless the
      transition names its own (`Transition.audit_action`: the validations of lists and runs).
    """

    def __init__(
        self,
        status_enum: type[models.TextChoices],
        *transitions: Transition,
        refusal,
        log: str | None = None,
        status_field: str = "status",
        by_field: str | None = None,
        note_field: str | None = None,
        audit_action: str = AuditAction.STATUS,
    ):
        for transition in transitions:
            unknown = (transition.sources | {transition.target}) - set(status_enum.values)
            if unknown:
                raise ValueError(f"{transition.name}: {sorted(unknown)} are not {status_enum.__name__} values")
        self.status_enum = status_enum
        self.transitions = {transition.name: transition for transition in transitions}
        self.refusal = refusal
        self.log = log
        self.status_field = status_field
        self.by_field = by_field
        self.note_field = note_field
        self.audit_action = AuditAction(audit_action)
        for transition in transitions:
            if transition.audit_action is not None:
                AuditAction(transition.audit_action)

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def status_of(self, instance):
        return getattr(instance, self.status_field)

    def can(self, instance, name: str) -> bool:
        """Whether the transition `name` may leave the instance's current status."""
        return self.status_of(instance) in self.transitions[name].sources

    def between(self, from_status, to_status) -> Transition | None:
        """The transition from `from_status` to `to_status`, if the table declares one."""
        for transition in self.transitions.values():
            if from_status in transition.sources and transition.target == to_status:
                return transition
        return None

    def refusal_message(self, instance, to_status) -> str:
        """Why the instance cannot move to `to_status`, in French."""
        if callable(self.refusal):
            return self.refusal(instance)
        return str(self.refusal) % {
            "from": self.status_enum(self.status_of(instance)).label,
            "to": self.status_enum(to_status).label,
        }

    def apply(self, instance, name: str, *, by, note: str = "", now=None):
        """Apply the transition `name` (row locked; TransitionNotAllowed from any other status)."""
        transition = self.transitions[name]
        return self._apply(
            instance,
            lambda status: transition if status in transition.sources else None,
            transition.target,
            by=by,
            note=note,
            now=now,
        )

    def move(self, instance, to_status, *, by, note: str = "", now=None):
        """Apply whichever transition leads from the instance's current status to `to_status`."""
        return self._apply(
            instance, lambda status: self.between(status, to_status), to_status, by=by, note=note, now=now
        )

    @transaction.atomic
    def _apply(self, instance, resolve: Callable, to_status, *, by, note: str, now):
        # of=("self",): only this row is locked, never a row a select_related of the default manager joins.
        locked = type(instance).objects.select_for_update(of=("self",)).get(pk=instance.pk)
        from_status = self.status_of(locked)
        transition = resolve(from_status)
        if transition is None:
            raise TransitionNotAllowed(self.refusal_message(locked, to_status))
        setattr(locked, self.status_field, transition.target)
        fields = [self.status_field]
        now = now or timezone.now()
        for stamp in transition.stamps:
            setattr(locked, stamp, now)
            fields.append(stamp)
        if self.by_field:
            setattr(locked, self.by_field, by)
            fields.append(self.by_field)
        if self.note_field:
            setattr(locked, self.note_field, note.strip())
            fields.append(self.note_field)
        if any(field.name == "updated_at" for field in locked._meta.concrete_fields):
            fields.append("updated_at")
        locked.save(update_fields=fields)
        if self.log:
            log = apps.get_model(self.log)
            owner_field = next(field.name for field in log._meta.fields if field.related_model is type(locked))
            log.objects.create(
                **{owner_field: locked}, from_status=from_status, to_status=transition.target, by=by, note=note
            )
        self.audit(
            locked,
            transition.name,
            from_status,
            transition.target,
            by=by,
            note=note,
            action=transition.audit_action,
        )
        return locked

    def audit(self, instance, name: str, from_status, to_status, *, by, note: str = "", action=None) -> None:
        """The audit trail's row of a status change: « Candidature n°12 : déposée → présélectionnée », ids
        and statuses only. `apply` writes it for every transition; a service that sets the status field
        outside the table (a record created in a decided state, an owner's new request) calls it too, with
        its own `name`. The note is free text (a candidate's reason, a staff member's words): it stays in
        the transition log, which a purge can empty; the append-only trail only says whether there was one."""
        field = type(instance)._meta.get_field(self.status_field)
        params = {
            "object": object_label(instance),
            "from": self._status_label(from_status),
            "to": self._status_label(to_status),
        }
        if self.status_field == "status":
            summary = in_site_language(_("%(object)s : %(from)s → %(to)s"), **params)
        else:
            summary = in_site_language(
                _("%(object)s, %(field)s : %(from)s → %(to)s"), field=field.verbose_name, **params
            )
        record(
            action or self.audit_action,
            summary=summary,
            target=instance,
            data={
                "transition": name,
                "field": self.status_field,
                "from": from_status,
                "to": to_status,
                "note": bool(note and note.strip()),
            },
            actor=by if by is not None else SYSTEM,
        )

    def _status_label(self, value) -> str:
        if value not in self.status_enum.values:
            return "—"
        return site_text(self.status_enum(value).label).lower()


def can(instance, name: str) -> bool:
    """Whether the instance's lifecycle (its model's `lifecycle`) allows the transition `name` now."""
    return type(instance).lifecycle.can(instance, name)


def apply(instance, name: str, *, by, note: str = "", now=None):
    """Apply the transition `name` of the instance's lifecycle (its model's `lifecycle`)."""
    return type(instance).lifecycle.apply(instance, name, by=by, note=note, now=now)


def transition_log(*, owner: str, owner_field: str, owner_label, status_enum: type[models.TextChoices]):
    """The abstract log model of a lifecycle: which `owner` (a model, as "app.Model") moved from which
    status to which, by whom, when, with which note. A concrete log model inherits it and adds nothing:

        class ChallengeTransition(transition_log(owner="challenges.Challenge", owner_field="challenge", ...)):
            pass
    """

    class Meta:
        abstract = True
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        ordering = [owner_field, "at", "id"]

    def __str__(self) -> str:
        return f"{getattr(self, owner_field)}: {self.from_status} → {self.to_status}"

    attrs = {
        "__module__": __name__,
        "__qualname__": f"{status_enum.__name__}Log",
        "Meta": Meta,
        "__str__": __str__,
        owner_field: models.ForeignKey(
            owner, verbose_name=owner_label, on_delete=models.CASCADE, related_name="transitions"
        ),
        "from_status": models.CharField(_("de"), max_length=20, choices=status_enum.choices),
        "to_status": models.CharField(_("vers"), max_length=20, choices=status_enum.choices),
        "by": models.ForeignKey(
            settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.SET_NULL, null=True, related_name="+"
        ),
        "at": models.DateTimeField(_("le"), auto_now_add=True),
        "note": models.TextField(_("note"), blank=True),
    }
    return type(f"{status_enum.__name__}Log", (models.Model,), attrs)
