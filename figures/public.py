"""The programme's public figures (« Les chiffres », open data): for each cohort whose results are out,
the counts of its funnel per stage and per profile (figures.funnel, the staff dashboard's own counts), and
its selected challenges with their administration and team size; as a page, a CSV and a JSON under the
Licence Ouverte / Open Licence 2.0 (Etalab).

Nothing here identifies a person: counts, the challenges' names (public in the catalogue) and their
administrations; never a name, an e-mail or a text a candidate wrote. A cohort is public once its results
are out: the same rule as its public page (fellowship.selectors_public, the acceptance step opening when
the deliberation closes at `results_at`).

Three queries whatever the number of challenges: the funnel's two and the challenges'.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from challenges.models import Challenge, ChallengeStatus
from cohorts.models import Cohort
from fellowship.selectors_public import cohort_public_get, cohorts_published
from figures.funnel import Funnel, cohort_funnel
from figures.links import funnel_links, no_link

LICENCE_NAME = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

# What a team size counts: the challenge's fellows, or its positions while nobody has accepted one.
FELLOWS = "fellows"
POSITIONS = "positions"
COUNTED = {FELLOWS: gettext_lazy("entrepreneur·es"), POSITIONS: gettext_lazy("postes ouverts")}


@dataclass(frozen=True)
class PublicChallenge:
    name: str
    administration: str
    team_size: int
    counted: str  # FELLOWS or POSITIONS

    @property
    def counted_label(self) -> str:
        return str(COUNTED[self.counted])

    @property
    def team_label(self) -> str:
        """« 3 entrepreneur·es », « 2 postes ouverts »."""
        if self.counted == FELLOWS:
            text = ngettext("%(count)s entrepreneur·e", "%(count)s entrepreneur·es", self.team_size)
        else:
            text = ngettext("%(count)s poste ouvert", "%(count)s postes ouverts", self.team_size)
        return text % {"count": self.team_size}


@dataclass(frozen=True)
class PublicFigures:
    cohort: Cohort
    funnel: Funnel
    challenges: list[PublicChallenge]


def figures_cohorts(*, now: dt.datetime) -> QuerySet[Cohort]:
    """The cohorts whose results are out, newest first."""
    return cohorts_published(now=now).order_by("-number")


def figures_cohort_get(*, number: int, now: dt.datetime) -> Cohort | None:
    """The cohort of that number once its results are out; None otherwise (a 404)."""
    return cohort_public_get(number=number, now=now)


def public_challenges(cohort: Cohort) -> list[PublicChallenge]:
    """The cohort's selected challenges by name, with their administration and team size."""
    challenges = (
        Challenge.objects.filter(cohort=cohort, status=ChallengeStatus.SELECTED)
        .select_related("administration")
        .annotate(fellow_count=Count("fellows", distinct=True), position_count=Count("positions", distinct=True))
        .order_by("name", "id")
    )
    return [
        PublicChallenge(
            name=challenge.name,
            administration=challenge.administration.name,
            team_size=challenge.fellow_count or challenge.position_count,
            counted=FELLOWS if challenge.fellow_count else POSITIONS,
        )
        for challenge in challenges
    ]


def public_figures(cohort: Cohort, *, now: dt.datetime) -> PublicFigures:
    # The staff dashboard's counts, without its links to the admin.
    funnel = funnel_links(cohort_funnel(cohort, now=now), no_link)
    return PublicFigures(cohort=cohort, funnel=funnel, challenges=public_challenges(cohort))


def figures_table(figures: PublicFigures) -> tuple[list[str], list[list]]:
    """The figures as one long table (one number per row), for the CSV."""
    header = [_("Rubrique"), _("Intitulé"), _("Profil"), _("Administration"), _("Nombre"), _("Compté en")]
    funnel = figures.funnel
    all_profiles = _("Tous profils")
    rows = [[_("Défis"), str(row.label), "", "", row.total.count, ""] for row in funnel.challenges]
    seats = _("Postes à pourvoir")
    rows.append([seats, seats, all_profiles, "", funnel.seats_total, ""])
    rows += [
        [seats, seats, str(label), "", count, ""]
        for (_value, label), count in zip(funnel.profiles, funnel.seats, strict=True)
    ]
    for row in funnel.applications:
        rows.append([_("Candidatures"), str(row.label), all_profiles, "", row.total.count, ""])
        rows += [
            [_("Candidatures"), str(row.label), str(label), "", cell.count, ""]
            for (_value, label), cell in zip(funnel.profiles, row.by_profile, strict=True)
        ]
    rows += [
        [_("Défis sélectionnés"), c.name, "", c.administration, c.team_size, c.counted_label]
        for c in figures.challenges
    ]
    return header, rows


def figures_json(figures: PublicFigures, *, source: str) -> dict:
    """The figures as JSON, with their licence and the address of their page (`source`)."""
    funnel = figures.funnel
    # A draft may have no profile yet: its column is "unknown".
    profiles = [value or "unknown" for value, _label in funnel.profiles]
    return {
        "cohort": {"number": figures.cohort.number, "name": figures.cohort.name},
        "source": source,
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "profiles": [
            {"key": key, "label": str(label)} for key, (_value, label) in zip(profiles, funnel.profiles, strict=True)
        ],
        "challenge_stages": [
            {"key": row.key, "label": str(row.label), "count": row.total.count} for row in funnel.challenges
        ],
        "seats": {"total": funnel.seats_total, "by_profile": dict(zip(profiles, funnel.seats, strict=True))},
        "application_stages": [
            {
                "key": row.key,
                "label": str(row.label),
                "count": row.total.count,
                "by_profile": {p: cell.count for p, cell in zip(profiles, row.by_profile, strict=True)},
            }
            for row in funnel.applications
        ],
        "challenges": [
            {"name": c.name, "administration": c.administration, "team_size": c.team_size, "counted": c.counted}
            for c in figures.challenges
        ],
    }
