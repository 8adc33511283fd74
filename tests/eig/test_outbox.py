"""The e-mail outbox: each e-mail is a row written in the caller's transaction, sent once by a task
that claims it, retried by the sweep after a failure; allauth's e-mails go through it, marked
sensitive; staff see and retry failures in the admin. (Real workers: test_outbox_worker.py.)"""

import ast
import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eig.celery import app as celery_app
from eig.emails import email_queue
from eig.models import DeliveryStatus, OutboxEmail
from eig.outbox.services import SEND_TASK, email_deliver, email_write, emails_sweep
from eig.reminders.services import DELIVER_TASK
from tests.eig.factories import UserFactory
from tests.reminders.backends import FailingBackend

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:eig_outboxemail_changelist")


def queue_invitation(to: str = "ada@example.org") -> None:
    email_queue(
        to=[to],
        template="emails/challenges/invitation",
        context={"invitation": None, "challenge": None, "url": "https://eig.localhost/invitation"},
    )


def outbox() -> list[tuple[list[str], str, int]]:
    return sorted(OutboxEmail.objects.values_list("to", "status", "attempts"))


def test_email_queue_writes_the_row_in_the_callers_transaction_and_sends_after_commit(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queue_invitation()
        before_commit = (outbox(), len(mailoutbox))

    assert before_commit == ([(["ada@example.org"], DeliveryStatus.PENDING, 0)], 0)
    assert len(callbacks) == 1
    assert outbox() == [(["ada@example.org"], DeliveryStatus.SENT, 1)]
    email = OutboxEmail.objects.get()
    assert [(message.to, message.subject) for message in mailoutbox] == [(["ada@example.org"], email.subject)]
    assert (email.template, email.language, email.sensitive) == ("emails/challenges/invitation", "fr", False)
    assert email.subject.startswith("[EIG] ")


def test_email_queue_rolled_back_with_the_caller_leaves_no_row_and_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_invitation()
        raise RuntimeError("the change that caused the e-mail fails")

    assert (OutboxEmail.objects.count(), callbacks, mailoutbox) == (0, [], [])


def test_email_deliver_twice_sends_once(mailoutbox):
    email = OutboxEmail.objects.create(to=["ada@example.org"], subject="Bienvenue", body="Bonjour.")

    outcomes = [email_deliver(email_id=email.pk), email_deliver(email_id=email.pk)]

    assert outcomes == ["sent", "skipped"]
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]
    assert outbox() == [(["ada@example.org"], DeliveryStatus.SENT, 1)]


def test_email_send_that_raises_recorded_then_sent_by_the_sweep_once_due(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    FailingBackend.failures = 1
    now = timezone.now()

    with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
        email = email_write(to=["ada@example.org"], subject="Bienvenue", body="Bonjour.")
    email.refresh_from_db()
    after_failure = (email.status, email.attempts, email.last_error, email.next_attempt_at)
    with time_machine.travel(now + dt.timedelta(seconds=30), tick=False):
        too_early = emails_sweep()
    with (
        time_machine.travel(now + dt.timedelta(seconds=61), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        due = emails_sweep()

    assert after_failure == (
        DeliveryStatus.FAILED,
        1,
        "SMTPServerDisconnected: Connexion au serveur SMTP perdue",
        now + dt.timedelta(seconds=settings.OUTBOX_RETRY_DELAY_SECONDS),
    )
    assert (too_early, due) == (0, 1)
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]
    assert outbox() == [(["ada@example.org"], DeliveryStatus.SENT, 2)]


def test_email_failing_max_attempts_times_waits_for_the_admin(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 1
    FailingBackend.failures = 1
    email = OutboxEmail.objects.create(to=["ada@example.org"], subject="Bienvenue", body="Bonjour.")

    outcome = email_deliver(email_id=email.pk)

    email.refresh_from_db()
    assert (outcome, email.status, email.next_attempt_at) == ("failed", DeliveryStatus.FAILED, None)
    assert emails_sweep(now=timezone.now() + dt.timedelta(days=1)) == 0


def test_email_left_sending_by_a_dead_worker_sent_by_the_sweep_once_stale(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    claimed_at = timezone.now() - dt.timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS + 1)
    OutboxEmail.objects.create(
        to=["ada@example.org"], subject="Bienvenue", status=DeliveryStatus.SENDING, claimed_at=claimed_at, attempts=1
    )
    OutboxEmail.objects.create(
        to=["bruno@example.org"],
        subject="Bienvenue",
        status=DeliveryStatus.SENDING,
        claimed_at=timezone.now(),
        attempts=1,
    )

    with django_capture_on_commit_callbacks(execute=True):
        swept = emails_sweep()

    assert swept == 1
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]
    assert outbox() == [
        (["ada@example.org"], DeliveryStatus.SENT, 2),
        (["bruno@example.org"], DeliveryStatus.SENDING, 1),
    ]


def test_allauth_email_goes_through_the_outbox_sensitive_and_erased_once_sent(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "ada@example.org"})

    email = OutboxEmail.objects.get()
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]
    assert "/comptes/" in mailoutbox[0].body
    assert (email.template, email.sensitive, email.status, email.body, email.html_body) == (
        "account/email/password_reset_key",
        True,
        DeliveryStatus.SENT,
        "",
        "",
    )
    assert email.subject == mailoutbox[0].subject == "[EIG] E-mail de réinitialisation de mot de passe"


def test_tasks_enqueued_by_name_are_registered_and_the_sweep_is_scheduled(settings):
    beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    # What a worker does at start: import every app's tasks module (autodiscovery), whichever tests ran before.
    celery_app.loader.import_default_modules()

    assert {SEND_TASK, DELIVER_TASK, "eig.tasks.sweep_outbox"} <= set(celery_app.tasks)
    assert settings.CELERY_BEAT_SCHEDULE["sweep-outbox"] == {"task": "eig.tasks.sweep_outbox", "schedule": 60}
    assert beat <= set(celery_app.tasks)


# --- Admin -----------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def test_admin_outbox_lists_and_filters_by_status(staff_client):
    OutboxEmail.objects.create(to=["ada@example.org"], subject="Un", status=DeliveryStatus.SENT)
    OutboxEmail.objects.create(to=["bruno@example.org"], subject="Deux", status=DeliveryStatus.FAILED, last_error="X")

    everything = staff_client.get(CHANGELIST)
    failed = staff_client.get(CHANGELIST, {"status__exact": DeliveryStatus.FAILED})

    assert sorted(email.subject for email in everything.context["cl"].result_list) == ["Deux", "Un"]
    assert [email.subject for email in failed.context["cl"].result_list] == ["Deux"]


def test_admin_outbox_hides_the_body_of_sensitive_emails(staff_client):
    plain = OutboxEmail.objects.create(to=["ada@example.org"], subject="Un", body="Texte visible")
    sensitive = OutboxEmail.objects.create(to=["ada@example.org"], subject="Deux", body="Code 123456", sensitive=True)

    shown = staff_client.get(reverse("admin:eig_outboxemail_change", args=[plain.pk])).content.decode()
    hidden = staff_client.get(reverse("admin:eig_outboxemail_change", args=[sensitive.pk])).content.decode()

    assert ("Texte visible" in shown, "Code 123456" in hidden, "Deux" in hidden) == (True, False, True)


def test_admin_retry_puts_failed_emails_back_and_sends_them(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    failed = OutboxEmail.objects.create(
        to=["ada@example.org"], subject="Un", status=DeliveryStatus.FAILED, attempts=8, last_error="X"
    )
    sent = OutboxEmail.objects.create(to=["bruno@example.org"], subject="Deux", status=DeliveryStatus.SENT, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST, {"action": "retry", "_selected_action": [failed.pk, sent.pk]}, follow=True
        )

    assert [str(message) for message in response.context["messages"]] == ["1 e-mail remis en file d'envoi."]
    assert [message.to for message in mailoutbox] == [["ada@example.org"]]
    assert outbox() == [(["ada@example.org"], DeliveryStatus.SENT, 9), (["bruno@example.org"], DeliveryStatus.SENT, 1)]


def test_admin_retry_refused_to_non_staff(client):
    failed = OutboxEmail.objects.create(to=["ada@example.org"], subject="Un", status=DeliveryStatus.FAILED)
    client.force_login(UserFactory(agent=True))

    response = client.post(CHANGELIST, {"action": "retry", "_selected_action": [failed.pk]})

    assert response.status_code == 403
    assert OutboxEmail.objects.get().status == DeliveryStatus.FAILED


def test_services_hand_tasks_out_by_name_without_importing_the_tasks():
    """The tasks import the services, never the reverse (no eig.emails ↔ eig.tasks ↔ services cycle)."""
    root = Path(__file__).resolve().parents[2]
    importers = []
    for path in sorted((root / "eig").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            if any(name == "eig.tasks" or name.startswith("eig.tasks.") for name in names):
                importers.append(str(path.relative_to(root)))

    assert importers == ["eig/apps.py", "eig/management/commands/rundev.py"]
