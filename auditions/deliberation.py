"""The deliberation's services: the jury's decisions on the candidates auditioned for one challenge and
one profile, the closing of the deliberation, the director's validation that freezes a version of the
lists, and the reopening that leads to the next version (docs/auditions.md, « Deliberation » and
« Validation and versions »).

Decisions are written only while the deliberation is open and its window is: the deliberation window of
the cohort (`Step.DELIBERATION`), or for staff the auditions window too. PostgreSQL holds the lists'
rules (one decision per candidate, each rank once per list, a rank on a list only): what it refuses
comes back with the constraint's French message."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from auditions.models import (
    ACTIVE_AUDITIONS,
    DELIBERATION_LIFECYCLE,
    Audition,
    AuditionScorecard,
    Declaration,
    Deliberation,
    DeliberationEntry,
    DeliberationStatus,
    Link,
    ListVersion,
    ListVersionEntry,
)
from auditions.results import results_tell
from cohorts.models import Cohort
from cohorts.windows import Step, window_closed_q, window_opened_q
from eig.audit.models import AuditAction
from eig.audit.services import in_site_language, object_label, record
from eig.constraints import refused_by_constraints
from eig.models import Role
from eig.permissions import has_role


@dataclass(frozen=True)
class Decision:
    """The jury's decision on one candidate: `kind` a ListKind value ("" while undecided), its rank on
    the main or the waiting list, a note."""

    application_id: int
    kind: str = ""
    rank: int | None = None
    note: str = ""


def current_cohorts(now: dt.datetime | None = None):
    """The cohorts whose auditions have opened and whose programme has not ended: their deliberations
    are the ones the pages list."""
    now = now or timezone.now()
    return Cohort.objects.filter(window_opened_q(Step.AUDITIONS, now)).exclude(window_closed_q(Step.PROGRAMME, now))


def deliberation_auditions(deliberation: Deliberation):
    """The active auditions of the deliberation's challenge whose candidate has its profile."""
    return Audition.objects.filter(
        ACTIVE_AUDITIONS, challenge_id=deliberation.challenge_id, application__profile=deliberation.profile
    )


def recused_applications(deliberation: Deliberation, user) -> set[int]:
    """The candidates of the deliberation `user` recused from (a link declared for their audition): the
    juror neither sees their statistics nor deliberates on them."""
    return set(
        Declaration.objects.filter(juror=user, audition__in=deliberation_auditions(deliberation))
        .exclude(link=Link.NONE)
        .values_list("audition__application_id", flat=True)
    )


def hidden_scores_applications(deliberation: Deliberation, user) -> set[int]:
    """The candidates whose jury's scores `user` may not see yet: for a juror (not staff nor the director),
    those whose audition they have not scored themselves — independence holds on this page too."""
    if has_role(user, Role.STAFF) or has_role(user, Role.DIRECTOR):
        return set()
    auditions = deliberation_auditions(deliberation)
    scored = AuditionScorecard.objects.filter(juror=user, audition__in=auditions).values("audition_id")
    return set(auditions.exclude(pk__in=scored).values_list("application_id", flat=True))


def deliberations_open(*, cohort: Cohort) -> None:
    """Create the missing deliberations of the cohort: one per (challenge, profile) that has an active
    audition (a deliberation created concurrently is left as it is)."""
    pairs = set(
        Audition.objects.filter(ACTIVE_AUDITIONS, application__cohort=cohort)
        .exclude(application__profile="")
        .values_list("challenge_id", "application__profile")
        .distinct()
    )
    existing = set(Deliberation.objects.filter(challenge__cohort=cohort).values_list("challenge_id", "profile"))
    Deliberation.objects.bulk_create(
        [
            Deliberation(challenge_id=challenge_id, profile=profile)
            for challenge_id, profile in sorted(pairs - existing)
        ],
        ignore_conflicts=True,
    )


def deliberation_refusal(deliberation: Deliberation, user, now: dt.datetime | None = None) -> str:
    """Why `user` cannot change the jury's decisions now (an empty string when they can): the
    deliberation must be open, and so must its window — for staff, the auditions window will do."""
    if deliberation.status != DeliberationStatus.OPEN:
        return _("Cette délibération est close : elle doit être rouverte pour changer une décision.")
    cohort = deliberation.cohort
    window = cohort.window(Step.DELIBERATION)
    if window.is_open(now) or (has_role(user, Role.STAFF) and cohort.window(Step.AUDITIONS).is_open(now)):
        return ""
    return window.refusal(now)


def _lock(deliberation: Deliberation) -> Deliberation:
    return (
        Deliberation.objects.select_for_update(of=("self",))
        .select_related("challenge__cohort")
        .get(pk=deliberation.pk)
    )


def _check_open(deliberation: Deliberation, by, now) -> None:
    refusal = deliberation_refusal(deliberation, by, now)
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def deliberation_decide(
    *, deliberation: Deliberation, decisions: list[Decision], by, now: dt.datetime | None = None
) -> Deliberation:
    """Record the jury's decisions on the candidates of `decisions` (they replace the earlier ones on
    those candidates; an undecided candidate has none). Refused when the deliberation or its window is
    closed, for a candidate not auditioned here or whom `by` recused from, and by PostgreSQL for a rank
    given twice on a list."""
    deliberation = _lock(deliberation)
    _check_open(deliberation, by, now)
    auditioned = set(deliberation_auditions(deliberation).values_list("application_id", flat=True))
    decided = {decision.application_id for decision in decisions}
    if not decided <= auditioned:
        raise ValidationError(_("Cette personne n'a pas été auditionnée pour ce défi et ce profil."))
    if decided & recused_applications(deliberation, by):
        raise ValidationError(
            _("Vous vous êtes déporté·e pour une de ces personnes : vous ne délibérez pas sur son dossier.")
        )
    before = {
        entry.application_id: entry
        for entry in DeliberationEntry.objects.filter(deliberation=deliberation, application_id__in=decided)
    }
    with refused_by_constraints():
        DeliberationEntry.objects.filter(deliberation=deliberation, application_id__in=decided).delete()
        DeliberationEntry.objects.bulk_create(
            DeliberationEntry(
                deliberation=deliberation,
                application_id=decision.application_id,
                kind=decision.kind,
                rank=decision.rank,
                note=decision.note,
            )
            for decision in decisions
            if decision.kind
        )
    _record_decisions(deliberation, decisions, before, by=by)
    return deliberation


def _record_decisions(deliberation: Deliberation, decisions: list[Decision], before: dict, *, by) -> None:
    """The audit trail's row of the jury's decisions: each candidate's list and rank before and after (ids
    only; of the note, only whether it changed)."""
    changes = []
    for decision in decisions:
        old = before.get(decision.application_id)
        changes.append(
            {
                "application": decision.application_id,
                "before": {"kind": old.kind, "rank": old.rank} if old else None,
                "after": {"kind": decision.kind, "rank": decision.rank} if decision.kind else None,
                "note_changed": (old.note if old else "") != (decision.note if decision.kind else ""),
            }
        )
    record(
        AuditAction.LIST,
        summary=in_site_language(
            ngettext_lazy(
                "%(deliberation)s : décision enregistrée pour %(count)s candidature",
                "%(deliberation)s : décisions enregistrées pour %(count)s candidatures",
                "count",
            ),
            deliberation=object_label(deliberation),
            count=len(decisions),
        ),
        target=deliberation,
        data={"decisions": changes},
        actor=by,
    )


@transaction.atomic
def deliberation_close(*, deliberation: Deliberation, by, now: dt.datetime | None = None) -> Deliberation:
    """« Clore la délibération »: every candidate auditioned must have a decision."""
    deliberation = _lock(deliberation)
    _check_open(deliberation, by, now)
    missing = (
        deliberation_auditions(deliberation)
        .exclude(application_id__in=deliberation.entries.values("application_id"))
        .count()
    )
    if missing:
        raise ValidationError(
            ngettext(
                "Une personne auditionnée n'a pas encore de décision : la délibération ne peut pas être close.",
                "%(count)s personnes auditionnées n'ont pas encore de décision : "
                "la délibération ne peut pas être close.",
                missing,
            )
            % {"count": missing}
        )
    return DELIBERATION_LIFECYCLE.apply(deliberation, "close", by=by, now=now)


def last_reopening_reason(deliberation: Deliberation) -> str:
    """The note of the deliberation's last reopening (the reason of the next version)."""
    log = deliberation.transitions.filter(to_status=DeliberationStatus.OPEN).order_by("-at", "-pk").first()
    return log.note if log else ""


@transaction.atomic
def deliberation_validate(*, deliberation: Deliberation, by, now: dt.datetime | None = None) -> ListVersion:
    """The director validates a closed deliberation: its lists are frozen as the next version (number 1,
    then 2… carrying the reason of the reopening), and the candidates are told — each one whose outcome
    differs from the previous version's."""
    deliberation = DELIBERATION_LIFECYCLE.apply(_lock(deliberation), "validate", by=by, now=now)
    previous = deliberation.versions.order_by("-number").first()
    number = (deliberation.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    with refused_by_constraints():
        version = ListVersion.objects.create(
            deliberation=deliberation,
            number=number,
            validated_by=by,
            reason=last_reopening_reason(deliberation) if number > 1 else "",
        )
        ListVersionEntry.objects.bulk_create(
            ListVersionEntry(
                version=version, application_id=entry.application_id, kind=entry.kind, rank=entry.rank, note=entry.note
            )
            for entry in deliberation.entries.all()
        )
    record(
        AuditAction.LIST,
        summary=in_site_language(
            gettext_lazy("%(deliberation)s : version n°%(number)s des listes validée"),
            deliberation=object_label(deliberation),
            number=number,
        ),
        target=deliberation,
        data={
            "version": version.pk,
            "number": number,
            "previous": previous.pk if previous else None,
            "entries": [
                {"application": entry.application_id, "kind": entry.kind, "rank": entry.rank}
                for entry in version.entries.order_by("kind", "rank", "application_id")
            ],
        },
        actor=by,
    )
    results_tell(version=version, previous=previous)
    return version


@transaction.atomic
def deliberation_reopen(
    *, deliberation: Deliberation, by, reason: str, now: dt.datetime | None = None
) -> Deliberation:
    """Send the deliberation back to the jury (closed, or validated: the validated versions stay as they
    are), with the reason, which the next version carries."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Indiquez le motif de la réouverture : il accompagnera la prochaine version."))
    return DELIBERATION_LIFECYCLE.apply(_lock(deliberation), "reopen", by=by, note=reason, now=now)
