"""The catalogue's stored search vector (challenges.search): computed from the texts' plain text, written
in the same transaction as the texts by every write that changes them, and the only vector searched."""

import importlib

import pytest
from django.apps import apps
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import Challenge
from challenges.search import SEARCH_CONFIG
from challenges.selectors import challenges_catalogue
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


def matches(challenge: Challenge, words: str) -> bool:
    """Whether the challenge's stored vector matches `words` (web-search syntax), as the catalogue reads it."""
    query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
    return Challenge.objects.filter(pk=challenge.pk, search_vector=query).exists()


def stored_vector(challenge: Challenge) -> str:
    return Challenge.objects.values_list("search_vector", flat=True).get(pk=challenge.pk)


@pytest.fixture
def agent():
    return UserFactory(agent=True)


@pytest.fixture
def draft(agent):
    return ChallengeFactory(owners=[agent], complete=True, context="Les dossiers papier.")


def test_saving_a_step_updates_the_vector_in_the_same_transaction(agent, draft):
    with transaction.atomic():
        services.challenge_save_step(
            challenge=draft, by=agent, fields={"context": "## Hydrologie\n\nLes **crues** des rivières."}
        )

        # Read before the transaction commits: the vector is not left to a later task.
        assert matches(draft, "crues") is True
        assert matches(draft, "hydrologie") is True
        assert matches(draft, "papier") is False


def test_a_refused_save_leaves_the_vector_as_it_was(agent):
    draft = ChallengeFactory(owners=[agent], complete=True, cohort=CohortFactory(phase="challenge_selection"))

    with pytest.raises(ValidationError):
        services.challenge_save_step(challenge=draft, by=agent, fields={"context": "Les crues des rivières."})

    assert matches(draft, "crues") is False
    assert matches(draft, "dossiers") is True


def test_saving_a_step_without_searched_text_keeps_the_vector(agent, draft):
    before = stored_vector(draft)

    services.challenge_save_step(challenge=draft, by=agent, fields={"obstacles": "Des crues imprévisibles."})

    assert stored_vector(draft) == before
    # Obstacles are not public: a candidate cannot find a challenge by them.
    assert matches(draft, "imprévisibles") is False


def test_the_vector_weighs_name_summary_long_texts_and_administration():
    challenge = ChallengeFactory(
        complete=True,
        name="Hydra",
        summary="Prévoir les crues.",
        context="Les **rivières** débordent.",
        openness="Un code *libre*.",
        administration=AdministrationFactory(name="Service des eaux", acronym="SDE"),
    )

    # PostgreSQL writes « 'lexeme':position+weight », weight D being left unwritten.
    weights = {
        lexeme.strip("'"): {position.lstrip("0123456789") or "D" for position in positions.split(",")}
        for lexeme, positions in (item.rsplit(":", 1) for item in stored_vector(challenge).split())
    }
    assert weights["hydr"] == {"A"}
    assert weights["prevoir"] == {"B"}
    assert weights["rivier"] == {"C"}
    assert weights["libr"] == {"C"}
    assert weights["sde"] == {"D"}


def test_creating_a_challenge_indexes_its_name_and_administration(agent):
    cohort = CohortFactory(phase="projects_call")
    administration = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    MembershipFactory(user=agent, administration=administration)

    challenge = services.challenge_create(cohort=cohort, administration=administration, name="Hydra", by=agent)

    assert matches(challenge, "hydra") is True
    assert matches(challenge, "maritimes") is True


def test_renaming_an_administration_in_the_admin_reindexes_its_challenges(client):
    administration = AdministrationFactory(name="Direction des affaires maritimes", acronym="DAM")
    challenge = ChallengeFactory(complete=True, administration=administration)
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:challenges_administration_change", args=[administration.pk])
    page = Page(client.get(url).content.decode())
    data = page.form_values(page.find_all("form", id="administration_form")[0])
    data.update(name=["Direction générale de la mer"], acronym=["DGMER"])

    response = client.post(url, data)

    assert response.status_code == 302
    assert matches(challenge, "mer") is True
    assert matches(challenge, "dgmer") is True
    assert matches(challenge, "maritimes") is False


def test_saving_a_challenge_in_the_admin_reindexes_it(client):
    challenge = ChallengeFactory(submitted=True, context="Les dossiers papier.")
    client.force_login(UserFactory(superuser=True))
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    page = Page(client.get(url).content.decode())
    data = page.form_values(page.find_all("form", id="challenge_form")[0])
    data.update(context=["Des **crues** plus fréquentes."], work_city=["Vincennes Cedex"])

    response = client.post(url, data)

    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.work_city == "Vincennes"
    assert matches(challenge, "crues") is True
    assert matches(challenge, "papier") is False


def test_the_migration_indexes_existing_challenges_as_the_services_do():
    challenge = ChallengeFactory(complete=True, context="Les **crues** des [rivières](https://eaux.example.fr).")
    indexed_by_the_services = stored_vector(challenge)
    Challenge.objects.update(search_vector=None)
    migration = importlib.import_module("challenges.migrations.0003_stored_search_vector")

    migration.index_existing_challenges(apps, None)

    assert stored_vector(challenge) == indexed_by_the_services
    assert matches(challenge, "crues") is True


def test_the_catalogue_searches_the_stored_vector_only():
    cohort = CohortFactory(phase="wishes")
    challenge = ChallengeFactory(selected=True, cohort=cohort, context="Les dossiers papier.")
    # A write that bypasses the services does not reach the search: proof that nothing is recomputed per row.
    Challenge.objects.filter(pk=challenge.pk).update(context="Les crues des rivières.")

    assert list(challenges_catalogue(cohort=cohort, now=timezone.now(), search="crues")) == []
    assert list(challenges_catalogue(cohort=cohort, now=timezone.now(), search="papier")) == [challenge]
