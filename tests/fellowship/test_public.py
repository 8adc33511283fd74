"""The public cohort page (/promotion/<number>/) and the archive (/promotion/archives/): open to everyone once
the cohort's results are out (404 before); each challenge that has fellows with its administration, the fellows
who agreed to appear (name and profile), the others counted, and the team's repositories; never an e-mail."""

import re

import pytest
from django.urls import reverse

from challenges.models import ContactKind
from eig.dates import paris_date
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, ContactFactory
from tests.cohorts.factories import CohortFactory, cohort_move_to
from tests.fellowship.factories import MentorFactory, RepositoryFactory
from tests.fellowship.teams import team_fellow
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

ARCHIVE = "/promotion/archives/"
E_MAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def cohort_page(number: int) -> str:
    return f"/promotion/{number}/"


def challenge_in(cohort, name: str, administration: str = "Agence du numérique en santé"):
    return ChallengeFactory(
        cohort=cohort,
        selected=True,
        with_parts=False,
        name=name,
        administration=AdministrationFactory(name=administration),
    )


def team_texts(page: Page, challenge) -> dict:
    [section] = page.find_all("section", id=f"team-{challenge.pk}")
    return {
        "title": page.texts("h2", inside=section),
        "administration": page.texts("p", css_class="fr-icon-government-line", inside=section),
        "fellows": page.texts("li", inside=page.find_all("ul", css_class="team-fellows", inside=section)[0]),
        "repositories": [
            (a.text, a.attrs["href"])
            for a in page.find_all("a", inside=section)
            if a.attrs["href"].startswith("https")
        ],
        "licences": page.texts("li", inside=section)[-1:],
    }


def test_the_urls_are_the_ones_the_links_use():
    assert reverse("fellowship:cohort_public", args=[9]) == "/promotion/9/"
    assert reverse("fellowship:public_archive") == ARCHIVE


def test_the_public_page_shows_each_team_with_consenting_fellows_only(client):
    cohort = CohortFactory(phase="programme", number=9, name="EIG 9")
    health = challenge_in(cohort, "Lab Santé")
    shown = team_fellow(health, public=True, first_name="Awa", last_name="Diallo", email="awa@example.org")
    hidden = team_fellow(
        health, profile="data_scientist", first_name="Jean", last_name="Secret", email="js@example.org"
    )
    ContactFactory(challenge=health, kind=ContactKind.SPONSOR, email="sponsor@sante.gouv.fr")
    MentorFactory(challenge=health, email="mentor@sante.gouv.fr")
    RepositoryFactory(challenge=health, name="lab-api", url="https://github.com/etalab/lab-api", licence="EUPL-1.2")
    ChallengeFactory(cohort=cohort, selected=True, with_parts=False, name="Sans équipe")

    response = client.get(cohort_page(9))

    html = response.content.decode()
    page = Page(html)
    assert response.status_code == 200
    assert page.texts("h1") == ["Les équipes de la promotion EIG 9"]
    assert [s.attrs["id"] for s in page.find_all("section")] == [f"team-{health.pk}"]
    assert team_texts(page, health) == {
        "title": ["Lab Santé"],
        "administration": ["Agence du numérique en santé"],
        "fellows": ["Awa Diallo, Développeur·se", "et 1 autre entrepreneur·e"],
        "repositories": [("lab-api", "https://github.com/etalab/lab-api")],
        "licences": ["lab-api — licence EUPL 1.2"],
    }
    assert "Secret" not in html and hidden.user.first_name not in html
    assert shown.user.email not in html
    assert [match.group(0) for match in E_MAIL.finditer(html)] == []


def test_the_programme_dates_are_shown(client):
    cohort = CohortFactory(phase="programme", number=9)

    page = Page(client.get(cohort_page(9)).content.decode())

    start, end = paris_date(cohort.programme_starts_at), paris_date(cohort.programme_ends_at)
    assert page.texts(id="programme-dates") == [f"Dix mois de programme, du {start} au {end}."]


def test_a_team_where_nobody_agreed_is_only_counted(client):
    cohort = CohortFactory(phase="finished", number=5)
    challenge = challenge_in(cohort, "Gobelins")
    for _ in range(2):
        team_fellow(challenge)

    page = Page(client.get(cohort_page(5)).content.decode())

    assert team_texts(page, challenge)["fellows"] == ["2 entrepreneur·es"]
    assert page.texts(css_class="team-repositories") == []


def test_several_teams_by_name_each_with_its_repositories(client):
    cohort = CohortFactory(phase="acceptance", number=9)
    second, first = challenge_in(cohort, "Zèbre", "DINUM"), challenge_in(cohort, "Abeille", "DGFiP")
    for challenge in (first, second):
        team_fellow(challenge, public=True)
    RepositoryFactory(challenge=first, name="abeille", url="https://gitlab.com/a/abeille")
    RepositoryFactory(challenge=second, name="zebre", url="https://gitlab.com/z/zebre")

    page = Page(client.get(cohort_page(9)).content.decode())

    assert [s.attrs["id"] for s in page.find_all("section")] == [f"team-{first.pk}", f"team-{second.pk}"]
    assert team_texts(page, first)["repositories"] == [("abeille", "https://gitlab.com/a/abeille")]
    assert team_texts(page, second)["repositories"] == [("zebre", "https://gitlab.com/z/zebre")]


@pytest.mark.parametrize("phase", ["auditions", "deliberation"])
def test_not_found_before_the_results(client, phase):
    team_fellow(challenge_in(CohortFactory(phase=phase, number=9), "Trop tôt"), public=True)

    assert client.get(cohort_page(9)).status_code == 404


def test_an_unknown_cohort_is_not_found(client):
    assert client.get(cohort_page(32_000)).status_code == 404


@pytest.mark.parametrize("challenges", [1, 3])
def test_the_same_queries_for_1_and_3_challenges(client, django_assert_num_queries, challenges):
    cohort = CohortFactory(phase="programme", number=9)
    for index in range(challenges):
        challenge = challenge_in(cohort, f"Défi {index}", f"Administration {index}")
        team_fellow(challenge, public=True)
        team_fellow(challenge)
        RepositoryFactory(challenge=challenge)

    # The cohort, its teams (with their counts), their consenting fellows, their repositories.
    with django_assert_num_queries(4):
        assert client.get(cohort_page(9)).status_code == 200


# --- The archive -------------------------------------------------------------------------------------------


def archive_rows(client) -> list[list[str]]:
    page = Page(client.get(ARCHIVE).content.decode())
    [table] = page.find_all(id="cohorts")
    return [
        page.texts("th", inside=row) + page.texts("td", inside=row)[1:]
        for row in page.find_all("tr", inside=table)[1:]
    ]


def test_the_archive_lists_the_cohorts_whose_results_are_out_newest_first(client):
    old = CohortFactory(phase="finished", number=5, name="EIG 5")
    current = CohortFactory(phase="programme", number=6, name="EIG 6")
    CohortFactory(phase="deliberation", number=7, name="EIG 7")
    for challenge in (challenge_in(current, "A", "Admin A"), challenge_in(current, "B", "Admin B")):
        team_fellow(challenge, public=True)
        team_fellow(challenge)
    team_fellow(challenge_in(old, "C", "Admin C"))

    assert archive_rows(client) == [["EIG 6", "2", "4"], ["EIG 5", "1", "1"]]
    page = Page(client.get(ARCHIVE).content.decode())
    assert [a.attrs["href"] for a in page.find_all("a") if a.attrs.get("href", "").startswith("/promotion/")] == [
        "/promotion/6/",
        "/promotion/5/",
    ]


def test_a_cohort_enters_the_archive_once_its_results_are_out(client):
    cohort = CohortFactory(phase="deliberation", number=7, name="EIG 7")
    page = Page(client.get(ARCHIVE).content.decode())
    assert page.find_all(id="no-cohorts") != []

    cohort_move_to(cohort, phase="acceptance")

    assert archive_rows(client) == [["EIG 7", "0", "0"]]


@pytest.mark.parametrize("cohorts", [1, 3])
def test_the_same_queries_for_1_and_3_cohorts(client, django_assert_num_queries, cohorts):
    for number in range(1, cohorts + 1):
        team_fellow(challenge_in(CohortFactory(phase="finished", number=number), f"Défi {number}", f"A {number}"))

    # The cohorts with their figures.
    with django_assert_num_queries(1):
        assert client.get(ARCHIVE).status_code == 200


def test_the_catalogue_archive_and_the_sitemap_link_to_the_archive(client):
    for url in (reverse("catalogue:archive"), reverse("footer-sitemap")):
        assert f'href="{ARCHIVE}"' in client.get(url).content.decode()
