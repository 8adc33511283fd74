"""The archive: past cohorts' public challenges, by cohort, with their published source code."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus
from cohorts.calendar import TYPICAL_OFFSETS_DAYS
from eig.management.commands.seed_demo import seed_demo
from tests.challenges.factories import AdministrationFactory, ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

ARCHIVE_URL = reverse("catalogue:archive")
# Challenges are revealed when the wishes open: one minute before, in days after the projects call opens.
ONE_MINUTE_BEFORE_REVEAL = TYPICAL_OFFSETS_DAYS["wishes_open_at"] - 1 / (24 * 60)


def sections(response) -> list[tuple[str, list[str]]]:
    """Each cohort's heading with the titles of its cards, in page order."""
    page = Page(response.content.decode())
    return [
        (page.texts("h2", inside=section)[0], page.texts("h3", css_class="fr-card__title", inside=section))
        for section in page.find_all("section", inside=page.main)
        if section.attrs.get("aria-labelledby", "").startswith("cohort-")
    ]


def test_archive_lists_past_cohorts_selected_challenges_by_cohort(client):
    eig5 = CohortFactory(number=5, name="EIG 5", days_since_start=1300)
    eig6 = CohortFactory(number=6, name="EIG 6", phase="finished")
    CohortFactory(number=7, name="EIG 7", phase="projects_call")
    ChallengeFactory(selected=True, cohort=eig5, name="Bacs à sable")
    ChallengeFactory(selected=True, cohort=eig6, name="Signaux Faibles")
    ChallengeFactory(selected=True, cohort=eig6, name="Hopkins")

    response = client.get(ARCHIVE_URL)

    assert response.status_code == 200
    assert sections(response) == [
        ("Promotion EIG 6", ["Hopkins", "Signaux Faibles"]),
        ("Promotion EIG 5", ["Bacs à sable"]),
    ]


@pytest.mark.parametrize(
    "status",
    [ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED, ChallengeStatus.NOT_SELECTED, ChallengeStatus.WITHDRAWN],
)
def test_archive_never_lists_challenges_that_were_not_selected(client, status):
    past = CohortFactory(name="EIG 6", phase="finished")
    CohortFactory(name="EIG 7", phase="projects_call")
    ChallengeFactory(selected=True, cohort=past, name="Signaux Faibles")
    ChallengeFactory(complete=True, status=status, cohort=past, name="Défi caché")

    response = client.get(ARCHIVE_URL)

    assert sections(response) == [("Promotion EIG 6", ["Signaux Faibles"])]
    assert "Défi caché" not in response.content.decode()


def test_archive_leaves_the_current_cohort_to_the_catalogue(client):
    past = CohortFactory(name="EIG 6", phase="finished")
    current = CohortFactory(name="EIG 7", phase="wishes")
    ChallengeFactory(selected=True, cohort=past, name="Signaux Faibles")
    ChallengeFactory(selected=True, cohort=current, name="Brigade Numérique")

    response = client.get(ARCHIVE_URL)

    assert sections(response) == [("Promotion EIG 6", ["Signaux Faibles"])]


def test_archive_hides_a_cohort_one_minute_before_its_reveal_date(client):
    # The current cohort is the latest to have started; an older one whose wishes open in a minute
    # is not current, and its selected challenges are not public yet.
    earlier = CohortFactory(name="EIG 6", days_since_start=ONE_MINUTE_BEFORE_REVEAL)
    CohortFactory(name="EIG 7", phase="projects_call")
    ChallengeFactory(selected=True, cohort=earlier, name="Signaux Faibles")

    response = client.get(ARCHIVE_URL)

    assert sections(response) == []
    assert "Signaux Faibles" not in response.content.decode()
    page = Page(response.content.decode())
    assert page.find_all("div", id="archive-empty")[0].text == (
        "Aucun défi d'une promotion précédente n'est encore publié."
    )
    assert page.find_all("select", name="cohort") == []


def test_archive_shows_a_cohort_from_its_reveal_date(client):
    earlier = CohortFactory(name="EIG 6", phase="wishes")
    CohortFactory(name="EIG 7", phase="projects_call")
    ChallengeFactory(selected=True, cohort=earlier, name="Signaux Faibles")

    response = client.get(ARCHIVE_URL)

    assert sections(response) == [("Promotion EIG 6", ["Signaux Faibles"])]


def test_archive_filters_by_cohort(client):
    eig5 = CohortFactory(number=5, name="EIG 5", days_since_start=1300)
    eig6 = CohortFactory(number=6, name="EIG 6", phase="finished")
    ChallengeFactory(selected=True, cohort=eig5, name="Bacs à sable")
    ChallengeFactory(selected=True, cohort=eig6, name="Signaux Faibles")
    CohortFactory(number=7, name="EIG 7", phase="projects_call")

    response = client.get(ARCHIVE_URL, {"cohort": eig5.pk})

    page = Page(response.content.decode())
    assert sections(response) == [("Promotion EIG 5", ["Bacs à sable"])]
    select = page.find_all("select", name="cohort")[0]
    assert [(option.attrs["value"], option.text) for option in page.find_all("option", inside=select)] == [
        ("", "Toutes les promotions"),
        (str(eig6.pk), "EIG 6"),
        (str(eig5.pk), "EIG 5"),
    ]
    assert [
        option.attrs["value"] for option in page.find_all("option", inside=select) if "selected" in option.attrs
    ] == [str(eig5.pk)]


def test_archive_refuses_to_filter_on_a_cohort_not_in_the_archive(client):
    past = CohortFactory(name="EIG 6", phase="finished")
    current = CohortFactory(name="EIG 7", phase="wishes")
    ChallengeFactory(selected=True, cohort=past, name="Signaux Faibles")
    ChallengeFactory(selected=True, cohort=current, name="Brigade Numérique")

    response = client.get(ARCHIVE_URL, {"cohort": current.pk})

    assert sections(response) == [("Promotion EIG 6", ["Signaux Faibles"])]
    assert Page(response.content.decode()).texts("li", css_class="fr-error-text") == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]


def test_archive_card_links_to_the_challenge_and_its_source_code(client):
    past = CohortFactory(name="EIG 6", phase="finished")
    CohortFactory(name="EIG 7", phase="projects_call")
    with_code = ChallengeFactory(
        selected=True, cohort=past, name="Signaux Faibles", source_code_url="https://github.com/signaux-faibles"
    )
    without_code = ChallengeFactory(selected=True, cohort=past, name="Hopkins")

    response = client.get(ARCHIVE_URL)

    page = Page(response.content.decode())
    card_with_code = page.find_all("div", id=f"challenge-{with_code.pk}")[0]
    card_without_code = page.find_all("div", id=f"challenge-{without_code.pk}")[0]
    assert [(link.attrs["href"], link.text) for link in page.find_all("a", inside=card_with_code)] == [
        (reverse("catalogue:detail", args=[with_code.pk]), "Signaux Faibles"),
        ("https://github.com/signaux-faibles", "Code source"),
    ]
    assert "fr-enlarge-link" not in card_with_code.classes
    assert [(link.attrs["href"], link.text) for link in page.find_all("a", inside=card_without_code)] == [
        (reverse("catalogue:detail", args=[without_code.pk]), "Hopkins"),
    ]
    assert "fr-enlarge-link" in card_without_code.classes


def test_archive_challenge_detail_is_public(client):
    past = CohortFactory(name="EIG 6", phase="finished")
    CohortFactory(name="EIG 7", phase="projects_call")
    challenge = ChallengeFactory(selected=True, cohort=past, name="Signaux Faibles")

    response = client.get(reverse("catalogue:detail", args=[challenge.pk]))

    assert response.status_code == 200


def test_archive_without_past_cohort_says_so(client):
    CohortFactory(phase="projects_call")

    response = client.get(ARCHIVE_URL)

    assert Page(response.content.decode()).find_all("div", id="archive-empty")[0].text == (
        "Aucun défi d'une promotion précédente n'est encore publié."
    )


def test_archive_of_the_demo_links_every_eig_6_challenge_to_its_code(client):
    seed_demo()

    response = client.get(ARCHIVE_URL)

    page = Page(response.content.decode())
    # EIG 9, in its auditions, and EIG 8, in its offers, have revealed their challenges too; they have no
    # code yet.
    assert sections(response) == [
        ("Promotion EIG 9", ["Archives Augmentées", "Cap Littoral", "Parcours de Soins", "Radar Entreprises"]),
        (
            "Promotion EIG 8",
            [
                "Aide Juridictionnelle en Ligne",
                "Forêts Sentinelles",
                "France Services Connectées",
                "Impôts Locaux Lisibles",
            ],
        ),
        ("Promotion EIG 6", ["Brigade Numérique", "Gobelins", "Hopkins", "Lab Santé", "Signaux Faibles"]),
    ]
    links = {
        page.texts("h3", inside=card)[0]: [
            link.attrs["href"] for link in page.find_all("a", inside=card, target="_blank")
        ]
        for card in page.find_all("div", css_class="fr-card")
    }
    assert links == {
        "Brigade Numérique": ["https://github.com/entrepreneur-interet-general/brigade-numerique"],
        "Gobelins": ["https://github.com/entrepreneur-interet-general/gobelins"],
        "Hopkins": ["https://github.com/entrepreneur-interet-general/hopkins"],
        "Lab Santé": ["https://github.com/entrepreneur-interet-general/lab-sante"],
        "Signaux Faibles": ["https://github.com/signaux-faibles"],
        **dict.fromkeys(["Archives Augmentées", "Cap Littoral", "Parcours de Soins", "Radar Entreprises"], []),
        **dict.fromkeys(
            [
                "Aide Juridictionnelle en Ligne",
                "Forêts Sentinelles",
                "France Services Connectées",
                "Impôts Locaux Lisibles",
            ],
            [],
        ),
    }


@pytest.mark.parametrize("count", [1, 3])
def test_archive_query_count_does_not_grow_with_challenges(client, django_assert_num_queries, count):
    past = CohortFactory(name="EIG 6", phase="finished")
    CohortFactory(name="EIG 7", phase="projects_call")
    for number in range(count):
        administration = AdministrationFactory(name=f"Administration {number}")
        ChallengeFactory(selected=True, cohort=past, name=f"Défi {number}", administration=administration)

    # The current cohort (2), the archive's cohorts, the count, the page of challenges, their positions.
    with django_assert_num_queries(6):
        response = client.get(ARCHIVE_URL)

    assert response.status_code == 200
