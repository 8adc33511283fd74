"""The pre-selection pages (queue, review page, ranking) never show who the candidate is: neither their
name, their usual name, their pronouns nor their e-mail address."""

import pytest
from django.urls import reverse

from applications.services import application_review
from cohorts.models import GridStage, ScoringCriterion
from tests.applications.factories import ApplicationFactory
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
    cohort = CohortFactory(days_since_start=90)
    application = ApplicationFactory(submitted=True, cohort=cohort, candidate=UserFactory(candidate=True, **IDENTITY))
    # A second application: the queue lists one, the ranking both (one reviewed).
    reviewed = ApplicationFactory(
        submitted=True,
        cohort=cohort,
        candidate=UserFactory(candidate=True, **IDENTITY | {"email": "hortense.bis@example.org"}),
    )
    criteria = ScoringCriterion.objects.for_stage(cohort, GridStage.PRESELECTION)
    reviewer = UserFactory(staff=True)
    application_review(
        application=reviewed, reviewer=reviewer, scores={criterion.pk: 3 for criterion in criteria}, assessment="…"
    )
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
    assert reviewed.review_code in html
    shown = [value for value in (*IDENTITY.values(), "hortense.bis@example.org") if value in html]
    assert shown == []
