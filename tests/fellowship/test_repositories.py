"""The teams' repositories (/promotion/depots/): a fellow of the team or staff declares one with its free
licence and removes it; an address that is not http(s), a licence outside the décret's list and an address
already declared are refused in French, with what was typed kept; another team's fellow is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fellowship.models import Repository
from fellowship.repositories import fellow_current, repository_declare, repository_remove, team_repositories
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.fellowship.factories import RepositoryFactory
from tests.fellowship.teams import team_fellow
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

URL = "/promotion/depots/"
DUPLICATE = "Ce dépôt est déjà déclaré pour ce défi."
NOT_WEB = "Indiquez l'adresse web du dépôt, commençant par https:// (par exemple https://github.com/…)."
NOT_FREE = "Choisissez une des licences libres de la liste : le code du programme est publié sous licence libre."


@pytest.fixture
def challenge():
    return ChallengeFactory(cohort=CohortFactory(phase="programme"), selected=True, with_parts=False, name="Signaux")


@pytest.fixture
def fellow(challenge):
    return team_fellow(challenge)


def declared(challenge) -> list[tuple]:
    return list(Repository.objects.filter(challenge=challenge).values_list("name", "url", "licence", "description"))


def form_data(**fields) -> dict:
    return {"name": "signaux-api", "url": "https://github.com/etalab/signaux", "licence": "MIT", **fields}


def test_the_url_is_the_teams_repositories_page():
    assert reverse("fellowship:repositories") == URL


# --- The services ------------------------------------------------------------------------------------------


def test_a_team_fellow_declares_a_repository(challenge, fellow):
    repository = repository_declare(
        challenge=challenge,
        by=fellow.user,
        name=" signaux-api ",
        url=" https://github.com/etalab/signaux/ ",
        licence="EUPL-1.2",
        description="L'API.",
    )

    assert declared(challenge) == [("signaux-api", "https://github.com/etalab/signaux", "EUPL-1.2", "L'API.")]
    assert repository.declared_by == fellow.user


def test_staff_declare_a_repository_for_any_team(challenge):
    staff = UserFactory(staff=True)

    repository_declare(challenge=challenge, by=staff, name="outil", url="http://forge.gouv.fr/outil", licence="MIT")

    assert declared(challenge) == [("outil", "http://forge.gouv.fr/outil", "MIT", "")]


def test_a_fellow_of_another_team_may_not_declare_nor_remove(challenge):
    other = team_fellow(ChallengeFactory(cohort=challenge.cohort, selected=True, with_parts=False))
    repository = RepositoryFactory(challenge=challenge)

    with pytest.raises(PermissionDenied):
        repository_declare(challenge=challenge, by=other.user, name="x", url="https://x.org/x", licence="MIT")
    with pytest.raises(PermissionDenied):
        repository_remove(repository=repository, by=other.user)
    assert Repository.objects.count() == 1


@pytest.mark.parametrize(
    ("url", "licence", "message"),
    [
        ("ftp://forge.gouv.fr/outil", "MIT", NOT_WEB),
        ("forge.gouv.fr/outil", "MIT", NOT_WEB),
        ("https://forge.gouv.fr/outil", "proprietary", NOT_FREE),
    ],
)
def test_a_declaration_outside_the_rules_is_refused_in_french(challenge, fellow, url, licence, message):
    with pytest.raises(ValidationError) as refusal:
        repository_declare(challenge=challenge, by=fellow.user, name="outil", url=url, licence=licence)

    assert refusal.value.messages == [message]
    assert declared(challenge) == []


def test_the_database_refuses_the_same_address_twice_for_a_challenge(challenge, fellow):
    RepositoryFactory(challenge=challenge, url="https://github.com/etalab/signaux")

    with pytest.raises(ValidationError) as refusal:
        repository_declare(
            challenge=challenge, by=fellow.user, name="bis", url="https://github.com/etalab/signaux/", licence="MIT"
        )

    assert refusal.value.messages == [DUPLICATE]
    assert Repository.objects.count() == 1


def test_the_same_address_may_serve_two_challenges(challenge, fellow):
    other = ChallengeFactory(cohort=challenge.cohort, selected=True, with_parts=False)
    RepositoryFactory(challenge=other, url="https://github.com/etalab/commun")

    repository_declare(
        challenge=challenge, by=fellow.user, name="commun", url="https://github.com/etalab/commun", licence="MIT"
    )

    assert Repository.objects.filter(url="https://github.com/etalab/commun").count() == 2


def test_team_repositories_are_the_challenges_own_by_name(challenge):
    RepositoryFactory(challenge=challenge, name="zèbre")
    RepositoryFactory(challenge=challenge, name="api")
    RepositoryFactory(name="ailleurs")

    assert [repository.name for repository in team_repositories(challenge)] == ["api", "zèbre"]


def test_the_current_team_is_the_most_recent_cohorts(challenge, fellow):
    later = ChallengeFactory(cohort=CohortFactory(phase="acceptance"), selected=True, with_parts=False)
    # The same person, a fellow again in a later cohort.
    newer = team_fellow(later)
    type(newer).objects.filter(pk=newer.pk).update(user=fellow.user)

    assert fellow_current(fellow.user).challenge == later
    assert fellow_current(UserFactory(candidate=True)) is None


# --- The page ----------------------------------------------------------------------------------------------


def test_the_page_lists_the_teams_repositories_with_licence_and_link(client, challenge, fellow):
    RepositoryFactory(
        challenge=challenge, name="signaux-api", url="https://github.com/etalab/signaux", licence="EUPL-1.2"
    )
    RepositoryFactory(name="ailleurs")  # another team's
    client.force_login(fellow.user)

    page = Page(client.get(URL).content.decode())

    [table] = page.find_all(id="team-repositories")
    assert page.texts("th", scope="row", inside=table) == ["signaux-api"]
    assert page.texts("td", inside=table)[0] == "EUPL 1.2"
    assert [a.attrs["href"] for a in page.find_all("a", inside=table)] == ["https://github.com/etalab/signaux"]
    assert page.texts("h1") == ["Les dépôts de code de l'équipe"]
    assert "décret n° 2017-638" in page.texts(id="licence-rule")[0]


def test_a_team_fellow_declares_from_the_page(client, challenge, fellow):
    client.force_login(fellow.user)

    response = client.post(URL, form_data(description="Détection précoce."), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert declared(challenge) == [("signaux-api", "https://github.com/etalab/signaux", "MIT", "Détection précoce.")]
    assert [str(m) for m in response.context["messages"]] == ["Le dépôt « signaux-api » est déclaré."]


def test_the_licence_select_offers_the_decrees_licences_only(client, fellow):
    client.force_login(fellow.user)

    page = Page(client.get(URL).content.decode())

    assert [o.attrs["value"] for o in page.find_all("option")] == [
        "",
        "Apache-2.0",
        "BSD-2-Clause",
        "BSD-3-Clause",
        "CECILL-B",
        "MIT",
        "CECILL-2.1",
        "CECILL-C",
        "GPL-3.0-or-later",
        "AGPL-3.0-or-later",
        "LGPL-3.0-or-later",
        "MPL-2.0",
        "EUPL-1.2",
    ]
    assert [g.attrs["label"] for g in page.find_all("optgroup")] == [
        "Licences permissives",
        "Licences avec obligation de réciprocité",
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"licence": "proprietary"}, "licence", NOT_FREE),
        ({"url": "ftp://forge.gouv.fr/outil"}, "url", NOT_WEB),
        ({"url": "pas une adresse"}, "url", NOT_WEB),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, challenge, fellow, fields, field, message):
    client.force_login(fellow.user)

    response = client.post(URL, form_data(description="Gardé", **fields))

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts(css_class="fr-error-text") == [message]
    values = page.form_values(page.find_all("form", id="repository-form")[0])
    assert (values["name"], values["description"]) == (["signaux-api"], ["Gardé"])
    assert declared(challenge) == []


def test_a_duplicate_address_is_refused_on_its_field_in_french(client, challenge, fellow):
    RepositoryFactory(challenge=challenge, url="https://github.com/etalab/signaux")
    client.force_login(fellow.user)

    response = client.post(URL, form_data(name="doublon", url="https://github.com/etalab/signaux/"))

    page = Page(response.content.decode())
    assert page.texts(css_class="fr-error-text") == [DUPLICATE]
    assert page.form_values(page.find_all("form", id="repository-form")[0])["name"] == ["doublon"]
    assert Repository.objects.count() == 1


def test_a_fellow_removes_a_repository_after_the_confirmation(client, challenge, fellow):
    repository = RepositoryFactory(challenge=challenge, name="ancien")
    client.force_login(fellow.user)
    remove = reverse("fellowship:repository_remove", args=[repository.pk])
    page = Page(client.get(URL).content.decode())
    [dialog] = page.find_all("dialog", id=f"remove-repository-{repository.pk}")
    assert [form.attrs["action"] for form in page.find_all("form", inside=dialog)] == [remove]

    response = client.post(remove, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert Repository.objects.count() == 0
    assert [str(m) for m in response.context["messages"]] == ["Le dépôt « ancien » est retiré."]


def test_removing_is_post_only(client, challenge, fellow):
    repository = RepositoryFactory(challenge=challenge)
    client.force_login(fellow.user)

    assert client.get(reverse("fellowship:repository_remove", args=[repository.pk])).status_code == 405
    assert Repository.objects.count() == 1


def test_a_fellow_of_another_team_is_refused_and_declares_on_their_own_team(client, challenge):
    repository = RepositoryFactory(challenge=challenge)
    other_challenge = ChallengeFactory(cohort=challenge.cohort, selected=True, with_parts=False)
    other = team_fellow(other_challenge)
    client.force_login(other.user)

    refused = client.post(reverse("fellowship:repository_remove", args=[repository.pk]))
    client.post(URL, form_data())

    assert refused.status_code == 403
    assert Repository.objects.filter(pk=repository.pk).exists()
    assert declared(challenge) == [(repository.name, repository.url, "MIT", "")]
    assert declared(other_challenge) == [("signaux-api", "https://github.com/etalab/signaux", "MIT", "")]


def test_a_fellow_without_a_team_is_refused(client):
    client.force_login(UserFactory(fellow=True))

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("repositories", [1, 3])
def test_the_same_queries_for_1_and_3_repositories(client, django_assert_num_queries, challenge, fellow, repositories):
    RepositoryFactory.create_batch(repositories, challenge=challenge)
    client.force_login(fellow.user)
    client.get(URL)

    # The session, the user, the fellow's team (the gate's door, then the page), the repositories.
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
