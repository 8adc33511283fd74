"""The public catalogue's list: the reveal rule, the filters, the empty states and the query count."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus
from cohorts.calendar import TYPICAL_OFFSETS_DAYS
from cohorts.profiles import Profile
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, PositionFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

# Challenges are revealed when the wishes open: one minute before, in days after the projects call opens.
ONE_MINUTE_BEFORE_REVEAL = TYPICAL_OFFSETS_DAYS["wishes_open_at"] - 1 / (24 * 60)
LIST_URL = reverse("catalogue:list")


def card_titles(response) -> list[str]:
    return Page(response.content.decode()).texts("h3", css_class="fr-card__title")


def option_labels(response, name: str) -> list[str]:
    page = Page(response.content.decode())
    select = page.find_all("select", name=name)[0]
    return [option.text for option in page.find_all("option", inside=select)]


def selected_challenge(cohort, name: str, **fields):
    return ChallengeFactory(selected=True, cohort=cohort, name=name, **fields)


def designer_challenge(cohort, name: str, **fields):
    """A selected challenge whose two positions ask for a designer and a jurist."""
    challenge = ChallengeFactory(selected=True, cohort=cohort, name=name, with_parts=False, **fields)
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER)
    PositionFactory(challenge=challenge, profile=Profile.DIGITAL_LAW_JURIST)
    return challenge


# --- The reveal rule ------------------------------------------------------------------------------


def test_catalogue_lists_selected_challenges_from_the_reveal_date(client):
    cohort = CohortFactory(phase="wishes", name="EIG 12")
    selected_challenge(cohort, "Signaux Faibles")
    selected_challenge(cohort, "Brigade Numérique")

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert card_titles(response) == ["Brigade Numérique", "Signaux Faibles"]
    assert Page(response.content.decode()).texts("h1") == ["Les défis de la promotion EIG 12"]


def test_catalogue_hides_selected_challenges_one_minute_before_the_reveal_date(client):
    cohort = CohortFactory(days_since_start=ONE_MINUTE_BEFORE_REVEAL, name="EIG 12")
    selected_challenge(cohort, "Signaux Faibles")

    response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert card_titles(response) == []
    assert "Signaux Faibles" not in html
    callout = Page(html).find_all("div", id="catalogue-status")[0]
    assert callout.text == (
        "Les défis ne sont pas encore dévoilés Les défis sélectionnés pour la promotion EIG 12 seront dévoilés le "
        f"{paris_datetime(cohort.wishes_open_at)}, à l'ouverture des vœux."
    )


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Signaux"},
        {"profile": Profile.DEVELOPER},
        {"city": "Paris"},
        {"administration": "ADMINISTRATION"},
        {"q": "Signaux", "profile": Profile.DEVELOPER, "city": "Paris", "administration": "ADMINISTRATION"},
    ],
)
def test_catalogue_search_and_filters_hide_challenges_before_the_reveal_date(client, query):
    cohort = CohortFactory(days_since_start=ONE_MINUTE_BEFORE_REVEAL)
    challenge = selected_challenge(cohort, "Signaux Faibles", work_city="Paris")
    query = {key: challenge.administration.pk if value == "ADMINISTRATION" else value for key, value in query.items()}

    response = client.get(LIST_URL, query)

    html = response.content.decode()
    assert card_titles(response) == []
    assert "Signaux Faibles" not in html
    assert challenge.administration.name not in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": "Signaux"},
        {"profile": Profile.DEVELOPER},
        {"city": "Paris"},
        {"administration": "ADMINISTRATION"},
        {"q": "Signaux", "profile": Profile.DEVELOPER, "city": "Paris", "administration": "ADMINISTRATION"},
    ],
)
def test_catalogue_search_and_filters_find_challenges_from_the_reveal_date(client, query):
    cohort = CohortFactory(phase="wishes")
    challenge = selected_challenge(cohort, "Signaux Faibles", work_city="Paris")
    query = {key: challenge.administration.pk if value == "ADMINISTRATION" else value for key, value in query.items()}

    response = client.get(LIST_URL, query)

    assert card_titles(response) == ["Signaux Faibles"]


@pytest.mark.parametrize(
    "status",
    [ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED, ChallengeStatus.NOT_SELECTED, ChallengeStatus.WITHDRAWN],
)
def test_catalogue_never_lists_challenges_that_are_not_selected(client, status):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles")
    ChallengeFactory(complete=True, status=status, cohort=cohort, name="Défi caché", work_city="Marseille")

    response = client.get(LIST_URL, {"q": "caché"})
    unfiltered = client.get(LIST_URL)

    assert card_titles(response) == []
    assert card_titles(unfiltered) == ["Signaux Faibles"]
    assert "Défi caché" not in unfiltered.content.decode()
    assert option_labels(unfiltered, "city") == ["Toutes les villes", "Paris"]


def test_catalogue_shows_only_the_current_cohort(client):
    past = CohortFactory(phase="finished")
    current = CohortFactory(phase="wishes")
    selected_challenge(past, "Hopkins")
    selected_challenge(current, "Signaux Faibles")

    response = client.get(LIST_URL)

    assert card_titles(response) == ["Signaux Faibles"]


def test_catalogue_without_any_cohort_says_so(client):
    response = client.get(LIST_URL)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.find_all("div", id="catalogue-status")[0].text == "Aucune promotion n'est programmée pour le moment."


# --- Filters ----------------------------------------------------------------------------------------


def test_catalogue_filters_by_profile_sought(client):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles")
    designer_challenge(cohort, "Gobelins")

    designers = client.get(LIST_URL, {"profile": Profile.DESIGNER})
    developers = client.get(LIST_URL, {"profile": Profile.DEVELOPER})
    geomaticians = client.get(LIST_URL, {"profile": Profile.GEOMATICIAN})

    assert card_titles(designers) == ["Gobelins"]
    assert card_titles(developers) == ["Signaux Faibles"]
    assert card_titles(geomaticians) == []


def test_catalogue_lists_a_challenge_once_when_two_positions_have_the_profile(client):
    cohort = CohortFactory(phase="wishes")
    challenge = ChallengeFactory(selected=True, cohort=cohort, name="Hopkins", with_parts=False)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER)
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER)

    response = client.get(LIST_URL, {"profile": Profile.DEVELOPER})

    page = Page(response.content.decode())
    assert card_titles(response) == ["Hopkins"]
    card = page.find_all("div", id=f"challenge-{challenge.pk}")[0]
    assert page.texts("p", css_class="fr-tag", inside=card) == ["Développeur·se"]


def test_catalogue_filters_by_city(client):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles", work_city="Paris")
    selected_challenge(cohort, "Prévisecours", work_city="Évry-Courcouronnes")

    response = client.get(LIST_URL, {"city": "Évry-Courcouronnes"})

    assert card_titles(response) == ["Prévisecours"]
    assert option_labels(response, "city") == ["Toutes les villes", "Évry-Courcouronnes", "Paris"]


def test_catalogue_filters_by_administration(client):
    cohort = CohortFactory(phase="wishes")
    customs = AdministrationFactory(name="Direction générale des douanes", acronym="DGDDI")
    selected_challenge(cohort, "Signaux Faibles", administration=AdministrationFactory(name="DGE", acronym=""))
    selected_challenge(cohort, "Hopkins", administration=customs)

    response = client.get(LIST_URL, {"administration": customs.pk})

    assert card_titles(response) == ["Hopkins"]
    assert option_labels(response, "administration") == [
        "Toutes les administrations",
        "DGE",
        "Direction générale des douanes (DGDDI)",
    ]


def test_catalogue_filter_choices_come_from_public_challenges_only(client):
    cohort = CohortFactory(phase="wishes")
    dge = AdministrationFactory(name="DGE", acronym="")
    selected_challenge(cohort, "Signaux Faibles", work_city="Paris", administration=dge)
    ChallengeFactory(
        submitted=True,
        cohort=cohort,
        work_city="Marseille",
        administration=AdministrationFactory(name="Administration secrète"),
    )
    later = CohortFactory(phase="upcoming")
    selected_challenge(later, "Futur défi", work_city="Lille", administration=AdministrationFactory(name="Future"))

    response = client.get(LIST_URL)

    assert option_labels(response, "city") == ["Toutes les villes", "Paris"]
    assert option_labels(response, "administration") == ["Toutes les administrations", "DGE"]


def test_catalogue_filter_on_a_hidden_administration_is_refused_and_reveals_nothing(client):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles")
    hidden = ChallengeFactory(submitted=True, cohort=cohort, name="Défi caché")

    response = client.get(LIST_URL, {"administration": hidden.administration.pk})

    html = response.content.decode()
    assert card_titles(response) == ["Signaux Faibles"]
    assert Page(html).texts("li", css_class="fr-error-text") == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert hidden.administration.name not in html


def test_catalogue_form_keeps_the_visitors_input(client):
    cohort = CohortFactory(phase="wishes")
    challenge = selected_challenge(cohort, "Signaux Faibles", work_city="Paris")

    response = client.get(
        LIST_URL,
        {
            "q": "entreprises",
            "profile": Profile.DEVELOPER,
            "city": "Paris",
            "administration": challenge.administration.pk,
        },
    )

    page = Page(response.content.decode())
    form = page.find_all("form", method="get")[0]
    assert [field.attrs.get("value") for field in page.find_all("input", name="q")] == ["entreprises"]
    selected = {
        select.attrs["name"]: [
            option.attrs["value"] for option in page.find_all("option", inside=select) if "selected" in option.attrs
        ]
        for select in page.find_all("select", inside=form)
    }
    assert selected == {
        "profile": [Profile.DEVELOPER.value],
        "city": ["Paris"],
        "administration": [str(challenge.administration.pk)],
    }
    assert [button.attrs.get("name") for button in page.find_all("button", inside=form)] == [""]


def test_catalogue_combines_search_and_filters(client):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles", summary="Des données pour détecter les entreprises fragiles.")
    designer_challenge(cohort, "Gobelins", summary="Des données pour montrer les collections.")

    response = client.get(LIST_URL, {"q": "données", "profile": Profile.DESIGNER})

    assert card_titles(response) == ["Gobelins"]


# --- Cards, empty state, pagination -------------------------------------------------------------


def test_catalogue_card_shows_administration_city_and_profiles(client):
    cohort = CohortFactory(phase="wishes")
    administration = AdministrationFactory(name="Direction générale des entreprises", acronym="DGE")
    challenge = selected_challenge(
        cohort,
        "Signaux Faibles",
        administration=administration,
        work_city="Paris",
        summary="Détecter tôt les entreprises en difficulté.",
    )

    response = client.get(LIST_URL)

    page = Page(response.content.decode())
    card = page.find_all("div", id=f"challenge-{challenge.pk}")[0]
    assert [link.attrs["href"] for link in page.find_all("a", inside=card)] == [
        reverse("catalogue:detail", args=[challenge.pk])
    ]
    assert page.texts("p", css_class="fr-card__desc", inside=card) == ["Détecter tôt les entreprises en difficulté."]
    assert page.texts("p", css_class="fr-tag", inside=card) == ["Développeur·se", "Data scientist"]
    assert page.texts("p", css_class="fr-card__detail", inside=card) == [
        "Direction générale des entreprises (DGE)",
        "Paris",
    ]


def test_catalogue_empty_search_says_nothing_matches(client):
    cohort = CohortFactory(phase="wishes")
    selected_challenge(cohort, "Signaux Faibles")

    response = client.get(LIST_URL, {"q": "astronomie"})

    page = Page(response.content.decode())
    assert card_titles(response) == []
    assert page.texts("h2", id="results-title") == ["Aucun défi"]
    assert page.find_all("div", id="catalogue-empty")[0].text == (
        "Aucun défi ne correspond à votre recherche ou à vos filtres. Voir tous les défis"
    )


def test_catalogue_revealed_without_selected_challenge_says_none_is_published(client):
    CohortFactory(phase="wishes")

    response = client.get(LIST_URL)

    page = Page(response.content.decode())
    assert page.find_all("div", id="catalogue-empty")[0].text == "Aucun défi n'est publié pour cette promotion."


def test_catalogue_paginates_twelve_challenges_a_page(client):
    cohort = CohortFactory(phase="wishes")
    for number in range(14):
        ChallengeFactory(selected=True, cohort=cohort, name=f"Défi {number:02d}", with_parts=False)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert card_titles(first) == [f"Défi {number:02d}" for number in range(12)]
    assert card_titles(second) == ["Défi 12", "Défi 13"]
    page = Page(first.content.decode())
    assert page.texts("h2", id="results-title") == ["14 défis"]
    pagination = page.find_all("nav", css_class="fr-pagination")[0]
    # The current page (no address), page 2, « Page suivante »: no link that leads nowhere.
    assert [(link.text, link.attrs.get("href")) for link in page.find_all("a", inside=pagination)] == [
        ("1", None),
        ("2", "?page=2"),
        ("Page suivante", "?page=2"),
    ]


def test_catalogue_pagination_keeps_the_filters(client):
    cohort = CohortFactory(phase="wishes")
    for number in range(13):
        ChallengeFactory(selected=True, cohort=cohort, name=f"Défi {number:02d}", with_parts=False, work_city="Lyon")

    response = client.get(LIST_URL, {"city": "Lyon"})

    page = Page(response.content.decode())
    pagination = page.find_all("nav", css_class="fr-pagination")[0]
    assert page.find_all("a", inside=pagination, title="Page 2")[0].attrs["href"] == "?city=Lyon&page=2"


def test_catalogue_links_to_the_archive(client):
    response = client.get(LIST_URL)

    page = Page(response.content.decode())
    assert page.texts("a", href=reverse("catalogue:archive")) == ["Les défis des promotions précédentes"]


# --- Header and query count ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [None, "candidate", "agent", "juror", "staff"])
def test_header_links_to_the_catalogue_for_everyone(client, role):
    if role is not None:
        client.force_login(UserFactory(**{role: True}))

    response = client.get(reverse("home"))

    page = Page(response.content.decode())
    nav = page.find_all("nav", id="fr-navigation")[0]
    assert page.texts("a", inside=nav, href=LIST_URL) == ["Les défis"]


def test_header_marks_the_catalogue_as_the_current_page(client):
    response = client.get(LIST_URL)

    page = Page(response.content.decode())
    nav = page.find_all("nav", id="fr-navigation")[0]
    assert [link.attrs.get("aria-current") for link in page.find_all("a", inside=nav, href=LIST_URL)] == ["page"]


def add_public_challenges(cohort, count: int) -> None:
    for number in range(count):
        administration = AdministrationFactory(name=f"Administration {number}")
        selected_challenge(cohort, f"Défi des données {number}", administration=administration, work_city=f"V{number}")


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    "query",
    [{}, {"q": "données", "profile": Profile.DEVELOPER, "city": "V0"}, {"administration": "FIRST"}],
)
def test_catalogue_query_count_does_not_grow_with_challenges(client, django_assert_num_queries, count, query):
    cohort = CohortFactory(phase="wishes")
    add_public_challenges(cohort, count)
    if query.get("administration") == "FIRST":
        query = {"administration": cohort.challenges.order_by("pk").first().administration_id}

    # The cohort (2), the filter choices (cities, administrations), the chosen administration when
    # one is, the count and the page of challenges with their positions; a search ranks every match
    # in one query, which the paginator then counts without searching again.
    expected = {"q": 6, "administration": 8}.get(next(iter(query), ""), 7)
    with django_assert_num_queries(expected):
        response = client.get(LIST_URL, query)

    assert response.status_code == 200
