"""The CSV export streams: it reads the applications through a server-side cursor, one chunk at a time,
while the response is being sent; nothing is read before the first row is asked for. (Time and memory
at 10,000 and 100,000 rows: benchmarks/export_applications.py, results in docs/benchmarks.md.)"""

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from applications import exports
from applications.models import Application
from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(phase="preselection", number=12)


def open_cursors() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_cursors ORDER BY name")
        return [name for (name,) in cursor.fetchall()]


def rows_left_in(cursor_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'FETCH ALL FROM "{cursor_name}"')
        return len(cursor.fetchall())


def test_export_csv_is_a_streaming_response_that_reads_nothing_before_it_is_consumed(cohort):
    ApplicationFactory.create_batch(3, submitted=True, cohort=cohort)

    with CaptureQueriesContext(connection) as queries:
        response = exports.csv_response(Application.objects.all())
        header = next(response.streaming_content)

    assert isinstance(response, StreamingHttpResponse)
    assert header.decode().startswith("\ufeffRéférence;Promotion;Statut;")
    # The only query: the export's row in the audit trail (eig.exports.export_record).
    assert [query["sql"].split()[:3] for query in queries] == [["INSERT", "INTO", '"eig_auditentry"']]


def test_export_csv_yields_rows_before_the_whole_queryset_is_read(cohort, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    applications = ApplicationFactory.create_batch(5, submitted=True, cohort=cohort)
    response = exports.csv_response(Application.objects.order_by("pk"))
    next(response.streaming_content)  # the header

    with CaptureQueriesContext(connection) as queries:
        first_row = next(response.streaming_content).decode()

    # One query: a server-side cursor, still open, from which only the first chunk (2 rows) was fetched.
    assert first_row.startswith(f"{applications[0].reference};")
    assert [query["sql"].split()[0] for query in queries] == ["DECLARE"]
    (cursor_name,) = open_cursors()
    assert rows_left_in(cursor_name) == 3


def test_export_csv_runs_one_query_and_closes_its_cursor_once_sent(cohort, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    ApplicationFactory.create_batch(5, submitted=True, cohort=cohort)
    response = exports.csv_response(Application.objects.all())

    with CaptureQueriesContext(connection) as queries:
        lines = list(response.streaming_content)

    assert (len(lines), len(queries), open_cursors()) == (6, 1, [])


@pytest.mark.parametrize("count", [1, 3])
def test_export_csv_query_count_does_not_grow(cohort, django_assert_num_queries, count):
    ApplicationFactory.create_batch(count, submitted=True, cohort=cohort)

    with django_assert_num_queries(2):  # the audit trail's row, then the one read
        lines = list(exports.csv_response(Application.objects.all()).streaming_content)

    assert len(lines) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_export_xlsx_query_count_does_not_grow(cohort, django_assert_num_queries, count):
    ApplicationFactory.create_batch(count, submitted=True, cohort=cohort)

    with django_assert_num_queries(2):  # the audit trail's row, then the one read
        response = exports.xlsx_response(Application.objects.all())

    assert b"".join(response.streaming_content).startswith(b"PK")
