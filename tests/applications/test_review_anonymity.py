"""The pre-selection pages (queue, review page, ranking) never show who the candidate is: neither their
name, their usual name, their pronouns nor their e-mail address."""

import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Application
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

IDENTITY = {
    "first_name": "Hortense",
    "last_name": "Quillebeuf",
    "usual_name": "Valdemarine",
    "pronouns": "ellui",  # a word no page holds otherwise
    "email": "hortense.q@example.org",
}


@pytest.fixture
def reviewed(client):
    cohort = CohortFactory(phase="preselection")
    application = ApplicationFactory(submitted=True, cohort=cohort, candidate=UserFactory(candidate=True, **IDENTITY))
    # A second application: the queue lists one, the ranking both (one reviewed).
    reviewed = ApplicationFactory(
        submitted=True,
        cohort=cohort,
        candidate=UserFactory(candidate=True, **IDENTITY | {"email": "hortense.bis@example.org"}),
    )
    reviewer = UserFactory(staff=True)
    PreselectionReviewFactory(application=reviewed, reviewer=reviewer, scores=3, assessment="…")
    client.force_login(reviewer)
    return application


@pytest.mark.parametrize(
    "url",
    [
        lambda application: reverse("review:queue"),
        lambda application: reverse("review:application", args=[application.review_code]),
        lambda application: reverse("review:ranking"),
    ],
    ids=["queue", "review page", "ranking"],
)
def test_review_pages_never_show_the_candidates_identity(client, reviewed, url):
    response = client.get(url(reviewed))

    html = response.content.decode()
    assert response.status_code == 200
    # Reviewers know an application by its anonymous review code only.
    assert reviewed.review_code in html
    shown = [value for value in (*IDENTITY.values(), "hortense.bis@example.org") if value in html]
    assert shown == []


@pytest.mark.parametrize(
    "url",
    [
        lambda application: reverse("review:queue"),
        lambda application: reverse("review:application", args=[application.review_code]),
        lambda application: reverse("review:ranking"),
    ],
    ids=["queue", "review page", "ranking"],
)
def test_review_pages_show_the_day_of_submission_never_its_time(client, reviewed, url):
    """The admin lists each application's submission time next to its candidate's name: shown to the
    minute on the review pages, it would tell reviewers who wrote what. They see the day only."""
    Application.objects.filter(pk=reviewed.pk).update(
        submitted_at=dt.datetime(2026, 4, 19, 21, 47, tzinfo=dt.UTC)  # 23:47 in Paris
    )

    html = client.get(url(reviewed)).content.decode()

    assert "23:47" not in html
    assert ("19 avril 2026" in html) == (url(reviewed) != reverse("review:ranking"))
