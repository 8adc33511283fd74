"""Who may open the challenge selection pages: the cohort's challenge jurors and staff, nobody else."""

import pytest
from django.urls import reverse

from challenges.permissions import can_open_challenge_selection
from challenges.selectors import challenges_to_evaluate
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page
from tests.test_access_control import ACCESS_RULES, ANY_CHALLENGE_JURY, COHORT_CHALLENGE_JURY

pytestmark = pytest.mark.django_db

SELECTION_URLS = ["selection:challenge_list", "selection:challenge_evaluation"]


@pytest.fixture
def cohort():
    return CohortFactory(phase="challenge_selection")


@pytest.fixture
def challenge(cohort):
    return ChallengeFactory(cohort=cohort, submitted=True)


def url_for(url_name: str, challenge) -> str:
    return reverse(url_name, args=[challenge.pk] if url_name == "selection:challenge_evaluation" else [])


def jury_member(cohort, **flags):
    user = UserFactory(juror=True, second_factor=True, **flags)
    cohort.challenge_jurors.add(user)
    return user


def test_selection_urls_are_in_the_access_table():
    names = {
        name for name, access in ACCESS_RULES.items() if access.who in {ANY_CHALLENGE_JURY, COHORT_CHALLENGE_JURY}
    }

    assert names == set(SELECTION_URLS)


@pytest.mark.parametrize("url_name", SELECTION_URLS)
def test_selection_pages_open_for_the_cohort_jurors(client, cohort, challenge, url_name):
    client.force_login(jury_member(cohort))

    response = client.get(url_for(url_name, challenge))

    assert response.status_code == 200


@pytest.mark.parametrize("url_name", SELECTION_URLS)
def test_selection_pages_open_for_staff(client, challenge, url_name):
    client.force_login(UserFactory(staff=True))

    response = client.get(url_for(url_name, challenge))

    assert response.status_code == 200


@pytest.mark.parametrize("url_name", SELECTION_URLS)
def test_selection_pages_send_anonymous_visitors_to_login(client, challenge, url_name):
    url = url_for(url_name, challenge)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url_name", SELECTION_URLS)
@pytest.mark.parametrize(
    "flags",
    [
        {"candidate": True},
        {"agent": True},
        {"juror": True, "second_factor": True},  # a juror on no challenge jury
    ],
    ids=["candidate", "agent", "juror-without-jury"],
)
def test_selection_pages_refused_to_other_roles(client, challenge, url_name, flags):
    client.force_login(UserFactory(**flags))

    response = client.get(url_for(url_name, challenge))

    assert response.status_code == 403


def test_evaluation_page_refused_to_a_juror_of_another_cohort(client, challenge):
    client.force_login(jury_member(CohortFactory(phase="challenge_selection")))

    response = client.get(url_for("selection:challenge_evaluation", challenge))

    assert response.status_code == 403


def test_evaluation_page_refused_to_the_challenge_owner_even_on_the_jury(client, cohort):
    owner = jury_member(cohort, agent=True)
    challenge = ChallengeFactory(cohort=cohort, submitted=True, owners=[owner])
    client.force_login(owner)

    response = client.get(url_for("selection:challenge_evaluation", challenge))

    assert response.status_code == 403


def test_evaluation_page_refused_to_the_owning_agent(client, cohort):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, submitted=True, owners=[owner])
    client.force_login(owner)

    response = client.get(url_for("selection:challenge_evaluation", challenge))

    assert response.status_code == 403


@pytest.mark.parametrize("status", ["draft", "selected", "not_selected", "withdrawn"])
def test_evaluation_page_refused_unless_the_challenge_is_submitted(client, cohort, status):
    challenge = ChallengeFactory(cohort=cohort, complete=True, status=status)
    client.force_login(jury_member(cohort))

    response = client.get(url_for("selection:challenge_evaluation", challenge))

    assert response.status_code == 403


def test_evaluation_page_post_refused_to_a_juror_of_another_cohort(client, challenge):
    client.force_login(jury_member(CohortFactory(phase="challenge_selection")))

    response = client.post(url_for("selection:challenge_evaluation", challenge), {"favourable": "favourable"})

    assert response.status_code == 403
    assert challenge.evaluations.count() == 0


def test_can_open_challenge_selection_by_role(cohort):
    assert [
        can_open_challenge_selection(user)
        for user in (
            UserFactory(staff=True),
            jury_member(cohort),
            UserFactory(juror=True),
            UserFactory(agent=True),
            UserFactory(candidate=True),
        )
    ] == [True, True, False, False, False]


def test_challenges_to_evaluate_for_a_candidate_is_empty(challenge):
    assert list(challenges_to_evaluate(UserFactory(candidate=True))) == []


def nav_links(client) -> list[str]:
    page = Page(client.get(reverse("home")).content.decode())
    return page.texts("a", css_class="fr-nav__link", inside=page.find_all("nav", id="fr-navigation")[0])


def test_header_shows_selection_to_jurors_and_staff_only(client, cohort):
    roles = {
        "jury member": jury_member(cohort),
        "staff": UserFactory(staff=True),
        "juror without jury": UserFactory(juror=True),
        "agent": UserFactory(agent=True),
    }
    links = {}
    for role, user in roles.items():
        client.force_login(user)
        links[role] = nav_links(client).count("Sélection des défis")

    assert links == {"jury member": 1, "staff": 1, "juror without jury": 0, "agent": 0}
