"""The validated ranked lists the fellowship reads: for each (challenge, profile) of a cohort, the last
validated version of its deliberation (auditions.ListVersion), main list first then the waiting list,
each in rank order. A deliberation reopened after a validation keeps its last validated version here
until the director validates the next one: the fellowship never reads a list the director has not
validated. The assignment runs and the waiting lists of the offers both read this one function."""

from collections import defaultdict

from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When

from auditions.models import RANKED_KINDS, ListKind, ListVersion, ListVersionEntry

ListKey = tuple[int, str]  # (challenge id, profile)


def validated_entries(cohort_id: int):
    """The ranked entries (main and waiting lists) of the last validated version of every deliberation of
    the cohort, ordered by challenge, profile, main list before waiting list, then rank; each entry with
    its version, deliberation and challenge loaded."""
    last_version = ListVersion.objects.filter(deliberation=OuterRef("version__deliberation")).order_by("-number")
    return (
        ListVersionEntry.objects.filter(RANKED_KINDS, version__deliberation__challenge__cohort_id=cohort_id)
        .filter(version=Subquery(last_version.values("pk")[:1]))
        .annotate(
            list_order=Case(When(kind=ListKind.MAIN, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .select_related("version__deliberation__challenge")
        .order_by("version__deliberation__challenge_id", "version__deliberation__profile", "list_order", "rank")
    )


def validated_lists(cohort_id: int) -> dict[ListKey, list[ListVersionEntry]]:
    """`validated_entries` grouped by (challenge id, profile), best first (one query)."""
    lists: dict[ListKey, list[ListVersionEntry]] = defaultdict(list)
    for entry in validated_entries(cohort_id):
        deliberation = entry.version.deliberation
        lists[(deliberation.challenge_id, deliberation.profile)].append(entry)
    return dict(lists)
