"""The audit trail's staff page (« Journal d'audit »): its filters find exactly the rows asked for, bad
input is told in French (never a server error), the query count does not grow with rows, and the export
holds the rows found and writes its own row."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from eig.audit.models import AuditEntry
from eig.audit.services import AuditContextMiddleware, record
from eig.dates import PARIS
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True, email="equipe@example.org")
    client.force_login(user)
    return user


def written(action, summary, *, at: str, by=None, ip="", target=None):
    """A row written by `record` at `at` (Paris time, « 2027-01-10 23:59 ») by `by` from `ip`."""
    moment = dt.datetime.fromisoformat(at).replace(tzinfo=PARIS)
    request = RequestFactory().get("/", REMOTE_ADDR=ip or "127.0.0.1")
    request.user = by or UserFactory.build()
    rows = []
    with time_machine.travel(moment, tick=False):
        if by is None:
            rows.append(record(action, summary=summary, target=target, actor=None))
        else:
            AuditContextMiddleware(lambda request: rows.append(record(action, summary=summary, target=target)))(
                request
            )
    return rows[0]


@pytest.fixture
def trail():
    """Four rows on three days, Paris time: by two people and nobody (the system), from two addresses."""
    staff = UserFactory(staff=True, email="gestion@example.org")
    juror = UserFactory(juror=True, email="jure@example.org")
    application, other = UserFactory(), UserFactory()
    return [
        written(
            "status",
            "Candidature n°12 : déposée → présélectionnée",
            at="2027-01-10 23:59",
            by=staff,
            ip="203.0.113.9",
            target=application,
        ),
        written(
            "file",
            "CV de la candidature n°12 consulté",
            at="2027-01-11 00:00",
            by=juror,
            ip="198.51.100.4",
            target=application,
        ),
        written(
            "file",
            "CV de la candidature n°7 consulté",
            at="2027-01-12 08:00",
            by=juror,
            ip="198.51.100.4",
            target=other,
        ),
        written("offer", "Offre n°3 : en attente de réponse → expirée", at="2027-01-13 09:00"),
    ]


def shown(response) -> list[str]:
    """The ids of the rows on the page, in their order (« entry-<pk> »)."""
    page = Page(response.content.decode())
    return [row.attrs["id"] for row in page.find_all("tr") if row.attrs.get("id", "").startswith("entry-")]


def ids(*entries) -> list[str]:
    return [f"entry-{entry.pk}" for entry in entries]


def test_the_page_lists_every_row_newest_first_with_paris_time(client, staff, trail):
    response = client.get(reverse("audit:journal"))

    assert response.status_code == 200
    assert shown(response) == ids(*reversed(trail))
    page = Page(response.content.decode())
    (first_person_row,) = page.find_all("tr", id=f"entry-{trail[0].pk}")
    assert page.texts("td", inside=first_person_row) == [
        "10 janvier 2027 à 23:59 (heure de Paris)",
        "gestion@example.org",
        "203.0.113.9",
        "Changement de statut",
        "Candidature n°12 : déposée → présélectionnée",
        f"Utilisateur·rice n°{trail[0].object_id}",
    ]
    (system_row,) = page.find_all("tr", id=f"entry-{trail[3].pk}")
    assert page.texts("td", inside=system_row)[1:3] == ["Système", "—"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "file"}, [2, 1]),
        ({"author": "JURE@"}, [2, 1]),
        ({"ip": "203.0.113.9"}, [0]),
        # Days are Paris days: 23:59 on the 10th is the 10th, midnight is the 11th.
        ({"start": "2027-01-11", "end": "2027-01-12"}, [2, 1]),
        ({"end": "2027-01-10"}, [0]),
        ({"start": "13/01/2027"}, [3]),
        ({"action": "file", "author": "jure", "start": "2027-01-12"}, [2]),
    ],
)
def test_each_filter_finds_exactly_its_rows(client, staff, trail, query, expected):
    response = client.get(reverse("audit:journal"), query)

    assert shown(response) == ids(*(trail[index] for index in expected))


def test_the_object_filter_finds_the_rows_of_one_object(client, staff, trail):
    target = trail[0]

    response = client.get(reverse("audit:journal"), {"object_type": "eig.user", "object_id": target.object_id})

    assert shown(response) == ids(trail[1], trail[0])
    page = Page(response.content.decode())
    (select,) = page.find_all("select", id="id_object_type")
    assert page.texts("option", inside=select) == [
        "Tous les types",
        "Utilisateur·rice",
    ]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"ip": "300.1.1.1"}, "ip", "Saisissez une adresse IPv4 ou IPv6 valide, par exemple « 203.0.113.9 »."),
        ({"start": "31/02/2027"}, "start", "Saisissez une date valide."),
        ({"object_id": "12 OR 1=1"}, "object_id", "Saisissez un identifiant en chiffres, par exemple « 12 »."),
        (
            {"start": "2027-01-12", "end": "2027-01-11"},
            "end",
            "La date de fin doit être le même jour que la date de début ou après.",
        ),
        ({"action": "drop"}, "action", "Sélectionnez un choix valide. drop n’en fait pas partie."),
        (
            {"object_type": "auth.group"},
            "object_type",
            "Sélectionnez un choix valide. auth.group n’en fait pas partie.",
        ),
    ],
)
def test_bad_filter_input_is_told_in_french_and_kept_in_the_form(client, staff, trail, query, field, message):
    response = client.get(reverse("audit:journal"), query)

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts(id=f"id_{field}-desc-error") == [message]
    value = next(iter(query.values())) if field != "end" else query["end"]
    if field not in ("action", "object_type"):
        assert page.find_all("input", id=f"id_{field}")[0].attrs["value"] == value


def test_a_bad_page_number_shows_the_last_or_first_page(client, staff, trail):
    assert shown(client.get(reverse("audit:journal"), {"page": "abc"})) == ids(*reversed(trail))
    assert shown(client.get(reverse("audit:journal"), {"page": "999"})) == ids(*reversed(trail))


def test_fifty_rows_a_page(client, staff):
    with time_machine.travel(dt.datetime(2027, 1, 10, 12, tzinfo=PARIS), tick=True):
        made = [record("status", summary=f"Ligne {number}") for number in range(51)]

    first = client.get(reverse("audit:journal"))
    second = client.get(reverse("audit:journal"), {"page": "2"})

    assert shown(first) == ids(*reversed(made[1:]))
    assert shown(second) == ids(made[0])


@pytest.mark.parametrize("count", [1, 3])
def test_the_query_count_does_not_grow_with_rows(client, staff, django_assert_num_queries, count):
    for number in range(count):
        record("file", summary=f"CV de la candidature n°{number} consulté", target=staff)

    # Session, user, second factor; object types; count; page.
    with django_assert_num_queries(6):
        response = client.get(reverse("audit:journal"))

    assert len(shown(response)) == count


def test_the_csv_export_holds_the_filtered_rows_and_is_recorded(client, staff, trail):
    response = client.get(reverse("audit:export", args=["csv"]), {"action": "file"}, REMOTE_ADDR="192.0.2.1")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    target = trail[1].object_id
    assert lines == [
        [
            "Date (heure de Paris)",
            "Auteur",
            "Adresse IP",
            "Action",
            "Résumé",
            "Type d'objet",
            "Identifiant de l'objet",
            "Détails",
        ],
        [
            "2027-01-12 08:00",
            "jure@example.org",
            "198.51.100.4",
            "Consultation d'un fichier personnel",
            "CV de la candidature n°7 consulté",
            "eig.user",
            trail[2].object_id,
            "{}",
        ],
        [
            "2027-01-11 00:00",
            "jure@example.org",
            "198.51.100.4",
            "Consultation d'un fichier personnel",
            "CV de la candidature n°12 consulté",
            "eig.user",
            target,
            "{}",
        ],
    ]
    export = AuditEntry.objects.latest("id")
    assert (export.action, export.summary, export.actor, export.ip) == (
        "export",
        "Export CSV : le journal d'audit (2 lignes)",
        staff,
        "192.0.2.1",
    )
    assert export.data == {"format": "csv", "filename": "journal-audit.csv", "rows": 2, "filters": {"action": "file"}}


def test_the_xlsx_export_is_a_workbook(client, staff, trail):
    response = client.get(reverse("audit:export", args=["xlsx"]))

    assert (response.status_code, response.content[:2]) == (200, b"PK")
    assert AuditEntry.objects.latest("id").summary == "Export XLSX : le journal d'audit (4 lignes)"


def test_an_export_with_a_bad_filter_exports_nothing_and_says_why(client, staff, trail):
    response = client.get(reverse("audit:export", args=["csv"]), {"ip": "pas une adresse"}, follow=True)

    assert response.redirect_chain == [(reverse("audit:journal") + "?ip=pas+une+adresse", 302)]
    assert "Corrigez les filtres signalés : rien n&#x27;a été exporté." in response.content.decode()
    assert AuditEntry.objects.filter(action="export").count() == 0


def test_an_unknown_export_format_is_a_404(client, staff):
    assert client.get(reverse("audit:export", args=["pdf"])).status_code == 404


def test_the_admin_lists_the_trail_but_nobody_adds_changes_or_deletes(client, staff, trail):
    admin_user = UserFactory(superuser=True)
    client.force_login(admin_user)

    assert client.get(reverse("admin:eig_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:eig_auditentry_change", args=[trail[0].pk])).status_code == 200
    assert client.get(reverse("admin:eig_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:eig_auditentry_delete", args=[trail[0].pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.count() == 4
