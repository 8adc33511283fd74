"""Private calendar feeds: a secret address per person, which calendar applications subscribe to
(the jurors' auditions, auditions/calendars.py; the collective sessions, fellowship/sessions.py).

Each app keeps its feed model: a one-to-one field to the owner (the user) and a unique `token_digest`
(CharField, 64), nothing else needed. The address carries a token only its owner is shown, once;
only the token's SHA-256 is stored, so that a copy of the database opens no feed. Renewing makes a
new token and kills the old address.
"""

import hashlib
import secrets

from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record

FEED_RENEWED = gettext_lazy("%(feed)s : nouvelle adresse pour le compte n°%(owner)s (l'ancienne ne fonctionne plus)")


def token_digest(token: str) -> str:
    """What is stored of a secret token: its SHA-256, so that a copy of the database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_renew(model, *, owner_field: str, owner) -> str:
    """Give `owner` a new feed address (a row of `model`, created or updated) and return its token, to
    show once: the old address stops working. The audit trail records it (never the token)."""
    token = secrets.token_urlsafe(32)
    feed, created = model.objects.update_or_create(
        **{owner_field: owner}, defaults={"token_digest": token_digest(token)}
    )
    record(
        AuditAction.ACCOUNT,
        summary=in_site_language(FEED_RENEWED, feed=object_label(feed), owner=owner.pk),
        target=feed,
        data={"owner": owner.pk, "created": created},
        actor=owner,
    )
    return token


def feed_owner(model, token: str, *, owner_field: str, **still_allowed):
    """The active owner whose feed this token opens, or None. `still_allowed`: lookups on the owner that
    must also hold (`is_juror=True`): a person who lost the role loses the feed."""
    conditions = {f"{owner_field}__{lookup}": value for lookup, value in still_allowed.items()}
    feed = (
        model.objects.filter(token_digest=token_digest(token), **{f"{owner_field}__is_active": True}, **conditions)
        .select_related(owner_field)
        .first()
    )
    return getattr(feed, owner_field) if feed else None


def feed_renewal(request, model, *, owner_field: str, url_name: str) -> dict:
    """The context of a person's agenda page: a POST gives them a new address, shown this once (with a
    message: the old one stops working); a GET shows none, only whether they have one (`has_feed`)."""
    feed_url = None
    if request.method == "POST":
        token = feed_renew(model, owner_field=owner_field, owner=request.user)
        feed_url = request.build_absolute_uri(reverse(url_name, args=[token]))
        messages.success(request, _("Votre nouvelle adresse d'agenda est prête ; l'ancienne ne fonctionne plus."))
    return {"feed_url": feed_url, "has_feed": model.objects.filter(**{owner_field: request.user}).exists()}
