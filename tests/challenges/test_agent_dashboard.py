"""The agents' dashboard: their challenges with status, what is missing and the deadline; creating
a challenge while a projects call is open; the agents' home after login and in the header."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("challenges:dashboard")


def rows(page: Page) -> list[list[str]]:
    table = page.find_all("div", id="my-challenges")[0]
    return [
        [cell.text for cell in page.find_all(inside=row) if cell.tag in {"th", "td"}]
        for row in page.find_all("tr", inside=table)
        if page.find_all("td", inside=row)
    ]


def test_dashboard_lists_the_agents_challenges_with_status_missing_items_and_deadline(client):
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="projects_call")
    administration = AdministrationFactory(name="Direction du numérique", acronym="DINUM")
    ChallengeFactory(name="A. Complet", cohort=cohort, administration=administration, owners=[agent], complete=True)
    ChallengeFactory(name="B. Déposé", cohort=cohort, administration=administration, owners=[agent], submitted=True)
    ChallengeFactory(
        name="C. Incomplet",
        cohort=cohort,
        administration=administration,
        owners=[agent],
        complete=True,
        with_parts=False,
    )
    ChallengeFactory(name="D. Celui d'un autre", cohort=cohort)
    client.force_login(agent)

    response = client.get(DASHBOARD)

    page = Page(response.content.decode())
    deadline = paris_datetime(cohort.projects_call_closes_at)
    origin = f"Direction du numérique (DINUM) — {cohort.name}"
    assert response.status_code == 200
    assert rows(page) == [
        [f"A. Complet {origin}", "Brouillon", deadline, "Le défi est complet. Relire et déposer « A. Complet »"],
        [f"B. Déposé {origin}", "Déposé", deadline, "Rien : le défi n'est plus un brouillon."],
        [
            f"C. Incomplet {origin}",
            "Brouillon",
            deadline,
            "6 éléments à compléter : "
            "Le défi doit compter 2 ou 3 postes (il en compte 0) ; pour un autre nombre, demandez une dérogation. "
            "Décrivez l'équipe projet (au moins une personne). "
            "Il manque le ou la sponsor (mentor·e senior). "
            "… et 3 autres, listés dans le récapitulatif. "
            "Compléter « C. Incomplet »",
        ],
    ]


def test_dashboard_badges_and_links_of_each_challenge(client):
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="projects_call")
    draft = ChallengeFactory(name="Brouillon incomplet", cohort=cohort, owners=[agent])
    submitted = ChallengeFactory(name="Déposé", cohort=cohort, owners=[agent], submitted=True)
    client.force_login(agent)

    response = client.get(DASHBOARD)

    page = Page(response.content.decode())
    table = page.find_all("div", id="my-challenges")[0]
    assert [badge.classes for badge in page.find_all("p", css_class="fr-badge", inside=table)] == [
        ["fr-badge", "fr-badge--sm", "fr-badge--info"],
        ["fr-badge", "fr-badge--sm", "fr-badge--new"],
    ]
    assert [link.attrs["href"] for link in page.find_all("a", inside=table)] == [
        reverse("challenges:detail", kwargs={"pk": draft.pk}),
        reverse("challenges:edit", kwargs={"pk": draft.pk, "step": 1}),
        reverse("challenges:detail", kwargs={"pk": submitted.pk}),
    ]


def test_dashboard_offers_to_create_a_challenge_while_a_projects_call_is_open(client):
    cohort = CohortFactory(phase="projects_call")
    client.force_login(UserFactory(agent=True))

    response = client.get(DASHBOARD)

    page = Page(response.content.decode())
    callout = page.find_all("div", id="projects-call")[0]
    assert callout.text == (
        f"L'appel à projets de la promotion {cohort.name} est ouvert "
        f"Proposez un défi jusqu'au {paris_datetime(cohort.projects_call_closes_at)}. Vous pouvez l'enregistrer "
        "comme brouillon à chaque étape et y revenir quand vous voulez. Créer un défi"
    )
    assert [link.attrs["href"] for link in page.find_all("a", inside=callout)] == [reverse("challenges:create")]
    assert page.texts("p", id="my-challenges") == ["Vous ne portez encore aucun défi."]


@pytest.mark.parametrize("phase", ["upcoming", "challenge_selection"])
def test_dashboard_offers_no_creation_outside_a_projects_call(client, phase):
    CohortFactory(phase=phase)
    client.force_login(UserFactory(agent=True))

    response = client.get(DASHBOARD)

    page = Page(response.content.decode())
    assert page.texts("div", id="projects-call") == ["Aucun appel à projets n'est ouvert en ce moment."]
    assert page.find_all("a", href=reverse("challenges:create")) == []


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_challenges(client, django_assert_num_queries, count):
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="projects_call")
    for _ in range(count):
        ChallengeFactory(cohort=cohort, owners=[agent], complete=True)
    client.force_login(agent)

    # session, user, challenges (cohort and administration joined), positions, contacts, team, open cohort
    with django_assert_num_queries(7):
        response = client.get(DASHBOARD)

    assert len(rows(Page(response.content.decode()))) == count


def test_header_shows_my_challenges_to_agents_only(client):
    client.force_login(UserFactory(agent=True))
    agent_page = Page(client.get(reverse("home")).content.decode())
    client.force_login(UserFactory(candidate=True))
    candidate_page = Page(client.get(reverse("home")).content.decode())

    assert [
        link.attrs["href"] for link in agent_page.find_all("a", css_class="fr-nav__link") if link.text == "Mes défis"
    ] == [DASHBOARD]
    assert [
        link.text for link in candidate_page.find_all("a", css_class="fr-nav__link") if link.text == "Mes défis"
    ] == []


def test_header_marks_my_challenges_as_current_page(client):
    client.force_login(UserFactory(agent=True))

    page = Page(client.get(DASHBOARD).content.decode())

    assert [
        link.attrs.get("aria-current")
        for link in page.find_all("a", css_class="fr-nav__link")
        if link.text == "Mes défis"
    ] == ["page"]


@pytest.mark.parametrize(
    ("flags", "home"), [({"agent": True}, DASHBOARD), ({"candidate": True}, reverse("applications:space"))]
)
def test_login_leads_agents_to_their_dashboard(client, flags, home):
    user = UserFactory(**flags)

    response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})

    assert (response.status_code, response["Location"]) == (302, home)


def test_login_with_next_goes_there_even_for_agents(client):
    user = UserFactory(agent=True)

    response = client.post(
        reverse("account_login") + "?next=/defis/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )

    assert response["Location"] == "/defis/"


def test_dashboard_for_a_challenge_no_longer_open_has_no_completion_link(client):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent], status=ChallengeStatus.WITHDRAWN)
    client.force_login(agent)

    page = Page(client.get(DASHBOARD).content.decode())

    table = page.find_all("div", id="my-challenges")[0]
    assert [link.attrs["href"] for link in page.find_all("a", inside=table)] == [
        reverse("challenges:detail", kwargs={"pk": challenge.pk})
    ]


def test_dashboard_draft_after_the_deadline_says_the_call_is_closed_not_what_to_complete(client):
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="challenge_selection")
    administration = AdministrationFactory(name="Direction du numérique", acronym="DINUM")
    ChallengeFactory(name="Trop tard", cohort=cohort, administration=administration, owners=[agent])
    client.force_login(agent)

    page = Page(client.get(DASHBOARD).content.decode())

    deadline = paris_datetime(cohort.projects_call_closes_at)
    assert rows(page) == [
        [
            f"Trop tard Direction du numérique (DINUM) — {cohort.name}",
            "Brouillon",
            deadline,
            f"L'appel à projets est clos : sa date limite était le {deadline}. "
            "Le défi ne peut plus être modifié ni déposé.",
        ]
    ]


def test_challenge_page_of_a_draft_after_the_deadline_says_the_call_is_closed_not_what_to_complete(client):
    agent = UserFactory(agent=True)
    cohort = CohortFactory(phase="challenge_selection")
    challenge = ChallengeFactory(name="Trop tard", cohort=cohort, owners=[agent])
    client.force_login(agent)

    page = Page(client.get(reverse("challenges:detail", kwargs={"pk": challenge.pk})).content.decode())

    assert page.texts("div", id="deadline") == [
        f"L'appel à projets de la promotion {cohort.name} est clos : sa date limite était le "
        f"{paris_datetime(cohort.projects_call_closes_at)}. Les défis ne peuvent plus être modifiés ni déposés."
    ]
    assert page.find_all(id="missing-items") == []
    assert [link.text for link in page.find_all("a", inside=page.find_all(id="actions")[0])] == ["Retirer le défi"]
