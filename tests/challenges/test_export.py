"""The admin's exports of the challenges with their scores: CSV (streamed) and XLSX."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cohorts.models import GridStage, ScoringCriterion
from cohorts.profiles import Profile
from tests.challenges.factories import (
    AdministrationFactory,
    ChallengeEvaluationFactory,
    ChallengeFactory,
    PositionFactory,
)
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

CSV_URL = "admin:challenges_challenge_export_csv"
XLSX_URL = "admin:challenges_challenge_export_xlsx"


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def test_export_csv_is_streamed_utf8_with_semicolons(staff_client):
    ChallengeFactory(submitted=True)

    response = staff_client.get(reverse(CSV_URL))

    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="defis-evaluations-')
    assert b"".join(response.streaming_content).startswith("\ufeffPromotion;Défi;".encode())


def test_export_xlsx_is_a_workbook(staff_client):
    ChallengeFactory(submitted=True)

    response = staff_client.get(reverse(XLSX_URL))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Défis"]


def test_export_challenge_without_evaluation_has_empty_scores(staff_client):
    cohort = CohortFactory(phase="challenge_selection", name="EIG 12")
    challenge = ChallengeFactory(
        cohort=cohort,
        submitted=True,
        name="ArchiFiltre",
        administration=AdministrationFactory(name="Archives de France", acronym="SIAF"),
        work_city="Pierrefitte-sur-Seine",
    )
    PositionFactory(challenge=challenge, profile=Profile.DESIGNER)

    csv_result = csv_rows(staff_client.get(reverse(CSV_URL)))
    xlsx_result = xlsx_rows(staff_client.get(reverse(XLSX_URL)))

    row = ["EIG 12", "ArchiFiltre", "Archives de France (SIAF)", "Déposé"]
    profiles = "Développeur·se, Data scientist, Designer"
    assert csv_result[1] == [*row, "", "", "", "", "", "", "0", "0", "0", profiles, "Pierrefitte-sur-Seine"]
    assert xlsx_result[1] == [*row, None, None, None, None, None, None, 0, 0, 0, profiles, "Pierrefitte-sur-Seine"]


def test_export_weighted_mean_uses_the_criteria_weights(staff_client):
    cohort = CohortFactory(phase="challenge_selection")
    ScoringCriterion.objects.filter(cohort=cohort, stage=GridStage.CHALLENGE_SELECTION, position=1).update(weight=3)
    challenge = ChallengeFactory(cohort=cohort, submitted=True)
    ChallengeEvaluationFactory(challenge=challenge, scores=[4, 1, 1, 1, 1])  # (4×3 + 1×4) / 7 = 2.2857…
    ChallengeEvaluationFactory(challenge=challenge, scores=[1, 1, 1, 1, 1])  # 1, so the mean of the two is 1.6428…

    xlsx_result = xlsx_rows(staff_client.get(reverse(XLSX_URL)))

    assert xlsx_result[1][4:12] == [2.5, 1, 1, 1, 1, 1.64, 2, 2]


def test_export_text_that_looks_like_a_formula_stays_text(staff_client):
    ChallengeFactory(submitted=True, name='=HYPERLINK("http://pirate.example")', work_city="+33 Paris")

    csv_result = csv_rows(staff_client.get(reverse(CSV_URL)))
    response = staff_client.get(reverse(XLSX_URL))

    assert (csv_result[1][1], csv_result[1][-1]) == ('\'=HYPERLINK("http://pirate.example")', "'+33 Paris")
    cells = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2))[0]
    assert (cells[1].value, cells[1].data_type) == ('=HYPERLINK("http://pirate.example")', "s")
    assert (cells[-1].value, cells[-1].data_type) == ("+33 Paris", "s")


def test_export_button_keeps_the_change_list_filters_and_search(staff_client):
    cohort = CohortFactory(phase="challenge_selection")
    ChallengeFactory(cohort=cohort, submitted=True, name="PrédiSauvetage")
    ChallengeFactory(cohort=cohort, name="ArchiFiltre")
    ChallengeFactory(submitted=True, name="Hopkins")
    changelist = staff_client.get(
        reverse("admin:challenges_challenge_changelist"),
        {"cohort__id__exact": cohort.pk, "status__exact": "submitted"},
    )

    export_links = [
        link
        for link in (f"{reverse(CSV_URL)}?", f"{reverse(XLSX_URL)}?")
        if f'href="{link}cohort__id__exact={cohort.pk}&amp;status__exact=submitted"' in changelist.content.decode()
    ]
    csv_result = csv_rows(staff_client.get(reverse(CSV_URL), {"cohort__id__exact": cohort.pk, "q": "sauvetage"}))
    xlsx_result = xlsx_rows(staff_client.get(reverse(XLSX_URL), {"status__exact": "draft"}))

    assert len(export_links) == 2
    assert [row[1] for row in csv_result[1:]] == ["PrédiSauvetage"]
    assert [row[1] for row in xlsx_result[1:]] == ["ArchiFiltre"]


def test_export_actions_export_the_chosen_challenges(staff_client):
    chosen = ChallengeFactory(submitted=True, name="PrédiSauvetage")
    ChallengeFactory(submitted=True, name="Hopkins")

    responses = [
        staff_client.post(
            reverse("admin:challenges_challenge_changelist"),
            {"action": action, ACTION_CHECKBOX_NAME: [chosen.pk], "index": "0"},
        )
        for action in ("export_csv", "export_xlsx")
    ]

    assert [row[1] for row in csv_rows(responses[0])[1:]] == ["PrédiSauvetage"]
    assert [row[1] for row in xlsx_rows(responses[1])[1:]] == ["PrédiSauvetage"]


@pytest.mark.parametrize("url_name", [CSV_URL, XLSX_URL])
def test_export_refused_to_non_staff(client, url_name):
    client.force_login(UserFactory(juror=True, second_factor=True))

    response = client.get(reverse(url_name), follow=True)

    assert response.status_code == 403
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def count_export_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("url_name", [CSV_URL, XLSX_URL])
def test_export_query_count_does_not_grow(staff_client, url_name):
    cohort = CohortFactory(phase="challenge_selection")
    url = reverse(url_name)
    ChallengeEvaluationFactory(challenge=ChallengeFactory(cohort=cohort, submitted=True), scores=[3, 3, 3, 3, 3])
    with_one = count_export_queries(staff_client, url)
    for _ in range(2):
        ChallengeEvaluationFactory(challenge=ChallengeFactory(cohort=cohort, submitted=True), scores=[2, 3, 4, 3, 2])

    with_three = count_export_queries(staff_client, url)

    assert with_three == with_one
