"""The catalogue's French full-text search (PostgreSQL, "french" configuration): stemming, weights,
web-search syntax, and only public challenges."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.selectors import challenges_catalogue
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

LIST_URL = reverse("catalogue:list")

# Three challenges whose every searchable text is chosen: "santé" appears only in the health
# challenge; "données" (plural) in its context, "donnée" (singular) in Signaux Faibles' summary.
TEXTS = {
    "Lab Santé": {
        "administration": "Direction de la recherche et des statistiques",
        "summary": "Éclairer les politiques publiques de santé.",
        "context": "Les données des hôpitaux restent dispersées.",
        "solution": "Un entrepôt ouvert aux chercheurs.",
        "benefits": "Des politiques mieux évaluées.",
        "data_needed": "Le système national des hôpitaux.",
        "openness": "Un entrepôt publié sous licence libre.",
    },
    "Signaux Faibles": {
        "administration": "Direction générale des entreprises",
        "summary": "Chaque donnée fiscale aide à repérer les entreprises fragiles.",
        "context": "Les entreprises en difficulté sont repérées trop tard.",
        "solution": "Une liste de détection partagée avec les services de l'État.",
        "benefits": "Des emplois sauvés.",
        "data_needed": "Les déclarations sociales et fiscales.",
        "openness": "L'algorithme est publié.",
    },
    "Brigade Numérique": {
        "administration": "Gendarmerie nationale",
        "summary": "Répondre en ligne aux usagers de la gendarmerie.",
        "context": "Les usagers attendent une réponse à toute heure.",
        "solution": "Un guichet en ligne ouvert jour et nuit.",
        "benefits": "Un service public plus proche.",
        "data_needed": "Les demandes reçues par les brigades.",
        "openness": "Le guichet reste ouvert après le programme.",
    },
}


@pytest.fixture
def cohort():
    cohort = CohortFactory(phase="wishes")
    for name, texts in TEXTS.items():
        fields = {**texts, "administration": AdministrationFactory(name=texts["administration"], acronym="")}
        ChallengeFactory(selected=True, cohort=cohort, name=name, **fields)
    return cohort


def search(client, query: str) -> list[str]:
    response = client.get(LIST_URL, {"q": query})
    assert response.status_code == 200
    return Page(response.content.decode()).texts("h3", css_class="fr-card__title")


def test_search_sante_finds_the_health_challenge(client, cohort):
    assert search(client, "santé") == ["Lab Santé"]


def test_search_ignores_accents_typed_or_not(client, cohort):
    assert search(client, "sante") == ["Lab Santé"]
    assert search(client, "SANTE") == ["Lab Santé"]
    assert search(client, "donnees") == search(client, "données")


def test_search_donnees_finds_plural_and_singular_by_french_stemming(client, cohort):
    # Signaux Faibles has "donnée" in its summary (weight B), Lab Santé "données" in its context (C).
    assert search(client, "données") == ["Signaux Faibles", "Lab Santé"]


def test_search_donnee_singular_finds_the_plural_too(client, cohort):
    assert search(client, "donnée") == ["Signaux Faibles", "Lab Santé"]


def test_search_without_match_returns_none(client, cohort):
    assert search(client, "astronomie") == []


def test_search_of_stop_words_only_returns_none(client, cohort):
    assert search(client, "de la") == []


def test_search_blank_lists_every_challenge_by_name(client, cohort):
    assert search(client, "   ") == ["Brigade Numérique", "Lab Santé", "Signaux Faibles"]


def test_search_stems_plurals_of_words_in_names_and_texts(client, cohort):
    assert search(client, "brigades") == ["Brigade Numérique"]
    assert search(client, "hôpital") == ["Lab Santé"]


def test_search_weights_order_results(cohort):
    ChallengeFactory(
        selected=True,
        cohort=cohort,
        name="Ouverture",
        summary="Rien à signaler.",
        context="Une gendarmerie mieux outillée.",
        solution="",
        benefits="",
        data_needed="",
    )

    results = challenges_catalogue(cohort=cohort, now=timezone.now(), search="gendarmerie")

    # Brigade Numérique has it in its summary (B), Ouverture only in its context (C).
    assert [challenge.name for challenge in results] == ["Brigade Numérique", "Ouverture"]
    assert results[0].rank > results[1].rank


def test_search_reads_the_administration_name(client, cohort):
    assert search(client, "statistiques") == ["Lab Santé"]


def test_search_understands_web_search_syntax(client, cohort):
    assert search(client, "données -santé") == ["Signaux Faibles"]
    assert search(client, "gendarmerie or santé") == ["Lab Santé", "Brigade Numérique"]
    assert search(client, '"entreprises fragiles"') == ["Signaux Faibles"]


def test_search_never_finds_a_challenge_that_is_not_public(client, cohort):
    ChallengeFactory(submitted=True, cohort=cohort, name="Santé mentale", summary="La santé des étudiants.")
    upcoming = CohortFactory(phase="upcoming")
    ChallengeFactory(selected=True, cohort=upcoming, name="Santé au travail", summary="La santé des agents.")

    assert search(client, "santé") == ["Lab Santé"]


# --- Markdown: the search reads the words, not the markup -----------------------------------------


@pytest.fixture
def markdown_challenge(cohort):
    return ChallengeFactory(
        selected=True,
        cohort=cohort,
        name="Téléconsultation",
        summary="Consulter un médecin à distance.",
        context=(
            "## Les **déserts** médicaux\n\n"
            "Voir [le portail](https://www.portail-medecins.fr/regions) ou "
            "[écrire à l'équipe](mailto:contact@portail-medecins.fr).\n\n"
            '<a href="https://ailleurs.example">lien brut</a> `code` ![carte](https://cartes.example.org/carte.png)'
        ),
    )


def test_search_finds_a_word_in_bold_or_in_a_heading(client, markdown_challenge):
    assert search(client, "déserts") == ["Téléconsultation"]
    assert search(client, "médicaux") == ["Téléconsultation"]


def test_search_finds_the_text_of_links_and_images(client, markdown_challenge):
    assert search(client, "portail") == ["Téléconsultation"]
    assert search(client, "carte") == ["Téléconsultation"]


@pytest.mark.parametrize(
    "markup",
    ["##", "**", "href", "www.portail-medecins.fr", "contact@portail-medecins.fr", "cartes.example.org", "mailto"],
)
def test_search_for_markup_or_a_link_address_finds_nothing(client, markdown_challenge, markup):
    assert search(client, markup) == []


def test_search_for_a_word_typed_in_bold_finds_it():
    cohort = CohortFactory(phase="wishes")
    ChallengeFactory(selected=True, cohort=cohort, name="Lab", summary="Un lab.", context="La **santé** publique.")

    assert [
        challenge.name for challenge in challenges_catalogue(cohort=cohort, now=timezone.now(), search="santé")
    ] == ["Lab"]


def test_search_runs_the_full_text_query_once_per_page(client, cohort):
    with CaptureQueriesContext(connection) as queries:
        titles = search(client, "données")

    assert titles == ["Signaux Faibles", "Lab Santé"]
    assert [query["sql"].count("websearch_to_tsquery") for query in queries if "websearch" in query["sql"]] == [2]
