"""The funnel of a cohort: how many challenges and applications reached each stage, split by profile
and by seniority band, with the deadline of each stage's step. Two aggregate queries, whatever the size
of the cohort, and each count with the address of the admin list of exactly those rows.

The application stages are `applications.stages` (the admin's « Étape atteinte » filter reads the same
definitions); the challenge stages are their statuses.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from applications.stages import JUNIOR, SENIOR, stages
from challenges.models import Challenge, ChallengeStatus, Position
from cohorts.models import Cohort
from cohorts.profiles import Profile
from cohorts.windows import Step, Window

# The seniority bands, as the admin's « ancienneté » filter names them.
BANDS = (
    ("junior", _("Junior")),
    ("senior", _("Senior")),
    ("unknown", _("Expérience non renseignée")),
)
# An application without a profile yet (a draft): its column.
NO_PROFILE = ""
NO_PROFILE_LABEL = _("Profil non renseigné")

CHALLENGE_STAGES = (
    (
        "submitted",
        _("Défis déposés"),
        [ChallengeStatus.SUBMITTED, ChallengeStatus.SELECTED, ChallengeStatus.NOT_SELECTED],
        Step.PROJECTS_CALL,
    ),
    ("selected", _("Défis sélectionnés"), [ChallengeStatus.SELECTED], Step.CHALLENGE_SELECTION),
)


@dataclass(frozen=True)
class Cell:
    count: int
    url: str


@dataclass
class FunnelRow:
    """One stage: its total, its count per column of each split, its step's window."""

    key: str
    label: str
    total: Cell
    window: Window
    by_profile: list[Cell] = field(default_factory=list)
    by_band: list[Cell] = field(default_factory=list)


@dataclass
class Funnel:
    cohort: Cohort
    challenges: list[FunnelRow]
    applications: list[FunnelRow]
    # The columns of the splits: (value, label), profiles that occur or are sought, in the choices' order.
    profiles: list[tuple[str, str]]
    bands: list[tuple[str, str]]
    # Seats to fill: the positions of the selected challenges, per profile (same order as `profiles`).
    seats: list[int]

    @property
    def seats_total(self) -> int:
        return sum(self.seats)

    @property
    def by_profile_rows(self) -> list[tuple[FunnelRow, list[Cell]]]:
        return [(row, row.by_profile) for row in self.applications]

    @property
    def by_band_rows(self) -> list[tuple[FunnelRow, list[Cell]]]:
        return [(row, row.by_band) for row in self.applications]


def _admin_url(name: str, cohort: Cohort, **params) -> str:
    return reverse(f"admin:{name}_changelist") + "?" + urlencode({"cohort__id__exact": cohort.pk, **params})


def _band() -> Case:
    return Case(
        When(JUNIOR, then=Value("junior")),
        When(SENIOR, then=Value("senior")),
        default=Value("unknown"),
        output_field=CharField(),
    )


def cohort_funnel(cohort: Cohort, *, now: dt.datetime) -> Funnel:
    """The cohort's funnel at `now`, in three queries."""
    application_stages = stages()
    grouped = (
        Application.objects.filter(cohort=cohort)
        .order_by()
        .values("profile", band=_band())
        .annotate(**{f"n_{stage.key}": Count("pk", filter=stage.condition(now)) for stage in application_stages})
    )
    counts: dict[tuple[str, str, str], int] = {}
    for group in grouped:
        for stage in application_stages:
            counts[(stage.key, group["profile"], group["band"])] = group[f"n_{stage.key}"]

    seats = dict(
        Position.objects.filter(challenge__cohort=cohort, challenge__status=ChallengeStatus.SELECTED)
        .order_by()
        .values_list("profile")
        .annotate(n=Count("pk"))
    )
    present = {profile for (_stage, profile, _band_value) in counts} | set(seats)
    profiles = [(value, label) for value, label in Profile.choices if value in present]
    if NO_PROFILE in present:
        profiles.append((NO_PROFILE, NO_PROFILE_LABEL))

    def total(key: str, *, profile: str | None = None, band: str | None = None) -> int:
        return sum(
            n
            for (stage_key, p, b), n in counts.items()
            if stage_key == key and (profile is None or p == profile) and (band is None or b == band)
        )

    applications = []
    for stage in application_stages:
        url = functools.partial(_admin_url, "applications_application", cohort, stage=stage.key)
        applications.append(
            FunnelRow(
                key=stage.key,
                label=stage.label,
                total=Cell(total(stage.key), url()),
                window=cohort.window(stage.step),
                by_profile=[Cell(total(stage.key, profile=p), url(profile__exact=p)) for p, _label in profiles],
                by_band=[Cell(total(stage.key, band=b), url(seniority=b)) for b, _label in BANDS],
            )
        )

    challenge_counts = Challenge.objects.filter(cohort=cohort).aggregate(
        **{key: Count("pk", filter=Q(status__in=statuses)) for key, _label, statuses, _step in CHALLENGE_STAGES}
    )
    challenges = [
        FunnelRow(
            key=key,
            label=label,
            total=Cell(
                challenge_counts[key],
                _admin_url("challenges_challenge", cohort, status__in=",".join(statuses)),
            ),
            window=cohort.window(step),
        )
        for key, label, statuses, step in CHALLENGE_STAGES
    ]
    return Funnel(
        cohort=cohort,
        challenges=challenges,
        applications=applications,
        profiles=profiles,
        bands=list(BANDS),
        seats=[seats.get(p, 0) for p, _label in profiles],
    )
