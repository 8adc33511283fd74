"""What candidates see of the validated lists (« Mes résultats »), and the staff's exports of the
scores and of the validated lists."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from auditions.deliberation import deliberation_reopen, deliberation_validate
from auditions.models import ListKind, Opinion
from tests.auditions.factories import audition_scorecard, deliberation_closed, deliberation_world
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

MAIN, WAITING, NOT_RETAINED = ListKind.MAIN, ListKind.WAITING, ListKind.NOT_RETAINED


@pytest.fixture
def director():
    return UserFactory(director=True, second_factor=True)


def outcomes(client, candidate) -> list[str]:
    client.force_login(candidate)
    return [result.outcome for result in client.get(reverse("auditions:my_results")).context["results"]]


def test_the_candidate_sees_nothing_before_the_director_validates(client):
    world = deliberation_world(candidates=1)
    deliberation_closed(world, (MAIN, 1))
    client.force_login(world.applications[0].candidate)

    response = client.get(reverse("auditions:my_results"))

    assert response.context["results"] == []
    assert "Les résultats des auditions ne sont pas encore publiés" in response.content.decode()


def test_each_candidate_sees_their_own_outcome_once_validated(client, director):
    world = deliberation_world(candidates=4)
    laureate, first_waiting, second_waiting, not_retained = (app.candidate for app in world.applications)
    deliberation_closed(world, (MAIN, 1), (WAITING, 1), (WAITING, 2), (NOT_RETAINED, None))
    deliberation_validate(deliberation=world.deliberation, by=director)

    assert outcomes(client, laureate) == ["Liste principale"]
    assert outcomes(client, first_waiting) == ["Liste complémentaire : vous êtes en position 1"]
    assert outcomes(client, second_waiting) == ["Liste complémentaire : vous êtes en position 2"]
    assert outcomes(client, not_retained) == ["Non retenu·e"]
    client.force_login(second_waiting)
    page = client.get(reverse("auditions:my_results")).content.decode()
    assert "Liste complémentaire : vous êtes en position 2" in page
    assert "Liste principale" not in page


def test_a_reopened_deliberation_shows_the_last_validated_version_until_the_next(client, director):
    world = deliberation_world(candidates=2)
    first, second = (app.candidate for app in world.applications)
    deliberation_closed(world, (MAIN, 1), (WAITING, 1))
    deliberation_validate(deliberation=world.deliberation, by=director)
    deliberation_reopen(deliberation=world.deliberation, by=director, reason="Désistement")
    deliberation_closed(world, (NOT_RETAINED, None), (MAIN, 1))

    before = outcomes(client, second)
    deliberation_validate(deliberation=world.deliberation, by=director)

    assert before == ["Liste complémentaire : vous êtes en position 1"]
    assert outcomes(client, second) == ["Liste principale"]
    assert outcomes(client, first) == ["Non retenu·e"]


def test_the_candidates_space_links_to_the_results(client):
    world = deliberation_world(candidates=1)
    client.force_login(world.applications[0].candidate)

    page = client.get(reverse("applications:space")).content.decode()

    assert f'href="{reverse("auditions:my_results")}"' in page


@pytest.mark.parametrize("deliberations", [1, 3])
def test_the_results_page_query_count_does_not_grow(
    client, settings, director, django_assert_num_queries, deliberations
):
    settings.STAFF_MFA_REQUIRED = True  # the gate asks for the second factor (one query), as in production
    candidate = UserFactory(candidate=True)
    for _ in range(deliberations):
        world = deliberation_world(candidates=1)
        world.applications[0].candidate = candidate
        world.applications[0].save()
        deliberation_closed(world, (MAIN, 1))
        deliberation_validate(deliberation=world.deliberation, by=director)
    client.force_login(candidate)

    with django_assert_num_queries(3):
        response = client.get(reverse("auditions:my_results"))

    assert len(response.context["results"]) == deliberations


# --- Exports -----------------------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_scores_export_has_one_row_per_scorecard_with_each_criterion(client, director):
    world = deliberation_world(candidates=1)
    (audition,) = world.auditions
    juror = world.jurors[0]
    juror.first_name, juror.last_name = "Camille", "Durand"
    juror.save()
    audition_scorecard(audition=audition, juror=juror, scores=[5, 4, 3, 2, 1, 0], favourite=True)
    client.force_login(director)

    rows = csv_rows(client.get(reverse("auditions:export_scores", args=["csv"])))

    application = audition.application
    assert rows == [
        [
            "Promotion",
            "Référence",
            "Candidat·e",
            "Profil",
            "Défi",
            "Juré·e",
            "Compréhension et cadrage du problème",
            "Structuration et organisation",
            "Compétences pertinentes",
            "Collaboration",
            "Compréhension du défi et intérêt pour lui",
            "Comportement en groupe",
            "Moyenne pondérée",
            "Avis",
            "Coup de cœur",
        ],
        [
            world.cohort.name,
            application.reference,
            application.candidate.get_full_name(),
            "Développeur·se",
            audition.challenge.name,
            "Camille Durand",
            "5",
            "4",
            "3",
            "2",
            "1",
            "0",
            "2,50",
            str(Opinion.FAVOURABLE.label),
            "Oui",
        ],
    ]


def test_the_lists_export_gives_the_last_validated_version_in_xlsx(client, director):
    world = deliberation_world(candidates=2)
    first, second = world.applications
    deliberation_closed(world, (MAIN, 1), (WAITING, 1))
    deliberation_validate(deliberation=world.deliberation, by=director)
    deliberation_reopen(deliberation=world.deliberation, by=director, reason="Désistement")
    deliberation_closed(world, (WAITING, 1), (MAIN, 1))
    deliberation_validate(deliberation=world.deliberation, by=director)
    client.force_login(director)

    response = client.get(reverse("auditions:export_lists", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Listes validées"
    assert rows[0][:4] == ["Promotion", "Défi", "Profil", "Version"]
    assert [(row[3], row[6], row[7], row[8], row[9]) for row in rows[1:]] == [
        (2, "Désistement", "Liste principale", 1, second.reference),
        (2, "Désistement", "Liste complémentaire", 1, first.reference),
    ]


def test_an_unknown_export_format_is_not_found(client, director):
    client.force_login(director)

    assert client.get(reverse("auditions:export_scores", args=["pdf"])).status_code == 404


def test_a_juror_cannot_export(client):
    world = deliberation_world(candidates=1)
    client.force_login(world.jurors[0])

    assert client.get(reverse("auditions:export_scores", args=["csv"])).status_code == 403
