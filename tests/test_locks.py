"""Row locks lock the row they are about, never the rows a select_related joins: every select_for_update
names `of=("self",)` (or the tables it means), so that saving a draft does not lock its cohort."""

import ast
from pathlib import Path

import pytest
from django.db import OperationalError, connections, transaction

from challenges import services
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", "node_modules", "migrations", ".git"}


def python_sources():
    for path in sorted(ROOT.rglob("*.py")):
        if not SKIPPED.intersection(path.relative_to(ROOT).parts):
            yield path


def locks_without_of(source: str) -> list[int]:
    """The lines of `source` that call select_for_update without `of=`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "select_for_update"
        and not any(keyword.arg == "of" for keyword in node.keywords)
    ]


def test_every_select_for_update_names_what_it_locks():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_sources()
        for line in locks_without_of(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_the_source_check_finds_a_lock_without_of():
    planted = 'challenge = Challenge.objects.select_for_update().select_related("cohort").get(pk=1)\n'
    fixed = 'challenge = Challenge.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=1)\n'

    assert (locks_without_of(planted), locks_without_of(fixed)) == ([1], [])


def lock_nowait(cursor, table: str, pk: int) -> list:
    cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE NOWAIT", [pk])
    return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_saving_a_draft_locks_the_challenge_but_not_its_cohort():
    agent = UserFactory(agent=True)
    challenge = ChallengeFactory(owners=[agent])
    other = connections.create_connection("default")  # a second session, as another request would be
    try:
        with transaction.atomic():
            services.challenge_save_step(challenge=challenge, by=agent, fields={"summary": "Deux lignes"})
            # While the save's transaction is open, another session may lock the cohort at once…
            with other.cursor() as cursor:
                cohort_rows = lock_nowait(cursor, "cohorts_cohort", challenge.cohort_id)
                # …but not the challenge being saved.
                with pytest.raises(OperationalError) as refused:
                    lock_nowait(cursor, "challenges_challenge", challenge.pk)
    finally:
        other.close()

    assert cohort_rows == [(challenge.cohort_id,)]
    assert refused.value.__cause__.sqlstate == "55P03"  # lock_not_available
