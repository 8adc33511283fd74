"""What the fellows' and the mentors' spaces show, and who opens them: a fellow sees their own fellowship
(the latest cohort's, the others listed), their team and their mentors; a mentor sees the teams of the
challenges whose invitation they accepted, and nothing of another team. Each read is a fixed number of
queries, whatever the size of the team."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from challenges.models import Challenge
from eig.gate import Rule, role_rule
from eig.models import Role
from fellowship.models import Fellow, Mentor, Repository

# « Mon équipe »: the fellows; « Mon mentorat »: the mentors.
FELLOWS = role_rule(Role.FELLOW)
MENTORS = role_rule(Role.MENTOR)
# A fellow's own fellowship (the consent to the public page): that fellow only.
OWN_FELLOWSHIP = Rule({Role.FELLOW: lambda user, fellow: fellow.user_id == user.pk})


def user_fellowships(user) -> list[Fellow]:
    """The user's fellowships, latest cohort first, with their challenge, administration, position and
    mentors (one query)."""
    return list(
        Fellow.objects.filter(user=user)
        .select_related(
            "cohort",
            "challenge__cohort",
            "challenge__administration",
            "position",
            "operational_mentor",
            "senior_mentor",
        )
        .order_by("-cohort__number", "-pk")
    )


def fellowship_chosen(fellowships: list[Fellow], cohort_pk: str | None) -> Fellow | None:
    """The fellowship of the cohort asked for (`?promotion=<pk>`), when it is one of the user's; else the
    latest. Anything else in the address is ignored."""
    for fellow in fellowships:
        if str(fellow.cohort_id) == (cohort_pk or "").strip():
            return fellow
    return fellowships[0] if fellowships else None


def teammates(fellow: Fellow) -> QuerySet[Fellow]:
    """The other fellows of the fellow's team (same challenge), by name, with their position (one query)."""
    return (
        Fellow.objects.filter(challenge_id=fellow.challenge_id)
        .exclude(pk=fellow.pk)
        .select_related("user", "position")
        .order_by("user__last_name", "user__first_name", "pk")
    )


@dataclass(frozen=True)
class MentoredFellow:
    """A fellow of a team the user mentors, and as which mentor (operational, senior, both, or neither: the
    other mentor's fellow in the same team)."""

    fellow: Fellow
    operational: bool
    senior: bool


@dataclass(frozen=True)
class MentoredTeam:
    challenge: Challenge
    fellows: list[MentoredFellow]


def mentored_teams(user) -> list[MentoredTeam]:
    """The teams of the challenges whose mentor invitation the user accepted, latest cohort first, each with
    its fellows, whom the user mentors among them, and its repositories (three queries)."""
    fellows = Fellow.objects.select_related("user", "position", "operational_mentor", "senior_mentor").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    challenges = (
        Challenge.objects.filter(
            pk__in=Mentor.objects.filter(user=user, accepted_at__isnull=False).values("challenge_id")
        )
        .select_related("cohort", "administration")
        .prefetch_related(
            Prefetch("fellows", queryset=fellows),
            Prefetch("repositories", queryset=Repository.objects.order_by("name", "id")),
        )
        .order_by("-cohort__number", "name", "pk")
    )

    def mentors(mentor: Mentor | None) -> bool:
        return mentor is not None and mentor.user_id == user.pk

    return [
        MentoredTeam(
            challenge=challenge,
            fellows=[
                MentoredFellow(
                    fellow=fellow,
                    operational=mentors(fellow.operational_mentor),
                    senior=mentors(fellow.senior_mentor),
                )
                for fellow in challenge.fellows.all()
            ],
        )
        for challenge in challenges
    ]
