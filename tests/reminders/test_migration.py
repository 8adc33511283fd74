"""The ledger's former cohort foreign key (eig 0002 before the layers) becomes scope_id (eig 0004)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from eig.models import ReminderDelivery
from tests.cohorts.factories import CohortFactory

BEFORE = ("eig", "0003_user_usual_name_pronouns")


def ledger_columns() -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name
            for column in connection.introspection.get_table_description(cursor, ReminderDelivery._meta.db_table)
        ]


@pytest.mark.django_db(transaction=True)
def test_migration_copies_the_old_cohort_column_into_scope_id_and_drops_it():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    # The account as the schema then had it (later migrations add columns the current model writes).
    old_user = executor.loader.project_state([BEFORE]).apps.get_model("eig", "User")
    cohort, owner = CohortFactory(), old_user.objects.create(email="porteur@example.org", is_agent=True)
    # What the former 0002 created: a cohort_id column with its foreign key to the cohorts.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE eig_reminderdelivery DROP COLUMN IF EXISTS scope_id")
        cursor.execute(
            "ALTER TABLE eig_reminderdelivery ADD COLUMN cohort_id bigint NOT NULL "
            "REFERENCES cohorts_cohort (id) DEFERRABLE INITIALLY DEFERRED"
        )
        cursor.execute(
            "INSERT INTO eig_reminderdelivery (rule, recipient_id, cohort_id, object_type, object_id, deadline, "
            "status, attempts, last_error, created_at) "
            "VALUES ('challenge_draft:7d', %s, %s, 'challenges.challenge', 1, %s, 'sent', 1, '', %s)",
            [owner.pk, cohort.pk, cohort.projects_call_closes_at, dt.datetime.now(dt.UTC)],
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert ReminderDelivery.objects.values_list("rule", "recipient_id", "scope_id").get() == (
        "challenge_draft:7d",
        owner.pk,
        cohort.pk,
    )
    assert ("cohort_id" in ledger_columns(), "scope_id" in ledger_columns()) == (False, True)
