"""The anonymous review queue: submitted applications the reviewer has not reviewed, fewest reviews first,
identified by their reference only."""

import datetime as dt

import pytest
from django.urls import reverse

from cohorts.profiles import Profile
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

QUEUE_URL = reverse("review:queue")


@pytest.fixture
def cohort():
    """A cohort in pre-selection (its candidates call closed 5 days ago); the current one."""
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def reviewer():
    return UserFactory(staff=True, email="relectrice@example.org")


def queue_references(response) -> list[str]:
    page = Page(response.content.decode())
    table = page.find_all("table")[0]
    return page.texts("th", scope="row", inside=table)


def test_review_queue_lists_submitted_applications_fewest_reviews_first(client, cohort, reviewer):
    submitted_at = dt.datetime(2026, 4, 19, 21, 30, tzinfo=dt.UTC)
    twice, once, fresh = (
        ApplicationFactory(submitted=True, cohort=cohort, submitted_at=submitted_at) for _ in range(3)
    )
    for _ in range(2):
        PreselectionReviewFactory(application=twice, reviewer=UserFactory(staff=True), scores=3)
    PreselectionReviewFactory(application=once, reviewer=UserFactory(staff=True), scores=3)
    client.force_login(reviewer)

    response = client.get(QUEUE_URL)

    assert response.status_code == 200
    assert queue_references(response) == [fresh.review_code, once.review_code, twice.review_code]
    assert [row.text for row in Page(response.content.decode()).find_all("tr")[1:4]] == [
        f"{fresh.review_code} Développeur·se 4 19 avril 2026 0",
        f"{once.review_code} Développeur·se 4 19 avril 2026 1",
        f"{twice.review_code} Développeur·se 4 19 avril 2026 2",
    ]


def test_review_queue_leaves_out_drafts_withdrawn_decided_other_cohorts_and_own_reviews(client, cohort, reviewer):
    listed = ApplicationFactory(submitted=True, cohort=cohort)
    reviewed_by_me = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=reviewed_by_me, reviewer=reviewer, scores=3)
    ApplicationFactory(complete=True, cohort=cohort)
    ApplicationFactory(complete=True, cohort=cohort, status="withdrawn")
    ApplicationFactory(preselected=True, cohort=cohort)
    ApplicationFactory(submitted=True, cohort=CohortFactory(phase="programme"))
    client.force_login(reviewer)

    response = client.get(QUEUE_URL)

    page = Page(response.content.decode())
    assert queue_references(response) == [listed.review_code]
    assert page.texts("th", scope="row", inside=page.find_all("table")[1]) == [reviewed_by_me.review_code]


def test_review_queue_defaults_to_the_current_cohort_and_keeps_the_chosen_one(client, cohort, reviewer):
    older = CohortFactory(phase="programme", name="EIG 11", number=11)
    current_one = ApplicationFactory(submitted=True, cohort=cohort)
    older_one = ApplicationFactory(submitted=True, cohort=older)
    client.force_login(reviewer)

    default = client.get(QUEUE_URL)
    chosen = client.get(QUEUE_URL, {"cohort": 11})

    assert queue_references(default) == [current_one.review_code]
    assert queue_references(chosen) == [older_one.review_code]
    assert Page(chosen.content.decode()).find_all("option", selected="")[0].text == "EIG 11"


def test_review_queue_filters_by_profile_and_keeps_it_in_the_review_links(client, cohort, reviewer):
    designer = ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DESIGNER)
    ApplicationFactory(submitted=True, cohort=cohort, profile=Profile.DEVELOPER)
    client.force_login(reviewer)

    response = client.get(QUEUE_URL, {"cohort": 12, "profile": "designer"})

    page = Page(response.content.decode())
    assert queue_references(response) == [designer.review_code]
    review_url = reverse("review:application", args=[designer.review_code]) + "?profile=designer"
    assert [
        a.attrs["href"] for a in page.find_all("a") if a.text in {designer.review_code, "Évaluer la suivante"}
    ] == [
        review_url,
        review_url,
    ]


def test_review_queue_html_shows_neither_the_candidates_name_nor_email(client, cohort, reviewer):
    candidate = UserFactory(candidate=True, first_name="Hortense", last_name="Quillebeuf", email="hq@example.org")
    application = ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate)
    other = ApplicationFactory(submitted=True, cohort=cohort)
    reviewed = ApplicationFactory(submitted=True, cohort=cohort)
    PreselectionReviewFactory(application=reviewed, reviewer=reviewer, scores=3)
    client.force_login(reviewer)

    html = client.get(QUEUE_URL).content.decode()

    assert application.review_code in html
    assert reviewed.review_code in html
    for user in (candidate, other.candidate, reviewed.candidate):
        assert (user.first_name in html, user.last_name in html, user.email in html) == (False, False, False)


def test_review_queue_empty_says_so(client, cohort, reviewer):
    client.force_login(reviewer)

    response = client.get(QUEUE_URL)

    assert Page(response.content.decode()).texts("p", css_class="fr-callout__text") == [
        "Aucune candidature déposée n'attend votre évaluation."
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_review_queue_query_count_does_not_grow(client, cohort, reviewer, django_assert_num_queries, count):
    for _ in range(count):
        PreselectionReviewFactory(
            application=ApplicationFactory(submitted=True, cohort=cohort), reviewer=UserFactory(staff=True), scores=3
        )
        PreselectionReviewFactory(
            application=ApplicationFactory(submitted=True, cohort=cohort), reviewer=reviewer, scores=3
        )
    client.force_login(reviewer)

    # session, user, second factor, current cohort (2), chosen cohort, queue, own reviews, cohort choices (2)
    with django_assert_num_queries(10):
        response = client.get(QUEUE_URL)

    assert len(queue_references(response)) == count


def test_review_queue_staff_without_second_factor_sent_to_set_it_up(client, cohort):
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(QUEUE_URL, follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_index"), 302)
    assert [str(m) for m in response.context["messages"]] == [
        "Activez l'authentification à deux facteurs pour présélectionner les candidatures."
    ]


def test_review_queue_staff_without_second_factor_allowed_when_not_required(client, cohort, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(QUEUE_URL)

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_review_queue_refused_to_other_roles(client, cohort, role):
    client.force_login(UserFactory(**{role: True}))

    response = client.get(QUEUE_URL)

    assert response.status_code == 403


def test_review_queue_anonymous_sent_to_login(client, cohort):
    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/preselection/"


def test_header_shows_the_preselection_item_to_staff_only(client, cohort, reviewer):
    client.force_login(reviewer)
    staff_nav = Page(client.get(reverse("home")).content.decode()).texts("a", css_class="fr-nav__link")
    client.force_login(UserFactory(candidate=True))
    candidate_nav = Page(client.get(reverse("home")).content.decode()).texts("a", css_class="fr-nav__link")

    assert "Présélection" in staff_nav
    assert "Présélection" not in candidate_nav
