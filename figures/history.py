"""The cohort beside the previous ones (the staff dashboard): the same figures for each, from what
every cohort keeps after the retention purges (anonymous records): an application's status, profile
and cohort, the deliberations' lists, the offers, the fellows and the challenges' positions. Nothing
here reads a field that the purge empties (applications.services.application_purge).

Four grouped queries, whatever the number of cohorts: the cohorts, their applications per profile,
their seats, their first offer.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from applications.stages import STAGES
from challenges.models import ChallengeStatus, Position
from cohorts.models import Cohort
from cohorts.profiles import Profile
from eig.dates import PARIS
from fellowship.models import Offer
from figures.charts import Bar, stacked_bars

ONE_DECIMAL = Decimal("0.1")


def rounded(value: Decimal, step: Decimal = ONE_DECIMAL) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CohortFigures:
    """One cohort's column: `shares` are the percentages of each profile of the comparison among its
    submitted applications (same order as `Comparison.profiles`; None without any application)."""

    cohort: Cohort
    submitted: int
    seats: int
    shares: tuple[Decimal | None, ...]
    laureates: int
    fellows: int
    days_to_first_offer: int | None

    @property
    def applications_per_seat(self) -> Decimal | None:
        """Submitted applications per seat, to one decimal (None without seats)."""
        return rounded(Decimal(self.submitted) / self.seats) if self.seats else None


@dataclass(frozen=True)
class Comparison:
    """The cohort and every previous one, newest first, with the chart of applications per seat."""

    columns: list[CohortFigures]
    profiles: list[tuple[str, str]]
    chart: list[Bar]

    @property
    def share_rows(self) -> list[tuple[str, list[Decimal | None]]]:
        """The table's rows of shares: a profile's label and its share in each column."""
        return [
            (label, [column.shares[index] for column in self.columns])
            for index, (_value, label) in enumerate(self.profiles)
        ]


def paris_date(when: dt.datetime) -> dt.date:
    return timezone.localtime(when, PARIS).date()


def cohorts_comparison(cohort: Cohort, *, now: dt.datetime) -> Comparison:
    """`cohort` and the cohorts of a smaller number, newest first."""
    cohorts = list(Cohort.objects.filter(number__lte=cohort.number).order_by("-number"))
    ids = [c.pk for c in cohorts]
    submitted, laureate, fellow = (STAGES[key].condition(now) for key in ("submitted", "laureate", "fellow"))
    grouped = (
        Application.objects.filter(cohort_id__in=ids)
        .order_by()
        .values("cohort_id", "profile")
        .annotate(
            submitted=Count("pk", filter=submitted),
            laureates=Count("pk", filter=laureate),
            fellows=Count("pk", filter=fellow),
        )
    )
    counts: dict[int, dict[str, dict[str, int]]] = {pk: {} for pk in ids}
    for group in grouped:
        counts[group["cohort_id"]][group["profile"]] = group
    seats = dict(
        Position.objects.filter(challenge__cohort_id__in=ids, challenge__status=ChallengeStatus.SELECTED)
        .order_by()
        .values_list("challenge__cohort_id")
        .annotate(n=Count("pk"))
    )
    first_offers = dict(
        Offer.objects.filter(application__cohort_id__in=ids)
        .order_by()
        .values_list("application__cohort_id")
        .annotate(first=Min("sent_at"))
    )

    present = {p for groups in counts.values() for p, group in groups.items() if group["submitted"]}
    profiles = [(value, label) for value, label in Profile.choices if value in present]
    columns = []
    for c in cohorts:
        groups = counts[c.pk]
        total = sum(group["submitted"] for group in groups.values())
        shares = tuple(
            rounded(Decimal(100 * groups.get(p, {}).get("submitted", 0)) / total) if total else None
            for p, _label in profiles
        )
        first = first_offers.get(c.pk)
        columns.append(
            CohortFigures(
                cohort=c,
                submitted=total,
                seats=seats.get(c.pk, 0),
                shares=shares,
                laureates=sum(group["laureates"] for group in groups.values()),
                fellows=sum(group["fellows"] for group in groups.values()),
                days_to_first_offer=(
                    (paris_date(first) - paris_date(c.candidates_call_opens_at)).days if first else None
                ),
            )
        )
    label = _("Candidatures par poste")
    # A cohort without seats has no ratio (« — » in the table): it has no bar either.
    per_seat = [(c.cohort.name, [float(c.applications_per_seat)]) for c in columns if c.seats]
    chart = stacked_bars(per_seat, [label])
    return Comparison(columns=columns, profiles=profiles, chart=chart)
