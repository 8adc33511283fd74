"""The funnel of a cohort (figures.funnel): every count of every cell, each the admin list it links to, its
query count flat with the data, and its CSV."""

import pytest
from django.urls import reverse
from django.utils import timezone

from auditions.models import Audition, AuditionStatus
from challenges.models import Challenge, ChallengeStatus
from cohorts.profiles import Profile
from eig.audit.models import AuditAction, AuditEntry
from figures.funnel import cohort_funnel
from figures.views import funnel_table
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.challenges.factories import ChallengeFactory, PositionFactory
from tests.cohorts.factories import EXACT_CALENDAR, CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, OfferFactory, validated_list, validated_run

pytestmark = pytest.mark.django_db

DEV, DS, DESIGNER = Profile.DEVELOPER, Profile.DATA_SCIENTIST, Profile.DESIGNER


def preselected(cohort, profile=DEV, years=4, **fields):
    return ApplicationFactory(cohort=cohort, preselected=True, profile=profile, years_of_experience=years, **fields)


def cohort_world(cohort):
    """A cohort with challenges in every status and applications at every stage, each named; its
    seniority threshold is 5 years (the default): 5 is junior, 6 senior. Returns {name: object}."""
    assert cohort.seniority_threshold_years == 5
    w = {}
    for status in ChallengeStatus:
        ChallengeFactory(cohort=cohort, status=status, with_parts=False)
    w["selected"] = selected = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
    for profile in (DEV, DEV, DS):
        PositionFactory(challenge=selected, profile=profile)
    # A position of a challenge that is not selected: no seat.
    PositionFactory(challenge=Challenge.objects.get(cohort=cohort, status=ChallengeStatus.SUBMITTED), profile=DS)

    w["draft_blank"] = ApplicationFactory(cohort=cohort)  # no profile, no years: unknown band
    w["draft_designer"] = ApplicationFactory(cohort=cohort, profile=DESIGNER, years_of_experience=1)
    w["submitted_dev"] = ApplicationFactory(cohort=cohort, submitted=True, years_of_experience=5)
    w["submitted_ds"] = ApplicationFactory(cohort=cohort, submitted=True, profile=DS, years_of_experience=6)
    w["submitted_unknown"] = ApplicationFactory(cohort=cohort, submitted=True, years_of_experience=None)
    w["not_preselected"] = ApplicationFactory(cohort=cohort, not_preselected=True, profile=DS, years_of_experience=0)
    w["withdrawn"] = ApplicationFactory(cohort=cohort, complete=True, status="withdrawn")
    w["preselected"] = preselected(cohort, DS, 6)

    jury = JuryFactory(cohort=cohort, challenges=[selected])
    w["auditioned"] = preselected(cohort, DEV, 6)
    AuditionFactory(jury=jury, application=w["auditioned"], at=auditions_day(cohort, day=0, hour=9))
    # An audition still to come, and one held but cancelled: not auditioned.
    w["audition_to_come"] = preselected(cohort, DEV, 2)
    AuditionFactory(jury=jury, application=w["audition_to_come"], at=auditions_day(cohort, day=4, hour=9))
    w["audition_cancelled"] = preselected(cohort, DS, 2)
    cancelled = AuditionFactory(jury=jury, application=w["audition_cancelled"], at=auditions_day(cohort, hour=14))
    Audition.objects.filter(pk=cancelled.pk).update(status=AuditionStatus.CANCELLED)

    # Laureates: the main list of the last validated version. The second version took one of the first's
    # main list to its waiting list.
    w["laureate"] = preselected(cohort, DEV, 3)
    w["dropped"] = preselected(cohort, DEV, 8)
    w["ds_laureate"] = preselected(cohort, DS, None)
    validated_list(selected, DEV, main=[w["laureate"], w["dropped"]], number=1)
    validated_list(selected, DEV, main=[w["laureate"]], waiting=[w["dropped"]], number=2)
    validated_list(selected, DS, main=[w["ds_laureate"]])

    w["fellow"] = preselected(cohort, DEV, 7)
    position = selected.positions.filter(profile=DEV).first()
    FellowFactory(offer=OfferFactory(application=w["fellow"], position=position, status="accepted"))
    return w


# The rows of each cell, by the names of cohort_world.
EXPECTED = {
    "draft": ["draft_blank", "draft_designer"],
    "submitted": [
        "submitted_dev",
        "submitted_ds",
        "submitted_unknown",
        "not_preselected",
        "preselected",
        "auditioned",
        "audition_to_come",
        "audition_cancelled",
        "laureate",
        "dropped",
        "ds_laureate",
        "fellow",
    ],
    "preselected": [
        "preselected",
        "auditioned",
        "audition_to_come",
        "audition_cancelled",
        "laureate",
        "dropped",
        "ds_laureate",
        "fellow",
    ],
    "auditioned": ["auditioned"],
    "laureate": ["laureate", "ds_laureate"],
    "fellow": ["fellow"],
}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def admin_ids(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    changelist = response.context["cl"]
    assert changelist.result_count == len(changelist.result_list), url
    return sorted(row.pk for row in changelist.result_list)


def test_cohort_funnel_counts_every_cell_and_links_each_to_the_admin_list_of_exactly_its_rows(staff_client):
    cohort = CohortFactory(phase="auditions")
    w = cohort_world(cohort)
    other = CohortFactory(phase="auditions")
    ApplicationFactory(cohort=other, submitted=True)
    ChallengeFactory(cohort=other, selected=True, with_parts=False)

    funnel = cohort_funnel(cohort, now=timezone.now())

    assert funnel.profiles == [
        (DEV, "Développeur·se"),
        (DS, "Data scientist"),
        (DESIGNER, "Designer"),
        ("", "Profil non renseigné"),
    ]
    assert [str(label) for _value, label in funnel.bands] == ["Junior", "Senior", "Expérience non renseignée"]
    assert funnel.seats == [2, 1, 0, 0]
    assert funnel.seats_total == 3
    assert [(row.key, row.total.count) for row in funnel.challenges] == [("submitted", 4), ("selected", 2)]
    table = {
        row.key: (row.total.count, [c.count for c in row.by_profile], [c.count for c in row.by_band])
        for row in funnel.applications
    }
    assert table == {
        "draft": (2, [0, 0, 1, 1], [1, 0, 1]),
        "submitted": (12, [7, 5, 0, 0], [5, 5, 2]),
        "preselected": (8, [5, 3, 0, 0], [3, 4, 1]),
        "auditioned": (1, [1, 0, 0, 0], [0, 1, 0]),
        "laureate": (2, [1, 1, 0, 0], [1, 0, 1]),
        "fellow": (1, [1, 0, 0, 0], [0, 1, 0]),
    }

    challenge_ids = {
        "submitted": sorted(
            Challenge.objects.filter(
                cohort=cohort,
                status__in=[ChallengeStatus.SUBMITTED, ChallengeStatus.SELECTED, ChallengeStatus.NOT_SELECTED],
            ).values_list("pk", flat=True)
        ),
        "selected": sorted(
            Challenge.objects.filter(cohort=cohort, status=ChallengeStatus.SELECTED).values_list("pk", flat=True)
        ),
    }
    for row in funnel.challenges:
        assert admin_ids(staff_client, row.total.url) == challenge_ids[row.key]

    band_of = {
        "junior": lambda a: a.years_of_experience is not None and a.years_of_experience <= 5,
        "senior": lambda a: a.years_of_experience is not None and a.years_of_experience > 5,
        "unknown": lambda a: a.years_of_experience is None,
    }
    for row in funnel.applications:
        rows = [w[name] for name in EXPECTED[row.key]]
        assert row.total.count == len(rows)
        assert admin_ids(staff_client, row.total.url) == sorted(a.pk for a in rows)
        for (profile, _label), cell in zip(funnel.profiles, row.by_profile, strict=True):
            expected = sorted(a.pk for a in rows if a.profile == profile)
            assert (cell.count, admin_ids(staff_client, cell.url)) == (len(expected), expected), (row.key, profile)
        for (band, _label), cell in zip(funnel.bands, row.by_band, strict=True):
            expected = sorted(a.pk for a in rows if band_of[band](a))
            assert (cell.count, admin_ids(staff_client, cell.url)) == (len(expected), expected), (row.key, band)


def test_cohort_funnel_of_an_empty_cohort_is_all_zeros():
    cohort = CohortFactory()

    funnel = cohort_funnel(cohort, now=timezone.now())

    assert funnel.profiles == []
    assert funnel.seats == []
    assert [row.total.count for row in funnel.challenges] == [0, 0]
    assert [(row.total.count, row.by_profile, [c.count for c in row.by_band]) for row in funnel.applications] == [
        (0, [], [0, 0, 0])
    ] * 6


def fill(cohort, size: int) -> None:
    """`size` applications at each stage and `size` selected challenges with a position each."""
    run = validated_run(cohort, [])
    for _ in range(size):
        challenge = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
        PositionFactory(challenge=challenge, profile=DEV)
        ApplicationFactory(cohort=cohort)
        ApplicationFactory(cohort=cohort, submitted=True, profile=DS)
        jury = JuryFactory(cohort=cohort, challenges=[challenge])
        auditioned = preselected(cohort)
        AuditionFactory(jury=jury, application=auditioned, at=auditions_day(cohort))
        laureate = preselected(cohort, DS, 9)
        validated_list(challenge, DS, main=[laureate])
        FellowFactory(offer=OfferFactory(application=preselected(cohort), run=run, status="accepted"))


@pytest.mark.parametrize("cohorts", [1, 3])
@pytest.mark.parametrize("rows", [1, 3])
def test_dashboard_query_count_is_flat_in_cohorts_and_rows(staff_client, django_assert_num_queries, cohorts, rows):
    shown = None
    for _ in range(cohorts):
        shown = CohortFactory(phase="auditions")
        fill(shown, rows)
    url = reverse("figures:dashboard", args=[shown.pk])
    staff_client.get(url)  # The session and the permissions' caches are warm.

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = staff_client.get(url)

    assert response.status_code == 200


# The session, the user and the cohort (3), the gate's second factor (1), the funnel (3), what needs attention (8:
# tests/figures/test_attention.py), the comparison (4: tests/figures/test_history.py), the cohorts to choose from (1).
DASHBOARD_QUERIES = 20


def test_funnel_csv_holds_the_table_and_is_in_the_audit_trail(staff_client):
    cohort = CohortFactory(number=12, **EXACT_CALENDAR)
    selected = ChallengeFactory(cohort=cohort, selected=True, with_parts=False)
    PositionFactory(challenge=selected, profile=DEV)
    PositionFactory(challenge=selected, profile=DS)
    ChallengeFactory(cohort=cohort, submitted=True, with_parts=False)
    ApplicationFactory(cohort=cohort)
    ApplicationFactory(cohort=cohort, submitted=True, years_of_experience=7)
    laureate = preselected(cohort, DS, 2)
    validated_list(selected, DS, main=[laureate])

    response = staff_client.get(reverse("figures:funnel_csv", args=[cohort.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="entonnoir-eig-12.csv"'
    assert b"".join(response.streaming_content).decode().splitlines() == [
        "\ufeffÉtape;Total;Développeur·se;Data scientist;Profil non renseigné;Junior;Senior;"
        "Expérience non renseignée;Échéance (heure de Paris)",
        "Défis déposés;2;;;;;;;20 mars 2026 à 23:59 (heure de Paris)",
        "Défis sélectionnés;1;;;;;;;10 avril 2026 à 12:00 (heure de Paris)",
        "Postes à pourvoir;2;1;1;0;;;;",
        "Brouillons;1;0;0;1;0;0;1;21 avril 2026 à 23:59 (heure de Paris)",
        "Déposées;2;1;1;0;1;1;0;21 avril 2026 à 23:59 (heure de Paris)",
        "Présélectionnées;1;0;1;0;1;0;0;6 mai 2026 à 12:00 (heure de Paris)",
        "Auditionnées;0;0;0;0;0;0;0;15 juin 2026 à 19:00 (heure de Paris)",
        "Lauréates;1;0;1;0;1;0;0;30 juin 2026 à 12:00 (heure de Paris)",
        "Entrepreneur·es de la promotion;0;0;0;0;0;0;0;15 juillet 2026 à 12:00 (heure de Paris)",
    ]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.summary, entry.object_id, entry.data) == (
        "Export CSV : l'entonnoir de la promotion (9 lignes)",
        str(cohort.pk),
        {"format": "csv", "filename": "entonnoir-eig-12.csv", "rows": 9},
    )


def test_funnel_table_matches_the_funnel():
    cohort = CohortFactory()
    ApplicationFactory(cohort=cohort)

    header, rows = funnel_table(cohort_funnel(cohort, now=timezone.now()))

    assert len(header) == 2 + 1 + 3 + 1
    assert [row[:3] for row in rows] == [
        ["Défis déposés", 0, ""],
        ["Défis sélectionnés", 0, ""],
        ["Postes à pourvoir", 0, 0],
        ["Brouillons", 1, 1],
        ["Déposées", 0, 0],
        ["Présélectionnées", 0, 0],
        ["Auditionnées", 0, 0],
        ["Lauréates", 0, 0],
        ["Entrepreneur·es de la promotion", 0, 0],
    ]
