"""The audit trail's core: who, when, what and from which address, in rows PostgreSQL refuses to change."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from eig.audit.models import AuditAction, AuditEntry
from eig.audit.services import SYSTEM, AuditContextMiddleware, record
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_row_outside_a_request_has_no_author_nor_address():
    target = UserFactory()

    entry = record(AuditAction.ACCOUNT, summary="Compte vérifié", target=target, data={"reason": "test"})

    entry.refresh_from_db()
    assert (entry.action, entry.actor, entry.actor_email, entry.ip) == ("account", None, "", None)
    assert (entry.object_type, entry.object_id, entry.summary, entry.data) == (
        "eig.user",
        str(target.pk),
        "Compte vérifié",
        {"reason": "test"},
    )


def test_during_a_request_the_row_names_the_signed_in_user_and_their_address():
    staff = UserFactory(email="Agent.Staff@example.org", is_staff=True)
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9")
    request.user = staff
    rows = []

    def view(request):
        rows.append(record(AuditAction.FILE, summary="CV consulté"))
        rows.append(record(AuditAction.FILE, summary="Tâche", actor=SYSTEM))
        return HttpResponse()

    AuditContextMiddleware(view)(request)

    assert [(row.actor, row.actor_email, row.ip) for row in rows] == [
        (staff, "agent.staff@example.org", "203.0.113.9"),
        (None, "", "203.0.113.9"),
    ]
    # Once the request is answered, rows have no author again.
    assert record(AuditAction.FILE, summary="Après").actor is None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE eig_auditentry SET summary = 'changé' WHERE id = %s",
        "DELETE FROM eig_auditentry WHERE id = %s",
    ],
)
def test_postgresql_refuses_to_change_or_delete_a_row(statement):
    entry = record(AuditAction.PURGE, summary="Dossier effacé")

    with (
        pytest.raises(DatabaseError, match="eig_auditentry is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [entry.pk])

    entry.refresh_from_db()
    assert entry.summary == "Dossier effacé"


def test_the_orm_cannot_change_or_delete_a_row_either():
    entry = record(AuditAction.PURGE, summary="Dossier effacé")
    entry.summary = "changé"

    with pytest.raises(DatabaseError, match="UPDATE refused"), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError, match="DELETE refused"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.get(pk=entry.pk).summary == "Dossier effacé"


def test_deleting_the_author_leaves_their_rows_as_they_were():
    author = UserFactory(email="ancien@example.org")
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    request.user = author
    AuditContextMiddleware(lambda request: HttpResponse(record(AuditAction.SCORE, summary="Note").pk))(request)

    author_pk = author.pk
    author.delete()

    entry = AuditEntry.objects.get()
    assert (entry.actor_id, entry.actor_email, entry.ip) == (author_pk, "ancien@example.org", "198.51.100.4")
