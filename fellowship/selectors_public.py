"""What the public sees of a cohort once its results are out: each challenge that has fellows, with its
administration, the fellows who agreed to appear (`Fellow.public`: name and profile, nothing else), how
many others there are, and the team's repositories; and the archive of every such cohort."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from challenges.models import Challenge
from cohorts.models import Cohort
from cohorts.windows import Step
from fellowship.models import Fellow, Repository


def cohorts_published(*, now: dt.datetime) -> QuerySet[Cohort]:
    """The cohorts whose results are out (their acceptance window has opened): the public ones."""
    return Cohort.objects.with_window_opened(Step.ACCEPTANCE, now)


def cohort_public_get(*, number: int, now: dt.datetime) -> Cohort | None:
    """The cohort of that number once its results are out; None otherwise."""
    return cohorts_published(now=now).filter(number=number).first()


def cohort_public_teams(cohort: Cohort) -> QuerySet[Challenge]:
    """The cohort's challenges that have fellows, by name, with their administration; each carries
    `public_fellows` (those who agreed, in the team's order, with their account and position),
    `other_fellow_count` (those who did not) and its repositories (`challenge.repositories.all()`)."""
    public_fellows = Fellow.objects.filter(public=True).select_related("user", "position").order_by("id")
    return (
        Challenge.objects.filter(Exists(Fellow.objects.filter(challenge=OuterRef("pk"))), cohort=cohort)
        .select_related("administration")
        .annotate(other_fellow_count=Count("fellows", filter=Q(fellows__public=False)))
        .prefetch_related(
            Prefetch("fellows", queryset=public_fellows, to_attr="public_fellows"),
            Prefetch("repositories", queryset=Repository.objects.order_by("name", "id")),
        )
        .order_by("name", "id")
    )


def cohorts_archive(*, now: dt.datetime) -> QuerySet[Cohort]:
    """Every cohort whose results are out, newest first, with `challenge_count` (the challenges that have
    fellows) and `fellow_count`."""
    return (
        cohorts_published(now=now)
        .annotate(
            challenge_count=Count("fellows__challenge", distinct=True),
            fellow_count=Count("fellows", distinct=True),
        )
        .order_by("-number")
    )
