"""Writing to the audit trail: `record` is the only way a row is made.

Who and from where come from the request being served (AuditContextMiddleware keeps it for the
request's duration) unless the caller names an `actor`; a Celery task has no request, and its rows
have no author (« Système »). A row is written in the caller's transaction: a decision rolled back
leaves no trace, as it did not happen."""

import contextvars

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from eig.audit.models import AuditAction, AuditEntry
from eig.client_ip import client_ip

_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)

# `record(actor=SYSTEM)`: a row without author even during a request (a task run inline, a sweep).
SYSTEM = object()
_FROM_REQUEST = object()


class AuditContextMiddleware:
    """Keeps the current request where `record` finds it (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def object_reference(obj) -> tuple[str, str]:
    """("app_label.model", "pk") of a saved model instance; ("", "") for None."""
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def in_site_language(template, **params) -> str:
    """A summary in the site's language (French) whatever the language of the request: the lazy
    `template` % `params`, each lazy parameter (a status label, a verbose name) rendered in French too."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(
            template % {name: str(value) if isinstance(value, Promise) else value for name, value in params.items()}
        )


def site_text(value) -> str:
    """A lazy string (a status label, a verbose name) in the site's language (French)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(value)


def object_label(obj) -> str:
    """« Candidature n°12 »: an object as the trail names it, by its model and its primary key only (never
    its name or anything a person wrote)."""
    return in_site_language(_("%(model)s n°%(pk)s"), model=capfirst(obj._meta.verbose_name), pk=obj.pk)


def record(
    action: AuditAction | str,
    *,
    summary: str,
    target=None,
    data: dict | None = None,
    actor=_FROM_REQUEST,
) -> AuditEntry:
    """Write one row: `action` (AuditAction), a French `summary` without personal data, the `target`
    model instance it concerns, JSON-serialisable `data`. `actor`: an account, SYSTEM, or (default) the
    signed-in user of the current request, if any."""
    request = _request.get()
    if actor is _FROM_REQUEST:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    elif actor is SYSTEM:
        actor = None
    object_type, object_id = object_reference(target)
    return AuditEntry.objects.create(
        action=AuditAction(action),
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        ip=client_ip(request) if request is not None else None,
        object_type=object_type,
        object_id=object_id,
        summary=str(summary),
        data=data or {},
    )
