"""A public challenge's page: what a candidate reads, what stays private, and the 404s."""

import pytest
from django.urls import reverse

from challenges.models import ChallengeStatus, ContactKind
from cohorts.calendar import TYPICAL_OFFSETS_DAYS
from cohorts.profiles import Profile
from tests.challenges.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ContactFactory,
    PositionFactory,
    TeamMemberFactory,
)
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

# Challenges are revealed when the wishes open: one minute before, in days after the projects call opens.
ONE_MINUTE_BEFORE_REVEAL = TYPICAL_OFFSETS_DAYS["wishes_open_at"] - 1 / (24 * 60)


def detail_url(challenge) -> str:
    return reverse("catalogue:detail", args=[challenge.pk])


def full_challenge(cohort, **fields):
    """A selected challenge with known positions, mentors, HR and finance contacts and team."""
    administration = AdministrationFactory(
        name="Direction générale des entreprises",
        acronym="DGE",
        parent_ministry="Ministère de l'Économie",
        website="https://www.entreprises.gouv.fr",
    )
    challenge = ChallengeFactory(
        selected=True,
        cohort=cohort,
        name="Signaux Faibles",
        administration=administration,
        summary="Détecter tôt les entreprises en difficulté.",
        context="Les entreprises en difficulté sont repérées trop tard.",
        solution="Une liste de détection partagée.",
        benefits="Des emplois sauvés.",
        existing_solutions="Un tableur abandonné.",
        obstacles="Des données dispersées entre trois systèmes.",
        legal_ethical_issues="Une analyse d'impact sera menée.",
        openness="Code publié sous licence libre.",
        data_needed="Les déclarations sociales.",
        work_address="139 rue de Bercy",
        work_postcode="75012",
        work_city="Paris",
        with_parts=False,
        **fields,
    )
    PositionFactory(challenge=challenge, profile=Profile.DATA_SCIENTIST, mission="Construire le modèle de détection.")
    PositionFactory(challenge=challenge, profile=Profile.DEVELOPER, mission="Développer l'application des agents.")
    ContactFactory(
        challenge=challenge,
        kind=ContactKind.PROJECT_LEAD,
        name="Paul Porteur",
        job_title="Chef de projet",
        email="paul.porteur@finances.gouv.fr",
        phone="01 23 45 67 89",
    )
    ContactFactory(
        challenge=challenge,
        kind=ContactKind.SPONSOR,
        name="Sophie Sponsor",
        job_title="Directrice",
        email="sophie.sponsor@finances.gouv.fr",
        phone="01 98 76 54 32",
    )
    ContactFactory(challenge=challenge, kind=ContactKind.HR, name="Hélène Ressources", email="rh@finances.gouv.fr")
    ContactFactory(challenge=challenge, kind=ContactKind.FINANCE, name="Fabrice Budget", email="daf@finances.gouv.fr")
    TeamMemberFactory(challenge=challenge, name="Thomas Équipe", role="Statisticien", time_share=37)
    return challenge


def test_detail_shows_what_a_candidate_needs(client):
    challenge = full_challenge(CohortFactory(phase="wishes", name="EIG 12"))

    response = client.get(detail_url(challenge))

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts("h1") == ["Signaux Faibles"]
    assert page.texts("p", css_class="fr-text--lead") == ["Détecter tôt les entreprises en difficulté."]
    assert page.texts("p", css_class="fr-badge") == ["Promotion EIG 12"]
    assert page.texts("p", css_class="fr-tag") == ["Développeur·se", "Data scientist"]
    sections = {
        section.attrs["aria-labelledby"]: section.text for section in page.find_all("section", inside=page.main)
    }
    assert sections == {
        "context-title": "Contexte et problème Les entreprises en difficulté sont repérées trop tard.",
        "solution-title": "La solution envisagée Une liste de détection partagée.",
        "benefits-title": "Les bénéfices attendus pour la politique publique Des emplois sauvés.",
        "data-title": ("Les données Les déclarations sociales. Accès aux données : Oui, les données sont accessibles"),
        "openness-title": "Ouverture et suite du programme Code publié sous licence libre.",
        "positions-title": (
            "L'équipe recherchée Data scientist Construire le modèle de détection. "
            "Développeur·se Développer l'application des agents."
        ),
    }
    assert page.texts("p", id="work-place") == ["139 rue de Bercy 75012 Paris"]
    assert page.texts("li", inside=page.find_all("ul", id="mentors")[0]) == [
        "Sophie Sponsor, sponsor (mentor·e senior) — Directrice",
        "Paul Porteur, porteur·se de projet (mentor·e opérationnel·le) — Chef de projet",
    ]
    assert "Direction générale des entreprises (DGE) Ministère de l'Économie" in page.main.text
    assert [link.attrs["href"] for link in page.find_all("a", inside=page.main, target="_blank")] == [
        "https://www.entreprises.gouv.fr"
    ]


def test_detail_keeps_contacts_team_and_jury_material_private(client):
    challenge = full_challenge(CohortFactory(phase="wishes"))

    response = client.get(detail_url(challenge))

    html = response.content.decode()
    for private in [
        "paul.porteur@finances.gouv.fr",
        "01 23 45 67 89",
        "sophie.sponsor@finances.gouv.fr",
        "01 98 76 54 32",
        "Hélène Ressources",
        "rh@finances.gouv.fr",
        "Fabrice Budget",
        "daf@finances.gouv.fr",
        "Thomas Équipe",
        "Statisticien",
        "Un tableur abandonné.",
        "Des données dispersées entre trois systèmes.",
        "Une analyse d'impact sera menée.",
    ]:
        assert private not in html, private


def test_detail_links_to_the_published_source_code(client):
    challenge = full_challenge(CohortFactory(phase="wishes"), source_code_url="https://github.com/signaux-faibles")

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    link = page.find_all("a", id="source-code")[0]
    assert (link.attrs["href"], link.text, link.attrs["rel"]) == (
        "https://github.com/signaux-faibles",
        "Voir le code source publié",
        "noopener noreferrer",
    )


def test_detail_without_source_code_has_no_link(client):
    challenge = full_challenge(CohortFactory(phase="wishes"))

    response = client.get(detail_url(challenge))

    assert Page(response.content.decode()).find_all("a", id="source-code") == []


def test_detail_of_the_current_cohort_has_a_breadcrumb_to_the_list(client):
    challenge = full_challenge(CohortFactory(phase="wishes"))

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    breadcrumb = page.find_all("nav", css_class="fr-breadcrumb")[0]
    assert [(link.text, link.attrs.get("href")) for link in page.find_all("a", inside=breadcrumb)] == [
        ("Accueil", "/"),
        ("Les défis", reverse("catalogue:list")),
        ("Signaux Faibles", None),
    ]


def test_detail_of_a_past_cohort_has_a_breadcrumb_through_the_archive(client):
    challenge = full_challenge(CohortFactory(phase="finished"))
    CohortFactory(phase="projects_call")

    response = client.get(detail_url(challenge))

    page = Page(response.content.decode())
    breadcrumb = page.find_all("nav", css_class="fr-breadcrumb")[0]
    assert [link.attrs.get("href") for link in page.find_all("a", inside=breadcrumb)] == [
        "/",
        reverse("catalogue:list"),
        reverse("catalogue:archive"),
        None,
    ]


# --- Reveal rule and 404s ---------------------------------------------------------------------------


def test_detail_is_public_from_the_reveal_date(client):
    challenge = ChallengeFactory(selected=True, cohort=CohortFactory(phase="wishes"))

    response = client.get(detail_url(challenge))

    assert response.status_code == 200


def test_detail_is_not_found_one_minute_before_the_reveal_date(client):
    challenge = ChallengeFactory(selected=True, cohort=CohortFactory(days_since_start=ONE_MINUTE_BEFORE_REVEAL))

    response = client.get(detail_url(challenge))

    assert response.status_code == 404
    assert challenge.name not in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [ChallengeStatus.DRAFT, ChallengeStatus.SUBMITTED, ChallengeStatus.NOT_SELECTED, ChallengeStatus.WITHDRAWN],
)
def test_detail_of_a_challenge_never_selected_is_not_found(client, status):
    challenge = ChallengeFactory(complete=True, status=status, cohort=CohortFactory(phase="wishes"))

    response = client.get(detail_url(challenge))

    assert response.status_code == 404


def test_detail_of_a_missing_challenge_is_not_found(client):
    response = client.get(reverse("catalogue:detail", args=[987654]))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["candidate", "agent", "juror", "staff"])
def test_detail_before_the_reveal_date_is_not_found_even_for_signed_in_users(client, role):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(
        selected=True, cohort=CohortFactory(days_since_start=ONE_MINUTE_BEFORE_REVEAL), owners=[owner]
    )
    client.force_login(UserFactory(**{role: True}))

    response = client.get(detail_url(challenge))

    assert response.status_code == 404


def test_detail_before_the_reveal_date_is_not_found_for_its_owner(client):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(
        selected=True, cohort=CohortFactory(days_since_start=ONE_MINUTE_BEFORE_REVEAL), owners=[owner]
    )
    client.force_login(owner)

    response = client.get(detail_url(challenge))

    assert response.status_code == 404


def test_detail_query_count_is_fixed(client, django_assert_num_queries):
    challenge = full_challenge(CohortFactory(phase="wishes"))

    # The challenge with its administration and cohort, its positions, its mentors; the current cohort (2).
    with django_assert_num_queries(5):
        response = client.get(detail_url(challenge))

    assert response.status_code == 200
