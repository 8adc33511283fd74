"""The auditions' rows in the audit trail (eig.audit), written by the services that take each decision:
a declaration of interests (auditions.declarations), a slot booked, moved or taken off, an audition added
by staff or proposed by a jury, the auditions proposed from the wishes, a jury seat taken
(auditions.services). Ids, dates and choices only: never a juror's note nor a jury's reason, of which
the row says only whether there was one. A cancellation, a convocation and the candidate's answer are the
lifecycle's transitions: eig.lifecycle records them."""

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record
from eig.dates import paris_datetime

DECLARED_NONE = _("%(audition)s : déclaration d'intérêts n°%(pk)s, aucun lien")
DECLARED_LINK = _("%(audition)s : déclaration d'intérêts n°%(pk)s, lien déclaré (déport)")
SLOT_BOOKED = _("%(audition)s : créneau réservé le %(when)s")
SLOT_MOVED = _("%(audition)s : créneau déplacé au %(when)s")
SLOT_FREED = _("%(audition)s : créneau retiré")
ADDED = {
    "staff": _("%(audition)s ajoutée par l'équipe : candidature n°%(application)s, défi n°%(challenge)s"),
    "jury": _("%(audition)s proposée par le jury : candidature n°%(application)s, défi n°%(challenge)s"),
    "wish": _("%(audition)s ajoutée d'après les vœux : candidature n°%(application)s, défi n°%(challenge)s"),
}
SEAT_TAKEN = _("%(member)s : invitation acceptée par le compte n°%(user)s")
PROPOSED = _("%(cohort)s : %(count)s audition(s) proposée(s) d'après les vœux")


def _actor(by) -> dict:
    """`record`'s actor: `by` when the service knows it, else the signed-in user of the request."""
    return {"actor": by} if by is not None else {}


def _slot(starts_at, ends_at) -> dict | None:
    """A slot in UTC, ISO 8601 (the same text whether the instant came from a form or the database)."""
    if starts_at is None:
        return None
    return {"starts_at": starts_at.astimezone(dt.UTC).isoformat(), "ends_at": ends_at.astimezone(dt.UTC).isoformat()}


def declaration_recorded(declaration) -> None:
    """A juror's declaration: the kind of link (a choice, never the note) and whether it is a recusal."""
    record(
        AuditAction.DECLARATION,
        summary=in_site_language(
            DECLARED_LINK if declaration.is_recusal else DECLARED_NONE,
            audition=object_label(declaration.audition),
            pk=declaration.pk,
        ),
        target=declaration.audition,
        data={
            "declaration": declaration.pk,
            "link": declaration.link,
            "recusal": declaration.is_recusal,
            "note": bool(declaration.note),
        },
        actor=declaration.juror,
    )


def slot_recorded(audition, before: tuple, *, by=None) -> None:
    """The audition's slot booked (it had none), moved, or taken off (it has none now), before and after."""
    after = (audition.starts_at, audition.ends_at)
    template = SLOT_FREED if after[0] is None else SLOT_BOOKED if before[0] is None else SLOT_MOVED
    with translation.override(settings.LANGUAGE_CODE):
        when = paris_datetime(after[0])
    record(
        AuditAction.AUDITION,
        summary=in_site_language(template, audition=object_label(audition), when=when),
        target=audition,
        data={"jury": audition.jury_id, "before": _slot(*before), "after": _slot(*after)},
        **_actor(by),
    )


def addition_recorded(audition, *, by=None) -> None:
    """An audition added (by staff, by a jury's proposal, or from the wishes): whose, for what, by which jury."""
    record(
        AuditAction.AUDITION,
        summary=in_site_language(
            ADDED[audition.origin],
            audition=object_label(audition),
            application=audition.application_id,
            challenge=audition.challenge_id,
        ),
        target=audition,
        data={
            "application": audition.application_id,
            "challenge": audition.challenge_id,
            "jury": audition.jury_id,
            "origin": audition.origin,
            "reason": bool(audition.proposal_reason),
        },
        **_actor(by),
    )


def proposal_recorded(cohort, created: list, *, by=None) -> None:
    """Staff's « Proposer les auditions »: one row for the cohort, with the auditions it made."""
    record(
        AuditAction.AUDITION,
        summary=in_site_language(PROPOSED, cohort=object_label(cohort), count=len(created)),
        target=cohort,
        data={"auditions": [audition.pk for audition in created]},
        **_actor(by),
    )


def seat_recorded(member, *, role_given: bool) -> None:
    """A juror's invitation accepted: the seat names their account (made a juror's if it was not)."""
    record(
        AuditAction.ACCOUNT,
        summary=in_site_language(SEAT_TAKEN, member=object_label(member), user=member.user_id),
        target=member,
        data={"user": member.user_id, "jury": member.jury_id, "role": member.role, "role_given": role_given},
        actor=member.user,
    )
