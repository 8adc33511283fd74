"""An agent attaches to an administration (or proposes one), then creates a draft in the cohort
whose projects call is open."""

import pytest
from django.urls import reverse

from challenges.models import Administration, Challenge
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

ADMINISTRATION = reverse("challenges:administration")
CREATE = reverse("challenges:create")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_administration_page_lists_the_agents_administrations(client):
    agent = UserFactory(agent=True)
    MembershipFactory(user=agent, administration=AdministrationFactory(name="Direction A", acronym="DA"))
    MembershipFactory(
        user=agent, administration=AdministrationFactory(name="Direction B", acronym="", is_confirmed=False)
    )
    client.force_login(agent)

    response = client.get(ADMINISTRATION)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("li", inside=page.find_all("ul", id="my-administrations")[0]) == [
        "Direction A (DA)",
        "Direction B En attente de confirmation",
    ]


def test_administration_join_offers_only_confirmed_administrations_not_joined(client):
    agent = UserFactory(agent=True)
    MembershipFactory(user=agent, administration=AdministrationFactory(name="Direction A", acronym="DA"))
    AdministrationFactory(name="Direction B", acronym="DB")
    AdministrationFactory(name="Direction C", acronym="DC", is_confirmed=False)
    client.force_login(agent)

    response = client.get(ADMINISTRATION)

    page = Page(response.content.decode())
    select = page.find_all("select", name="join-administration")[0]
    assert page.texts("option", inside=select) == ["Sélectionner une administration", "Direction B (DB)"]


def test_administration_join_asks_to_join(client):
    """Joining is a request, approved by a member (tests/challenges/test_memberships.py)."""
    agent = UserFactory(agent=True)
    administration = AdministrationFactory(name="Direction B", acronym="DB")
    client.force_login(agent)

    response = client.post(ADMINISTRATION, {"action": "join", "join-administration": administration.pk})

    assert (response.status_code, response["Location"]) == (302, ADMINISTRATION)
    assert list(agent.administrationmembership_set.values_list("administration", "status")) == [
        (administration.pk, "pending")
    ]
    assert messages_of(response) == [
        "Votre demande de rattachement à Direction B (DB) est envoyée : vous pourrez y créer un défi dès qu'un de "
        "ses membres ou l'équipe du programme l'aura acceptée."
    ]


def test_administration_join_refuses_an_unconfirmed_administration(client):
    agent = UserFactory(agent=True)
    administration = AdministrationFactory(is_confirmed=False)
    client.force_login(agent)

    response = client.post(ADMINISTRATION, {"action": "join", "join-administration": administration.pk})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_join-administration-desc-error") == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert list(agent.administrations.all()) == []


def test_administration_propose_creates_it_unconfirmed_and_tells_staff(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    agent = UserFactory(agent=True)
    staff = UserFactory(staff=True)
    client.force_login(agent)
    data = {
        "action": "propose",
        "propose-name": "Agence du numérique en santé",
        "propose-acronym": "ANS",
        "propose-parent_ministry": "Ministère de la Santé",
        "propose-website": "https://esante.gouv.fr",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADMINISTRATION, data)

    administration = Administration.objects.get(name="Agence du numérique en santé")
    assert response.status_code == 302
    assert (administration.is_confirmed, administration.proposed_by, list(administration.agents.all())) == (
        False,
        agent,
        [agent],
    )
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([staff.email], "[EIG] Administration à confirmer : Agence du numérique en santé")
    ]


def test_administration_propose_refuses_a_name_already_listed(client):
    AdministrationFactory(name="Direction A")
    client.force_login(UserFactory(agent=True))

    response = client.post(ADMINISTRATION, {"action": "propose", "propose-name": "Direction A"})

    page = Page(response.content.decode())
    assert page.texts("div", id="id_propose-name-desc-error") == [
        "Un objet Administration avec ce champ Nom existe déjà."
    ]


def test_create_makes_a_draft_and_goes_to_step_one(client):
    agent = UserFactory(agent=True)
    administration = AdministrationFactory()
    MembershipFactory(user=agent, administration=administration)
    cohort = CohortFactory(phase="projects_call")
    client.force_login(agent)

    response = client.post(CREATE, {"name": "Lab Santé", "administration": administration.pk})

    challenge = Challenge.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1}),
    )
    assert (challenge.name, challenge.cohort, challenge.administration, list(challenge.owners.all())) == (
        "Lab Santé",
        cohort,
        administration,
        [agent],
    )
    assert messages_of(response) == ["Le brouillon est créé : complétez-le étape par étape."]


def test_create_offers_only_the_agents_administrations(client):
    agent = UserFactory(agent=True)
    MembershipFactory(user=agent, administration=AdministrationFactory(name="Direction A", acronym="DA"))
    other = AdministrationFactory(name="Direction B")
    CohortFactory(phase="projects_call")
    client.force_login(agent)

    get_page = Page(client.get(CREATE).content.decode())
    response = client.post(CREATE, {"name": "Lab Santé", "administration": other.pk})

    assert get_page.texts("option") == ["Sélectionner une administration", "Direction A (DA)"]
    assert response.status_code == 200
    assert Challenge.objects.count() == 0


def test_create_refuses_a_name_taken_in_the_cohort(client):
    agent = UserFactory(agent=True)
    administration = AdministrationFactory()
    MembershipFactory(user=agent, administration=administration)
    cohort = CohortFactory(phase="projects_call")
    ChallengeFactory(cohort=cohort, name="Lab Santé")
    client.force_login(agent)

    response = client.post(CREATE, {"name": "Lab Santé", "administration": administration.pk})

    page = Page(response.content.decode())
    assert page.texts("div", id="id_name-desc-error") == ["Un défi porte déjà ce nom dans cette promotion."]
    assert Challenge.objects.count() == 1


def test_create_without_administration_sends_to_the_administration_page(client):
    CohortFactory(phase="projects_call")
    client.force_login(UserFactory(agent=True))

    response = client.get(CREATE)

    assert (response.status_code, response["Location"]) == (302, ADMINISTRATION)
    assert messages_of(response) == ["Rattachez-vous d'abord à votre administration pour créer un défi."]


@pytest.mark.parametrize("phase", ["upcoming", "challenge_selection"])
def test_create_outside_a_projects_call_sends_to_the_dashboard(client, phase):
    agent = UserFactory(agent=True)
    MembershipFactory(user=agent, administration=AdministrationFactory())
    CohortFactory(phase=phase)
    client.force_login(agent)

    response = client.get(CREATE)

    assert (response.status_code, response["Location"]) == (302, reverse("challenges:dashboard"))
    assert messages_of(response) == [
        "Aucun appel à projets n'est ouvert pour le moment : impossible de créer un défi."
    ]
