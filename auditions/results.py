"""What candidates are told of the validated lists (docs/auditions.md, « What candidates are told »):
after each validation, through the outbox and in their language, every candidate of the new version
whose outcome (list and rank) differs from the previous version's — so once per version at most, and
only when something changed — and, on « Mes résultats », the outcome of the last validated version of
each deliberation they are on (never a decision the director has not validated)."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from auditions.models import ListKind, ListVersion, ListVersionEntry
from eig.emails import email_queue


def outcome_text(kind: str, rank: int | None) -> str:
    """« Liste principale », « Liste complémentaire : vous êtes en position 2 » or « Non retenu·e »."""
    if kind == ListKind.MAIN:
        return _("Liste principale")
    if kind == ListKind.WAITING:
        return _("Liste complémentaire : vous êtes en position %(rank)s") % {"rank": rank}
    return _("Non retenu·e")


def results_tell(*, version: ListVersion, previous: ListVersion | None = None) -> None:
    """Queue the result e-mail of each candidate of `version` whose outcome is not the one `previous`
    (the version before, if any) gave them."""
    before = {entry.application_id: (entry.kind, entry.rank) for entry in previous.entries.all()} if previous else {}
    challenge = version.deliberation.challenge
    url = f"{settings.SITE_URL}{reverse('auditions:my_results')}"
    for entry in version.entries.select_related("application__candidate").order_by("pk"):
        if before.get(entry.application_id) == (entry.kind, entry.rank):
            continue
        candidate = entry.application.candidate
        email_queue(
            to=[candidate.email],
            template="emails/auditions/result",
            context={
                "candidate": candidate,
                "challenge": challenge,
                "kind": entry.kind,
                "rank": entry.rank,
                "changed": entry.application_id in before,
                "url": url,
            },
            language=candidate.language,
        )


def candidate_results(user) -> list[ListVersionEntry]:
    """The candidate's outcomes: their entry in the last validated version of each deliberation, with
    the challenge (`outcome` set to the text they are shown)."""
    last_version = (
        ListVersion.objects.filter(deliberation=OuterRef("version__deliberation")).order_by("-number").values("pk")[:1]
    )
    entries = list(
        ListVersionEntry.objects.filter(application__candidate=user, version=Subquery(last_version))
        .select_related("version__deliberation__challenge")
        .order_by("version__deliberation__challenge__name", "version__deliberation__profile")
    )
    for entry in entries:
        entry.outcome = outcome_text(entry.kind, entry.rank)
    return entries
