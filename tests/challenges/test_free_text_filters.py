"""The catalogue's filters from free text: a commune listed once whatever its spellings, found by any of
them; the agents guided to type the commune alone; an administration's acronym shown once."""

import pytest
from django.urls import reverse

from challenges.models import Administration
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

LIST_URL = reverse("catalogue:list")


def option_labels(response, name: str) -> list[str]:
    page = Page(response.content.decode())
    select = page.find_all("select", name=name)[0]
    return [option.text for option in page.find_all("option", inside=select)]


def card_titles(response) -> list[str]:
    return Page(response.content.decode()).texts("h3", css_class="fr-card__title")


@pytest.fixture
def cohort():
    cohort = CohortFactory(phase="wishes")
    for name, city in [
        ("Hopkins", "Vincennes Cedex"),
        ("Signaux Faibles", "Vincennes"),
        ("Datapass", "Saint-Denis"),
        ("Prévisecours", "Saint-Denis La Plaine Cedex"),
        ("Lab Santé", "ST DENIS"),
        ("Brigade Numérique", "PARIS"),
        ("Gobelins", "Paris 13e"),
        ("Archipel", "Lyon 3e"),
    ]:
        ChallengeFactory(selected=True, cohort=cohort, name=name, work_city=city)
    return cohort


def test_city_filter_lists_each_commune_once(client, cohort):
    response = client.get(LIST_URL)

    assert option_labels(response, "city") == ["Toutes les villes", "Lyon", "Paris", "Saint-Denis", "Vincennes"]


@pytest.mark.parametrize(
    ("city", "titles"),
    [
        ("Saint-Denis", ["Datapass", "Lab Santé", "Prévisecours"]),
        ("Vincennes", ["Hopkins", "Signaux Faibles"]),
        ("Paris", ["Brigade Numérique", "Gobelins"]),
        ("Lyon", ["Archipel"]),
    ],
)
def test_city_filter_finds_every_spelling_of_the_commune(client, cohort, city, titles):
    response = client.get(LIST_URL, {"city": city})

    assert card_titles(response) == titles
    page = Page(response.content.decode())
    select = page.find_all("select", name="city")[0]
    assert page.texts("option", inside=select, selected="") == [city]


def test_city_filter_on_an_unlisted_city_filters_nothing_and_says_so(client, cohort):
    response = client.get(LIST_URL, {"city": "Marseille"})

    assert len(card_titles(response)) == 8
    assert "Sélectionnez un choix valide." in response.content.decode()


def test_work_city_step_guides_the_agent_and_saves_the_city_without_cedex(client):
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])
    client.force_login(agent)
    url = reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 5})
    page = Page(client.get(url).content.decode())

    response = client.post(
        url,
        {
            "team-TOTAL_FORMS": "0",
            "team-INITIAL_FORMS": "0",
            "work_address": "5 avenue de Paris",
            "work_postcode": "94300",
            "work_city": "Vincennes Cedex 02",
            "action": "draft",
        },
    )

    assert page.texts("span", id="id_work_city_helptext") == [
        "La commune seule, sans « Cedex » ni arrondissement : « Paris », « Lyon », « Saint-Denis »."
    ]
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.work_city == "Vincennes"


# --- An administration's acronym, once ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "acronym", "shown"),
    [
        (
            "Direction interministérielle de l'aviation (DiAir)",
            "DIAIR",
            "Direction interministérielle de l'aviation (DiAir)",
        ),
        ("Direction interministérielle de l'aviation", "DIAIR", "Direction interministérielle de l'aviation (DIAIR)"),
        (
            "DIAIR — Direction interministérielle de l'aviation",
            "DiAir",
            "DIAIR — Direction interministérielle de l'aviation",
        ),
        (
            "Direction interministérielle de l'aviation (DIAIR)",
            "(DiAir)",
            "Direction interministérielle de l'aviation (DIAIR)",
        ),
        ("Direction des affaires maritimes", "", "Direction des affaires maritimes"),
        ("Direction des affaires maritimes", "DAM", "Direction des affaires maritimes (DAM)"),
        # « DAM » inside another word is not the acronym.
        ("Amsterdam Direction", "DAM", "Amsterdam Direction (DAM)"),
    ],
)
def test_administration_shows_its_acronym_once(name, acronym, shown):
    assert str(Administration(name=name, acronym=acronym)) == shown


def test_catalogue_shows_an_acronym_the_name_carries_once(client):
    cohort = CohortFactory(phase="wishes")
    administration = AdministrationFactory(name="Direction interministérielle de l'aviation (DiAir)", acronym="DIAIR")
    challenge = ChallengeFactory(selected=True, cohort=cohort, administration=administration)

    listing = client.get(LIST_URL)
    detail = Page(client.get(reverse("catalogue:detail", args=[challenge.pk])).content.decode())

    assert option_labels(listing, "administration") == [
        "Toutes les administrations",
        "Direction interministérielle de l'aviation (DiAir)",
    ]
    assert Page(listing.content.decode()).texts("p", css_class="fr-icon-government-line") == [
        "Direction interministérielle de l'aviation (DiAir)"
    ]
    assert "Direction interministérielle de l'aviation (DiAir) Ministère de l'Intérieur" in detail.texts("p")
    assert "DIAIR" not in detail.main.text
