"""The applications exports (CSV and XLSX) from the admin: columns, values, filters and who may export."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from openpyxl import load_workbook

from applications import exports
from applications.models import Application
from tests.applications.factories import ApplicationFactory, PreselectionReviewFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("admin:applications_application_export_csv")
XLSX_URL = reverse("admin:applications_application_export_xlsx")
HEADER = [
    "Référence",
    "Promotion",
    "Statut",
    "Prénom",
    "Nom",
    "Nom d'usage",
    "Pronoms",
    "Adresse e-mail",
    "Profil",
    "Années d'expérience",
    "Tranche d'expérience",
    "Prêt·e à déménager",
    "A connu le programme par",
    "Déposée le (heure de Paris)",
    "Nombre d'évaluations",
    "Note moyenne",
]
SUBMITTED_AT = dt.datetime(2026, 4, 19, 21, 30, tzinfo=dt.UTC)  # 23:30 in Paris (summer time)


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", name="EIG 12", number=12)


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def ada(cohort):
    candidate = UserFactory(
        candidate=True,
        first_name="Ada",
        last_name="Lovelace",
        usual_name="King",
        pronouns="elle",
        email="ada.lovelace@example.org",
    )
    application = ApplicationFactory(
        submitted=True, cohort=cohort, candidate=candidate, years_of_experience=7, submitted_at=SUBMITTED_AT
    )
    for score in (3, 4):
        PreselectionReviewFactory(application=application, scores=score, assessment="…")
    return application


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_export_csv_has_one_row_per_application_with_the_whole_identity_and_scores(client, staff, ada):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="candidatures-')
    assert csv_rows(response) == [
        HEADER,
        [
            ada.reference,
            "EIG 12",
            "Déposée",
            "Ada",
            "Lovelace",
            "King",
            "elle",
            "ada.lovelace@example.org",
            "Développeur·se",
            "7",
            "Senior",
            "Selon le défi",
            "Un·e ancien·ne EIG",
            "2026-04-19 23:30",
            "2",
            "3,50",
        ],
    ]


def test_export_xlsx_has_the_same_columns_with_typed_values(client, staff, ada):
    response = client.get(XLSX_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="candidatures-')
    assert xlsx_rows(response) == [
        HEADER,
        [
            ada.reference,
            "EIG 12",
            "Déposée",
            "Ada",
            "Lovelace",
            "King",
            "elle",
            "ada.lovelace@example.org",
            "Développeur·se",
            7,
            "Senior",
            "Selon le défi",
            "Un·e ancien·ne EIG",
            dt.datetime(2026, 4, 19, 23, 30),
            2,
            3.5,
        ],
    ]


def test_export_a_draft_without_answers_leaves_cells_empty(client, staff, cohort):
    draft = ApplicationFactory(cohort=cohort, candidate=UserFactory(candidate=True, first_name="", last_name=""))

    rows = csv_rows(client.get(CSV_URL))

    assert rows[1] == [
        draft.reference,
        "EIG 12",
        "Brouillon",
        "",
        "",
        "",
        "",
        draft.candidate.email,
        "",
        "",
        "",
        "",
        "",
        "",
        "0",
        "",
    ]


def test_export_neutralises_text_that_a_spreadsheet_would_run_as_a_formula(client, staff, cohort):
    candidate = UserFactory(candidate=True, first_name='=HYPERLINK("http://x")', last_name="", email="f@example.org")
    ApplicationFactory(submitted=True, cohort=cohort, candidate=candidate)

    csv_name = csv_rows(client.get(CSV_URL))[1][3]
    xlsx = load_workbook(io.BytesIO(b"".join(client.get(XLSX_URL).streaming_content)))
    cell = xlsx.active["D2"]

    assert csv_name == '\'=HYPERLINK("http://x")'
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_export_list_follows_the_change_list_filters(client, staff, cohort):
    ApplicationFactory(submitted=True, cohort=cohort)
    preselected = ApplicationFactory(preselected=True, cohort=cohort)

    csv_references = [row[0] for row in csv_rows(client.get(CSV_URL, {"status__exact": "preselected"}))[1:]]
    xlsx_references = [row[0] for row in xlsx_rows(client.get(XLSX_URL, {"status__exact": "preselected"}))[1:]]

    assert csv_references == xlsx_references == [preselected.reference]


def test_export_actions_export_the_chosen_applications(client, staff, cohort):
    chosen = ApplicationFactory(submitted=True, cohort=cohort)
    ApplicationFactory(submitted=True, cohort=cohort)
    changelist = reverse("admin:applications_application_changelist")

    csv_response = client.post(changelist, {"action": "export_csv", ACTION_CHECKBOX_NAME: [chosen.pk]})
    xlsx_response = client.post(changelist, {"action": "export_xlsx", ACTION_CHECKBOX_NAME: [chosen.pk]})

    assert [row[0] for row in csv_rows(csv_response)[1:]] == [chosen.reference]
    assert [row[0] for row in xlsx_rows(xlsx_response)[1:]] == [chosen.reference]


def test_export_links_on_the_change_list_keep_the_filters(client, staff, cohort):
    response = client.get(reverse("admin:applications_application_changelist"), {"status__exact": "submitted"})

    html = response.content.decode()
    assert f'href="{CSV_URL}?status__exact=submitted"' in html
    assert f'href="{XLSX_URL}?status__exact=submitted"' in html


def test_export_reference_matches_the_applications_reference(cohort):
    application = ApplicationFactory(submitted=True, cohort=cohort)

    (row,) = exports.export_rows(Application.objects.all())

    assert row[0] == application.reference


@pytest.mark.parametrize("role", ["candidate", "agent", "juror"])
def test_export_refused_to_other_roles(client, cohort, role):
    ApplicationFactory(submitted=True, cohort=cohort)
    client.force_login(UserFactory(**{role: True}))

    csv_response, xlsx_response = client.get(CSV_URL, follow=True), client.get(XLSX_URL, follow=True)

    assert (csv_response.status_code, xlsx_response.status_code) == (403, 403)
    assert "Content-Disposition" not in csv_response


def test_export_anonymous_sent_to_login(client):
    response = client.get(CSV_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={CSV_URL}"
