"""The comparison with the previous cohorts (figures.history): each cohort's figures, newest first, in the
same number of queries at 1 and 3 cohorts, unchanged by the retention purge, shown on the dashboard."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from applications.services import application_purge
from cohorts.profiles import Profile
from eig.dates import PARIS
from fellowship.models import Offer
from figures.history import cohorts_comparison, paris_date
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, validated_list
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


def past_cohort(number: int):
    """A cohort in its programme: 5 submitted applications (3 developers, 2 data scientists), a draft and a
    withdrawn one; 3 seats; 2 laureates, one of them a fellow whose offer was sent 41 days after the
    candidates call opened. Returns the cohort and its applications by role."""
    cohort = CohortFactory(phase="programme", number=number, name=f"EIG {number}")
    challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER)
    PositionFactory(challenge=challenge, profile=Profile.DATA_SCIENTIST)
    # Its own challenge's position: the third seat.
    fellow = FellowFactory(offer__application=ApplicationFactory(cohort=cohort, preselected=True))
    laureate = ApplicationFactory(cohort=cohort, preselected=True, profile=Profile.DEVELOPER)
    ApplicationFactory(cohort=cohort, submitted=True, profile=Profile.DEVELOPER)
    refused = [ApplicationFactory(cohort=cohort, not_preselected=True, profile=Profile.DATA_SCIENTIST) for _ in "ab"]
    ApplicationFactory(cohort=cohort, profile=Profile.DEVELOPER)
    ApplicationFactory(cohort=cohort, complete=True, status="withdrawn", profile=Profile.DATA_SCIENTIST)
    validated_list(challenge, Profile.DEVELOPER, main=[fellow.application, laureate])
    sent_on = paris_date(cohort.candidates_call_opens_at) + dt.timedelta(days=41)
    Offer.objects.filter(pk=fellow.offer_id).update(sent_at=dt.datetime.combine(sent_on, dt.time(12), PARIS))
    return cohort, {"fellow": fellow.application, "laureate": laureate, "refused": refused[0]}


def figures(comparison) -> list[dict]:
    return [
        {
            "cohort": column.cohort.name,
            "submitted": column.submitted,
            "seats": column.seats,
            "per seat": column.applications_per_seat,
            "shares": column.shares,
            "laureates": column.laureates,
            "fellows": column.fellows,
            "days": column.days_to_first_offer,
        }
        for column in comparison.columns
    ]


def test_each_cohort_and_the_previous_ones_newest_first():
    old, _applications = past_cohort(1)
    chosen = CohortFactory(phase="candidates_call", number=2, name="EIG 2")
    ApplicationFactory(cohort=chosen, submitted=True, profile=Profile.DESIGNER)
    CohortFactory(phase="projects_call", number=3, name="EIG 3")

    comparison = cohorts_comparison(chosen, now=timezone.now())

    assert comparison.profiles == [
        (Profile.DEVELOPER, "Développeur·se"),
        (Profile.DATA_SCIENTIST, "Data scientist"),
        (Profile.DESIGNER, "Designer"),
    ]
    assert figures(comparison) == [
        {
            "cohort": "EIG 2",
            "submitted": 1,
            "seats": 0,
            "per seat": None,
            "shares": (Decimal("0.0"), Decimal("0.0"), Decimal("100.0")),
            "laureates": 0,
            "fellows": 0,
            "days": None,
        },
        {
            "cohort": "EIG 1",
            "submitted": 5,
            "seats": 3,
            "per seat": Decimal("1.7"),
            "shares": (Decimal("60.0"), Decimal("40.0"), Decimal("0.0")),
            "laureates": 2,
            "fellows": 1,
            "days": 41,
        },
    ]
    # EIG 2 has no seats, so no ratio: no bar.
    assert [(bar.label, bar.total) for bar in comparison.chart] == [("EIG 1", 1.7)]
    assert comparison.share_rows == [
        ("Développeur·se", [Decimal("0.0"), Decimal("60.0")]),
        ("Data scientist", [Decimal("0.0"), Decimal("40.0")]),
        ("Designer", [Decimal("100.0"), Decimal("0.0")]),
    ]


def test_a_cohort_without_previous_one_is_compared_with_itself_alone():
    cohort = CohortFactory(phase="projects_call", number=1)

    comparison = cohorts_comparison(cohort, now=timezone.now())

    assert [column.cohort for column in comparison.columns] == [cohort]
    assert (comparison.columns[0].submitted, comparison.profiles) == (0, [])


@pytest.mark.parametrize("cohorts", [1, 3])
def test_the_comparison_queries_do_not_grow_with_the_cohorts(django_assert_num_queries, cohorts):
    for number in range(1, cohorts + 1):
        cohort, _applications = past_cohort(number)

    # The cohorts, their applications per profile, their seats, their first offers.
    with django_assert_num_queries(4):
        comparison = cohorts_comparison(cohort, now=timezone.now())

    assert len(comparison.columns) == cohorts


def test_purging_applications_leaves_the_comparison_unchanged():
    cohort, applications = past_cohort(1)
    before = cohorts_comparison(cohort, now=timezone.now())

    for key in ("refused", "laureate", "fellow"):
        assert application_purge(application=applications[key], data_class="not_retained") is True

    assert [a.purged_at is not None for a in cohort.applications.filter(purged_at__isnull=False)] == [True] * 3
    assert cohorts_comparison(cohort, now=timezone.now()) == before


def test_the_dashboard_shows_the_comparison_table(client):
    past_cohort(1)
    chosen = CohortFactory(phase="candidates_call", number=2, name="EIG 2")
    ApplicationFactory(cohort=chosen, submitted=True, profile=Profile.DESIGNER)
    client.force_login(UserFactory(staff=True))

    page = Page(client.get(f"/tableau-de-bord/{chosen.pk}/").content.decode())

    [table] = page.find_all("div", id="comparison")
    assert page.texts("th", inside=table) == [
        "Chiffre",
        "EIG 2",
        "EIG 1",
        "Candidatures déposées",
        "Postes à pourvoir",
        "Candidatures par poste",
        "Part des candidatures déposées : Développeur·se",
        "Part des candidatures déposées : Data scientist",
        "Part des candidatures déposées : Designer",
        "Lauréat·es",
        "Entrepreneur·es",
        "Jours de l'ouverture de l'appel à candidatures à la première offre",
    ]
    assert page.texts("td", inside=table) == [
        "1",
        "5",
        "0",
        "3",
        "—",
        "1,7",
        "0,0 %",
        "60,0 %",
        "0,0 %",
        "40,0 %",
        "100,0 %",
        "0,0 %",
        "0",
        "2",
        "0",
        "1",
        "—",
        "41",
    ]
