"""What the auditions' pages read: a juror's auditions and their state for them, the jury's quorum,
the declarations, the scorecards of an audition and whether its deliberation is still open."""

from itertools import groupby

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, TextChoices, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from auditions.models import (
    ACTIVE_AUDITIONS,
    Audition,
    AuditionScorecard,
    AuditionStatus,
    Declaration,
    Deliberation,
    DeliberationStatus,
    Jury,
    JuryMember,
    Link,
)
from challenges.models import Challenge, ChallengeStatus
from eig.badges import status_badges
from eig.dates import PARIS


class JurorState(TextChoices):
    """Where an audition stands for one juror."""

    TO_DECLARE = "to_declare", _("Déclaration à faire")
    RECUSED = "recused", _("Déporté·e")
    TO_SCORE = "to_score", _("À évaluer")
    SCORED = "scored", _("Évaluée")


status_badges(
    JurorState,
    {
        JurorState.TO_DECLARE: "warning",
        JurorState.RECUSED: "",
        JurorState.TO_SCORE: "info",
        JurorState.SCORED: "success",
    },
)


def _count(queryset: QuerySet, group_by: str) -> Coalesce:
    """The number of rows of `queryset` (filtered on OuterRef), 0 when none: one subquery."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
        Value(0),
    )


def with_quorum(auditions: QuerySet) -> QuerySet:
    """Annotate each audition with `seated` (its jury's jurors), `recused` (those of them who declared a
    link) and `sitting` (the difference), in two subqueries."""
    seated = JuryMember.objects.filter(jury=OuterRef("jury"), user__isnull=False)
    recused = Declaration.objects.filter(audition=OuterRef("pk"), juror__jury_seats__jury=OuterRef("jury")).exclude(
        link=Link.NONE
    )
    return auditions.annotate(seated=_count(seated, "jury"), recused=_count(recused, "audition")).annotate(
        sitting=F("seated") - F("recused")
    )


def below_quorum(auditions: QuerySet) -> QuerySet:
    """Those of `auditions` that are active and whose jury, its recused jurors left out, is fewer than
    their cohort's quorum (`seated`, `recused` and `sitting` annotated): the cohort's list below, the
    admin's « quorum » filter and the staff dashboard's count."""
    return with_quorum(auditions.filter(ACTIVE_AUDITIONS)).filter(sitting__lt=F("jury__cohort__jury_quorum"))


def auditions_below_quorum(cohort) -> QuerySet:
    """The cohort's active auditions whose jury, its recused jurors left out, is fewer than the
    cohort's quorum (`seated`, `recused` and `sitting` annotated)."""
    return (
        below_quorum(Audition.objects.filter(jury__cohort=cohort))
        .select_related("application__candidate", "challenge", "jury")
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )


# Active auditions whose slot the candidate has not confirmed: no time set yet, or a time not confirmed.
SLOT_UNCONFIRMED = ACTIVE_AUDITIONS & (Q(starts_at__isnull=True) | ~Q(status=AuditionStatus.CONFIRMED))


def scorecards_missing(now) -> Q:
    """Held auditions (active, over at `now`) where a sitting juror (a member of the jury who did not
    recuse themselves) has not submitted a scorecard yet."""
    recused = Declaration.objects.filter(audition=OuterRef(OuterRef("pk")), juror=OuterRef("user")).exclude(
        link=Link.NONE
    )
    scored = AuditionScorecard.objects.filter(audition=OuterRef(OuterRef("pk")), juror=OuterRef("user"))
    unscored = (
        JuryMember.objects.filter(jury=OuterRef("jury"), user__isnull=False)
        .exclude(Exists(recused))
        .exclude(Exists(scored))
    )
    return ACTIVE_AUDITIONS & Q(ends_at__lte=now) & Q(Exists(unscored))


def audition_sitting(audition: Audition) -> int:
    """How many jurors of the audition's jury have not recused themselves."""
    return with_quorum(Audition.objects.filter(pk=audition.pk)).values_list("sitting", flat=True).get()


def juror_auditions(juror) -> list[Audition]:
    """The active auditions of every jury `juror` sits on, by time (slots still to set last), each with
    `juror_state` (a JurorState) and its candidate, challenge and jury: three joins, one query."""
    mine = Declaration.objects.filter(audition=OuterRef("pk"), juror=juror)
    auditions = (
        Audition.objects.filter(ACTIVE_AUDITIONS, jury__members__user=juror)
        .annotate(
            declared=Exists(mine),
            recused=Exists(mine.exclude(link=Link.NONE)),
            scored=Exists(AuditionScorecard.objects.filter(audition=OuterRef("pk"), juror=juror)),
        )
        .select_related("application__candidate", "challenge", "jury")
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    auditions = list(auditions)
    for audition in auditions:
        audition.juror_state = JurorState(juror_state(audition))
    return auditions


def juror_state(audition: Audition) -> str:
    """The state of an audition annotated by `juror_auditions`."""
    if not audition.declared:
        return JurorState.TO_DECLARE
    if audition.recused:
        return JurorState.RECUSED
    return JurorState.SCORED if audition.scored else JurorState.TO_SCORE


def by_paris_day(auditions: list[Audition]) -> list[tuple]:
    """The auditions grouped by their day in Paris time (None: no slot yet), in their order."""
    return [
        (day, list(group))
        for day, group in groupby(
            auditions, key=lambda audition: audition.starts_at.astimezone(PARIS).date() if audition.starts_at else None
        )
    ]


def deliberation_is_open(audition: Audition) -> bool:
    """Whether the deliberation of the audition's challenge and its candidate's profile is still open
    (no deliberation yet: open). A closed or validated one freezes the scorecards."""
    return (
        not Deliberation.objects.filter(challenge_id=audition.challenge_id, profile=audition.application.profile)
        .exclude(status=DeliberationStatus.OPEN)
        .exists()
    )


def audition_scorecards(audition: Audition) -> list[AuditionScorecard]:
    """Every scorecard of the audition, each with its weighted mean and its scores in the grid's order."""
    return list(
        AuditionScorecard.objects.filter(audition=audition)
        .with_weighted_mean()
        .select_related("juror")
        .prefetch_related("scores__criterion")
        .order_by("created_at", "pk")
    )


def cohort_declarations(cohort) -> QuerySet:
    """Every declaration made for an audition of the cohort, latest first, with its juror and audition."""
    return (
        Declaration.objects.filter(audition__jury__cohort=cohort)
        .select_related("juror", "audition__application__candidate", "audition__challenge", "audition__jury")
        .order_by("-created_at", "-pk")
    )


def challenge_juries(cohort) -> dict[int, int]:
    """Each challenge of the cohort that has a jury → the jury that auditions for it (the first created,
    when several share it). One query."""
    juries = {}
    for challenge_id, jury_id in (
        Jury.challenges.through.objects.filter(jury__cohort=cohort)
        .order_by("jury_id")
        .values_list("challenge_id", "jury_id")
    ):
        juries.setdefault(challenge_id, jury_id)
    return juries


def proposable_challenges(audition: Audition):
    """The challenges a jury may propose for the audition's candidate: the cohort's selected challenges
    that have a jury, but those the candidate is already auditioned for."""
    return (
        Challenge.objects.filter(
            cohort_id=audition.application.cohort_id, status=ChallengeStatus.SELECTED, juries__isnull=False
        )
        .exclude(auditions__in=Audition.objects.filter(ACTIVE_AUDITIONS, application_id=audition.application_id))
        .distinct()
        .order_by("name")
    )
