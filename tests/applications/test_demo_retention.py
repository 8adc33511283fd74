"""The demo's retention examples (applications/demo.py `retention_seed`): a held file and a consenting
candidate in EIG 8, seeded by seed_demo, again and again."""

import pytest

from applications.models import ApplicationStatus
from applications.retention import RetentionClass, applications_retention
from eig.management.commands.seed_demo import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_file_and_a_consenting_candidate(settings):
    settings.DEBUG = True
    seed_demo()
    seed_demo()
    found = {
        str(retention.application.candidate): retention
        for retention in applications_retention()
        if retention.application.status == ApplicationStatus.NOT_PRESELECTED
    }
    held, consenting = found["Camille Perrin"], found["Théo Marchand"]
    assert (held.held, held.application.hold_reason, held.application.cohort.name) == (
        True,
        "Recours gracieux en cours contre la décision de présélection.",
        "EIG 8",
    )
    assert (consenting.held, consenting.data_class) == (False, RetentionClass.CONSENT)
