"""A fellow's contract data (docs/personal-data.md): their application is kept `retention_contract_years`
after the contract ends, then purged by the daily task; deleting the account says so, closes the account
at once and leaves the anonymisation to the task."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application
from applications.retention import RetentionClass, application_retention
from applications.tasks import purge_due_files
from eig.dates import PARIS
from eig.models import User
from fellowship.models import Fellow
from tests.fellowship.factories import FellowFactory

pytestmark = pytest.mark.django_db


def _contract_end_plus_five_years(fellow) -> dt.datetime:
    ends = fellow.ends_on
    return dt.datetime(ends.year + 5, ends.month, ends.day, tzinfo=PARIS)


def test_a_fellows_file_is_kept_five_years_after_the_contract(django_capture_on_commit_callbacks):
    fellow = FellowFactory()
    retention = application_retention(fellow.application)
    kept_until = _contract_end_plus_five_years(fellow)
    assert (retention.data_class, retention.due_at) == (RetentionClass.CONTRACT, kept_until)
    for moment, purged in ((kept_until - dt.timedelta(minutes=1), 0), (kept_until + dt.timedelta(minutes=1), 1)):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            assert purge_due_files() == purged
    assert Application.objects.get(pk=fellow.application_id).purged_at is not None
    # Still a fellow of the programme (another role): the account stays.
    assert User.objects.get(pk=fellow.user_id).email == fellow.user.email


def test_a_fellow_deleting_their_account_keeps_the_contract_until_the_legal_period(
    client, django_capture_on_commit_callbacks
):
    fellow = FellowFactory()
    Fellow.objects.filter(pk=fellow.pk).update(public=True)
    client.force_login(fellow.user)
    page = " ".join(client.get(reverse("account_delete")).content.decode().split())
    kept_until = _contract_end_plus_five_years(fellow)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre"]
    months += ["novembre", "décembre"]
    date = f"{kept_until.day} {months[kept_until.month - 1]} {kept_until.year}"
    sentence = (
        "Vos données de contrat d&#x27;entrepreneur·e d&#x27;intérêt général sont conservées jusqu&#x27;au "
        f"{date}, durée légale, puis effacées."
    )
    assert sentence in page
    client.post(reverse("account_delete"), {"confirmation": "SUPPRIMER MON COMPTE"})
    account = User.objects.get(pk=fellow.user_id)
    assert (account.is_active, account.has_usable_password(), account.erased_at) == (False, False, None)
    assert account.email == fellow.user.email
    assert Fellow.objects.get(pk=fellow.pk).public is False
    assert Application.objects.get(pk=fellow.application_id).purged_at is None

    with (
        time_machine.travel(kept_until + dt.timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_due_files() == 1
    account = User.objects.get(pk=fellow.user_id)
    assert (account.email, account.is_fellow, account.erased_at is not None) == (
        f"compte-efface-{account.pk}@efface.invalid",
        False,
        True,
    )
