"""The ranking per profile: mean score, number of reviews, spread between reviewers, status."""

import pytest
from django.urls import reverse

from cohorts.profiles import Profile
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

RANKING_URL = reverse("review:ranking")


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def rows(response) -> list[str]:
    page = Page(response.content.decode())
    return [row.text for row in page.find_all("tr", inside=page.find_all("tbody")[0])]


def test_ranking_lists_mean_reviews_spread_and_status_best_first(client, cohort, staff):
    agreed = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=agreed, scores=[4] * 6)
    PreselectionReviewFactory(application=agreed, scores=[5, 5, 5, 4, 4, 4])
    disputed = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=disputed, scores=[1] * 6)
    PreselectionReviewFactory(application=disputed, scores=[5] * 6)
    disputed.status = "preselected"  # decided after its reviews
    disputed.save()
    unreviewed = ApplicationFactory(submitted=True, cohort=cohort)
    ApplicationFactory(complete=True, cohort=cohort)  # a draft: not listed
    ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)  # another profile
    client.force_login(staff)

    response = client.get(RANKING_URL, {"cohort": 12, "profile": "developer"})

    assert response.status_code == 200
    assert rows(response) == [
        f"{agreed.review_code} Développeur·se 4,25 2 0,50 Déposée",
        f"{disputed.review_code} Développeur·se 3,00 2 4,00 Désaccord Présélectionnée",
        f"{unreviewed.review_code} Développeur·se — 0 — Déposée",
    ]
    page = Page(response.content.decode())
    assert [a.attrs["href"] for a in page.find_all("a") if a.text == agreed.review_code] == [
        reverse("review:application", args=[agreed.review_code]) + "?profile=developer"
    ]
    assert page.texts("p", css_class="fr-badge--warning") == ["Désaccord"]


def test_ranking_flags_a_disagreement_from_1_5_points(client, cohort, staff):
    at_threshold = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=at_threshold, scores=[2, 2, 2, 2, 2, 2])
    PreselectionReviewFactory(application=at_threshold, scores=[3, 3, 3, 4, 4, 4])  # mean 3.5: spread 1.5
    below = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=below, scores=[2] * 6)
    PreselectionReviewFactory(application=below, scores=[3, 3, 3, 3, 3, 4])  # mean 3.1667: spread 1.17
    client.force_login(staff)

    response = client.get(RANKING_URL)

    assert rows(response) == [
        f"{at_threshold.review_code} Développeur·se 2,75 2 1,50 Désaccord Déposée",
        f"{below.review_code} Développeur·se 2,58 2 1,17 Déposée",
    ]


def test_ranking_sorts_by_mean_ascending_on_request(client, cohort, staff):
    high, low = (ApplicationFactory(submitted=True, cohort=cohort) for _ in range(2))
    PreselectionReviewFactory(application=high, scores=[5] * 6)
    PreselectionReviewFactory(application=low, scores=[1] * 6)
    client.force_login(staff)

    descending = client.get(RANKING_URL, {"cohort": 12})
    ascending = client.get(RANKING_URL, {"cohort": 12, "order": "asc"})

    assert [row.split()[0] for row in rows(descending)] == [high.review_code, low.review_code]
    assert [row.split()[0] for row in rows(ascending)] == [low.review_code, high.review_code]
    sort_links = Page(descending.content.decode()).find_all("a", href=f"{RANKING_URL}?cohort=12&profile=&order=asc")
    assert [link.text for link in sort_links] == ["Note moyenne (trier par ordre croissant)"]
    assert Page(ascending.content.decode()).find_all("th", aria_sort="ascending")[0].text.startswith("Note moyenne")


def test_ranking_html_shows_neither_the_candidates_name_nor_email(client, cohort, staff):
    candidate = UserFactory(candidate=True, first_name="Hortense", last_name="Quillebeuf", email="hq@example.org")
    PreselectionReviewFactory(
        application=ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate), scores=[3] * 6
    )
    client.force_login(staff)

    html = client.get(RANKING_URL).content.decode()

    assert ("Hortense" in html, "Quillebeuf" in html, "hq@example.org" in html) == (False, False, False)


@pytest.mark.parametrize("count", [1, 3])
def test_ranking_query_count_does_not_grow(client, cohort, staff, django_assert_num_queries, count):
    for _ in range(count):
        application = ApplicationFactory(submitted=True, cohort=cohort)
        PreselectionReviewFactory(application=application, scores=[3] * 6)
        PreselectionReviewFactory(application=application, scores=[4] * 6)
    client.force_login(staff)

    # session, user, second factor, current cohort (2), chosen cohort, ranking, cohort choices (2)
    with django_assert_num_queries(9):
        response = client.get(RANKING_URL)

    assert len(rows(response)) == count


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_ranking_refused_to_other_roles(client, cohort, role):
    client.force_login(UserFactory(**{role: True}))

    assert client.get(RANKING_URL).status_code == 403
