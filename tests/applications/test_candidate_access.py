"""Who may open each of the candidate's URLs (the rules listed in tests/test_access_control.py): every
URL for a role that may and for the roles that may not."""

import pytest
from django.urls import reverse

from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.test_access_control import ACCESS_RULES, APPLICANT_OR_STAFF, CANDIDATES

pytestmark = pytest.mark.django_db

# Pages a candidate opens with GET (submit is POST only); "wishes" needs a pre-selected application.
CANDIDATE_PAGES = ["applications:space", "applications:edit", "applications:withdraw"]
OTHER_ROLES = ["agent", "juror", "staff"]


def test_candidate_urls_are_in_the_access_table():
    assert {
        name
        for name, access in ACCESS_RULES.items()
        if name.startswith("applications:") and access.who in {CANDIDATES, APPLICANT_OR_STAFF}
    } == {
        "applications:space",
        "applications:edit",
        "applications:submit",
        "applications:withdraw",
        "applications:wishes",
        "applications:cv",
    }


def url(name: str) -> str:
    return reverse(name, args=(1,) if name == "applications:edit" else ())


@pytest.mark.parametrize("name", CANDIDATE_PAGES)
def test_candidate_pages_open_to_their_candidate(client, name):
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"))
    client.force_login(application.candidate)

    response = client.get(url(name))

    assert response.status_code == 200


def test_wishes_open_to_a_preselected_candidate(client):
    application = ApplicationFactory(cohort=CohortFactory(phase="wishes"), preselected=True)
    client.force_login(application.candidate)

    response = client.get(url("applications:wishes"))

    assert response.status_code == 200


def test_candidate_submit_open_to_their_candidate(client):
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"), complete=True)
    client.force_login(application.candidate)

    response = client.post(url("applications:submit"))

    assert response.status_code == 302
    assert response["Location"] == reverse("applications:space")


@pytest.mark.parametrize("name", ["applications:space", "applications:edit", "applications:wishes"])
def test_candidate_pages_send_anonymous_visitors_to_login(client, name):
    response = client.get(url(name))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(name)}"


@pytest.mark.parametrize("name", ["applications:submit", "applications:withdraw"])
def test_candidate_actions_send_anonymous_visitors_to_login(client, name):
    response = client.post(url(name))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url(name)}"


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("name", [*CANDIDATE_PAGES, "applications:wishes"])
def test_candidate_pages_refuse_other_roles(client, name, role):
    CohortFactory(phase="candidates_call")
    client.force_login(UserFactory(**{role: True}))

    response = client.get(url(name))

    assert response.status_code == 403


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("name", ["applications:submit", "applications:withdraw"])
def test_candidate_actions_refuse_other_roles(client, name, role):
    CohortFactory(phase="candidates_call")
    client.force_login(UserFactory(**{role: True}))

    response = client.post(url(name))

    assert response.status_code == 403


def test_other_candidate_cannot_submit_or_withdraw_someone_elses_application(client):
    """The candidate's URLs name no application: another candidate only ever reaches their own."""
    application = ApplicationFactory(cohort=CohortFactory(phase="candidates_call"), complete=True)
    client.force_login(UserFactory(candidate=True))

    client.post(url("applications:submit"))
    client.post(url("applications:withdraw"))

    application.refresh_from_db()
    assert application.status == "draft"


@pytest.mark.parametrize(("role", "status_code"), [("owner", 200), ("staff", 200)])
def test_cv_open_to_its_candidate_and_staff(client, role, status_code):
    application = ApplicationFactory(complete=True)
    client.force_login(application.candidate if role == "owner" else UserFactory(staff=True))

    response = client.get(reverse("applications:cv", args=(application.pk, "cv")))

    assert response.status_code == status_code


@pytest.mark.parametrize("role", ["other candidate", "agent", "juror"])
def test_cv_refused_to_other_roles(client, role):
    application = ApplicationFactory(complete=True)
    traits = {"other candidate": "candidate"}.get(role, role)
    client.force_login(UserFactory(**{traits: True}))

    response = client.get(reverse("applications:cv", args=(application.pk, "cv")))

    assert response.status_code == 403
