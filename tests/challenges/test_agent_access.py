"""Who may open each page of the agents' journey: every URL for anonymous visitors, an agent of
another administration, a candidate, the owner and a co-owner who accepted an invitation."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus
from challenges.services import challenge_invite
from cohorts.profiles import Profile
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.test_access_control import (
    ACCESS_RULES,
    ADMINISTRATION_MEMBERS,
    AGENTS,
    CHALLENGE_OWNERS,
    CHALLENGE_READERS,
    INVITED_ADDRESS,
)

pytestmark = pytest.mark.django_db

AGENT_PAGES = ["challenges:dashboard", "challenges:administration", "challenges:create"]
# Each page of one challenge (every step of the form), with the method its owner uses and the answer
# they get on a complete draft: submitting redirects to the challenge's page.
CHALLENGE_PAGES = [
    ("challenges:detail", {}, "get", 200),
    *[("challenges:edit", {"step": step}, "get", 200) for step in range(1, 8)],
    ("challenges:submit", {}, "post", 302),
    ("challenges:withdraw", {}, "get", 200),
    ("challenges:invite", {}, "get", 200),
]
CASE_IDS = [f"{name}{kwargs.get('step', '')}" for name, kwargs, _, _ in CHALLENGE_PAGES]


@pytest.fixture
def challenge():
    """A complete draft of an open projects call, owned by an agent of its administration."""
    owner = UserFactory(agent=True)
    administration = AdministrationFactory()
    MembershipFactory(user=owner, administration=administration)
    return ChallengeFactory(
        cohort=CohortFactory(phase="projects_call"), administration=administration, owners=[owner], complete=True
    )


def url_of(name: str, kwargs: dict, challenge) -> str:
    return reverse(name, kwargs={"pk": challenge.pk, **kwargs})


def other_agent():
    """An agent of another administration, owning a challenge of their own."""
    agent = UserFactory(agent=True)
    administration = AdministrationFactory()
    MembershipFactory(user=agent, administration=administration)
    ChallengeFactory(administration=administration, owners=[agent])
    return agent


def co_owner(client, challenge):
    """A colleague invited by the owner, who accepted through the invitation page."""
    colleague = UserFactory(agent=True)
    invitation = challenge_invite(challenge=challenge, email=colleague.email, by=challenge.owners.get())
    client.force_login(colleague)
    assert client.post(reverse("challenges:invitation_accept", kwargs={"token": invitation.token})).status_code == 302
    return colleague


def test_agent_urls_are_in_the_access_table():
    rules = {AGENTS, CHALLENGE_OWNERS, CHALLENGE_READERS, INVITED_ADDRESS, ADMINISTRATION_MEMBERS}
    # (Another app's invitation may be sent to an agent's address too: auditions:invitation_accept.)
    names = {name for name, access in ACCESS_RULES.items() if access.who in rules and name.startswith("challenges:")}

    assert names == {
        *AGENT_PAGES,
        *(name for name, *_ in CHALLENGE_PAGES),
        "challenges:invitation_accept",
        "challenges:membership_decide",
    }


# --- One challenge's pages -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_send_anonymous_visitors_to_login(client, challenge, name, kwargs, method, status):
    url = url_of(name, kwargs, challenge)

    response = getattr(client, method)(url)

    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_refused_to_an_agent_of_another_administration(
    client, challenge, name, kwargs, method, status
):
    client.force_login(other_agent())

    response = getattr(client, method)(url_of(name, kwargs, challenge))

    challenge.refresh_from_db()
    assert response.status_code == 403
    assert challenge.status == ChallengeStatus.DRAFT


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_refused_to_a_candidate(client, challenge, name, kwargs, method, status):
    client.force_login(UserFactory(candidate=True))

    response = getattr(client, method)(url_of(name, kwargs, challenge))

    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_open_to_the_owner(client, challenge, name, kwargs, method, status):
    client.force_login(challenge.owners.get())

    response = getattr(client, method)(url_of(name, kwargs, challenge))

    assert response.status_code == status


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_open_to_a_co_owner_after_accepting_an_invitation(
    client, challenge, name, kwargs, method, status
):
    co_owner(client, challenge)

    response = getattr(client, method)(url_of(name, kwargs, challenge))

    assert response.status_code == status


@pytest.mark.parametrize(("name", "kwargs", "method", "status"), CHALLENGE_PAGES, ids=CASE_IDS)
def test_challenge_pages_for_staff_read_only(client, challenge, name, kwargs, method, status):
    client.force_login(UserFactory(staff=True))

    response = getattr(client, method)(url_of(name, kwargs, challenge))

    assert response.status_code == (200 if name == "challenges:detail" else 403)


def test_challenge_page_open_to_the_cohorts_challenge_jurors_once_submitted(client):
    challenge = ChallengeFactory(submitted=True)
    juror = UserFactory(juror=True, second_factor=True)
    challenge.cohort.challenge_jurors.add(juror)
    client.force_login(juror)

    assert client.get(url_of("challenges:detail", {}, challenge)).status_code == 200
    assert client.get(url_of("challenges:edit", {"step": 1}, challenge)).status_code == 403


def test_challenge_page_sends_a_juror_without_second_factor_to_set_it_up(client):
    challenge = ChallengeFactory(submitted=True)
    juror = UserFactory(juror=True)
    challenge.cohort.challenge_jurors.add(juror)
    client.force_login(juror)

    response = client.get(url_of("challenges:detail", {}, challenge), follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_index"), 302)
    assert [str(message) for message in response.context["messages"]] == [
        "Activez l'authentification à deux facteurs pour ouvrir cette page."
    ]


def test_challenge_page_opens_to_an_owner_who_is_also_staff_without_second_factor(client):
    """Admitted as an owner, the staff member needs no second factor on their own challenge's page."""
    owner = UserFactory(agent=True, staff=True, second_factor=False)
    own = ChallengeFactory(owners=[owner])
    someone_elses = ChallengeFactory()
    client.force_login(owner)

    assert client.get(url_of("challenges:detail", {}, own)).status_code == 200
    assert client.get(url_of("challenges:detail", {}, someone_elses))["Location"] == reverse("mfa_index")


def test_challenge_page_refused_to_a_juror_of_another_cohort(client):
    challenge = ChallengeFactory(submitted=True)
    juror = UserFactory(juror=True, second_factor=True)
    CohortFactory().challenge_jurors.add(juror)
    client.force_login(juror)

    assert client.get(url_of("challenges:detail", {}, challenge)).status_code == 403


def test_positions_cannot_be_changed_by_an_agent_of_another_administration(client, challenge):
    client.force_login(other_agent())
    data = {
        "positions-TOTAL_FORMS": "3",
        "positions-INITIAL_FORMS": "0",
        "positions-0-profile": Profile.DESIGNER,
        "positions-0-mission": "Remplacé",
        "action": "draft",
    }

    response = client.post(url_of("challenges:edit", {"step": 4}, challenge), data)

    assert response.status_code == 403
    assert list(challenge.positions.values_list("profile", flat=True)) == [Profile.DEVELOPER, Profile.DATA_SCIENTIST]


def test_challenge_of_someone_else_in_the_same_administration_is_refused(client, challenge):
    colleague = UserFactory(agent=True)
    MembershipFactory(user=colleague, administration=challenge.administration)
    client.force_login(colleague)

    assert client.get(url_of("challenges:detail", {}, challenge)).status_code == 403


def test_challenge_pages_of_a_missing_challenge_are_not_found(client):
    client.force_login(UserFactory(agent=True))

    assert client.get(reverse("challenges:detail", kwargs={"pk": 999999})).status_code == 404


# --- The agents' own pages -----------------------------------------------------------------------


@pytest.fixture
def agent_ready_to_create():
    """An agent of an administration, while a projects call is open (so that creating opens too)."""
    agent = UserFactory(agent=True)
    MembershipFactory(user=agent, administration=AdministrationFactory())
    CohortFactory(phase="projects_call")
    return agent


@pytest.mark.parametrize("name", AGENT_PAGES)
def test_agent_pages_send_anonymous_visitors_to_login(client, name):
    url = reverse(name)

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")


@pytest.mark.parametrize("name", AGENT_PAGES)
@pytest.mark.parametrize("flags", [{"candidate": True}, {"juror": True}, {"staff": True}])
def test_agent_pages_refused_to_other_roles(client, name, flags):
    client.force_login(UserFactory(**flags))

    response = client.get(reverse(name))

    assert response.status_code == 403


@pytest.mark.parametrize("name", AGENT_PAGES)
def test_agent_pages_open_to_agents(client, agent_ready_to_create, name):
    client.force_login(agent_ready_to_create)

    response = client.get(reverse(name))

    assert response.status_code == 200


# --- The invitation ------------------------------------------------------------------------------


@pytest.fixture
def invitation(challenge):
    UserFactory(agent=True, email="invite@sante.gouv.fr")
    return challenge_invite(challenge=challenge, email="invite@sante.gouv.fr", by=challenge.owners.get())


def invitation_url(invitation) -> str:
    return reverse("challenges:invitation_accept", kwargs={"token": invitation.token})


def test_invitation_sends_anonymous_visitors_to_login(client, invitation):
    response = client.get(invitation_url(invitation))

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('account_login')}?next={invitation_url(invitation)}",
    )


@pytest.mark.parametrize("who", ["other agent", "candidate", "owner"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_invitation_refused_to_anyone_but_the_invited_address(client, invitation, who, method):
    users = {
        "other agent": other_agent,
        "candidate": lambda: UserFactory(candidate=True),
        "owner": lambda: invitation.challenge.owners.get(),
    }
    client.force_login(users[who]())

    response = getattr(client, method)(invitation_url(invitation))

    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.accepted_at is None


def test_invitation_open_to_the_invited_address(client, invitation):
    client.force_login(UserFactory._meta.model.objects.get(email="invite@sante.gouv.fr"))

    response = client.get(invitation_url(invitation))

    assert response.status_code == 200
