"""The engine: the ledger's constraint, bulk queries, failed sends and dead workers, moved
deadlines, the re-check before sending, and the e-mail itself."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from challenges.models import Challenge, ChallengeStatus
from challenges.reminders import CHALLENGE_DRAFT
from eig.dates import minute_end
from eig.models import DeliveryStatus, ReminderDelivery
from eig.reminders.registry import Before, all_rules
from eig.reminders.services import reminder_deliver, reminders_retry, reminders_sweep
from eig.templatetags.eig_tags import paris_datetime
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory
from tests.reminders.backends import FailingBackend
from tests.reminders.conftest import DAY, MINUTE

pytestmark = pytest.mark.django_db

MICROSECOND = dt.timedelta(microseconds=1)


def ledger_rows() -> list[tuple]:
    return list(
        ReminderDelivery.objects.order_by("deadline", "rule", "recipient__email").values_list(
            "rule", "recipient__email", "deadline", "status", "attempts"
        )
    )


def delivery_for(cohort, user, challenge, *, rule="challenge_draft:7d", **fields) -> ReminderDelivery:
    fields.setdefault("deadline", cohort.projects_call_closes_at)
    return ReminderDelivery.objects.create(
        rule=rule,
        recipient=user,
        scope_id=cohort.pk,
        object_type="challenges.challenge",
        object_id=challenge.pk,
        **fields,
    )


def test_ledger_unique_constraint_refuses_a_second_row_for_the_same_reminder(cohort):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    delivery_for(cohort, owner, challenge)
    duplicate = ReminderDelivery(
        rule="challenge_draft:7d",
        recipient=owner,
        scope_id=cohort.pk,
        object_type="challenges.challenge",
        object_id=challenge.pk,
        deadline=cohort.projects_call_closes_at,
    )

    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    with pytest.raises(IntegrityError, match="reminder_delivery_unique"):
        duplicate.save()

    assert error.value.messages == ["Ce rappel existe déjà pour ce destinataire, cet objet et cette échéance."]


def test_ledger_allows_the_same_reminder_for_another_deadline(cohort):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    delivery_for(cohort, owner, challenge)

    moved = delivery_for(cohort, owner, challenge, deadline=cohort.projects_call_closes_at + 7 * DAY)

    assert moved.pk is not None
    assert ReminderDelivery.objects.count() == 2


@pytest.mark.parametrize("owners", [1, 20])
def test_sweep_query_count_does_not_grow_with_recipients(
    cohort, owners, django_assert_num_queries, django_capture_on_commit_callbacks
):
    ChallengeFactory(cohort=cohort, owners=UserFactory.create_batch(owners, agent=True))
    ChallengeFactory(cohort=cohort, submitted=True)

    # 1 per schedule the rules read (the calendar rules' cohorts, the audition rules' auditions…), then
    # 1 recipients, 1 insert, 1 open rows of the rule, 1 cancel (past or moved deadlines), 1 deliverable
    # rows; the deliveries are queued after the commit (not run here).
    schedules = {rule.schedule for rule in all_rules()}
    with (
        time_machine.travel(cohort.projects_call_closes_at - 7 * DAY, tick=False),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_num_queries(len(schedules) + 5),
    ):
        result = reminders_sweep()

    assert (result.enqueued, result.cancelled, len(callbacks)) == (owners, 0, 1)
    assert ReminderDelivery.objects.filter(status=DeliveryStatus.PENDING).count() == owners


def test_sweep_failed_send_recorded_then_delivered_by_a_later_sweep(cohort, sweep_at, settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    FailingBackend.failures = 1
    owner = UserFactory(agent=True, email="alice@agent.gouv.fr")
    ChallengeFactory(cohort=cohort, name="Signaux Faibles", owners=[owner])
    at_7d = cohort.projects_call_closes_at - 7 * DAY

    first = sweep_at(at_7d)
    failed = ReminderDelivery.objects.get()
    too_early = sweep_at(at_7d + MINUTE)
    retried = sweep_at(at_7d + 2 * MINUTE)
    delivered = ReminderDelivery.objects.get()

    assert first == []
    assert (failed.status, failed.attempts, failed.last_error, failed.next_attempt_at, failed.sent_at) == (
        DeliveryStatus.FAILED,
        1,
        "SMTPServerDisconnected: Connexion au serveur SMTP perdue",
        at_7d + 2 * MINUTE,
        None,
    )
    assert too_early == []
    assert retried == [
        (["alice@agent.gouv.fr"], "[EIG] Rappel : votre défi « Signaux Faibles » n'est pas encore déposé")
    ]
    assert (delivered.status, delivered.attempts, delivered.sent_at) == (DeliveryStatus.SENT, 2, at_7d + 2 * MINUTE)


def test_sweep_backs_off_exponentially_then_stops_after_max_attempts(cohort, sweep_at, settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    settings.REMINDER_MAX_ATTEMPTS = 3
    FailingBackend.failures = 10
    ChallengeFactory(cohort=cohort, owners=[UserFactory(agent=True)])
    start = cohort.projects_call_closes_at - 7 * DAY

    retries = []
    for moment in (start, start + 2 * MINUTE, start + 6 * MINUTE, start + 3 * DAY):
        sweep_at(moment)
        delivery = ReminderDelivery.objects.get()
        retries.append((delivery.status, delivery.attempts, delivery.next_attempt_at))

    assert retries == [
        (DeliveryStatus.FAILED, 1, start + 2 * MINUTE),
        (DeliveryStatus.FAILED, 2, start + 6 * MINUTE),
        (DeliveryStatus.FAILED, 3, None),
        (DeliveryStatus.FAILED, 3, None),
    ]


def test_sweep_hands_a_stale_sending_row_to_another_worker(cohort, sweep_at, settings):
    settings.REMINDER_STALE_AFTER_SECONDS = 600
    owner = UserFactory(agent=True, email="alice@agent.gouv.fr")
    challenge = ChallengeFactory(cohort=cohort, name="Signaux Faibles", owners=[owner])
    claimed_at = cohort.projects_call_closes_at - 7 * DAY
    delivery_for(cohort, owner, challenge, status=DeliveryStatus.SENDING, claimed_at=claimed_at, attempts=1)

    while_working = sweep_at(claimed_at + 9 * MINUTE)
    after_death = sweep_at(claimed_at + 11 * MINUTE)

    assert while_working == []
    assert after_death == [
        (["alice@agent.gouv.fr"], "[EIG] Rappel : votre défi « Signaux Faibles » n'est pas encore déposé")
    ]
    assert ReminderDelivery.objects.values_list("status", "attempts").get() == (DeliveryStatus.SENT, 2)


def test_deliver_claims_a_row_once(cohort, mailoutbox):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    delivery = delivery_for(cohort, owner, challenge)

    with time_machine.travel(cohort.projects_call_closes_at - 7 * DAY, tick=False):
        outcomes = [reminder_deliver(delivery_id=delivery.pk), reminder_deliver(delivery_id=delivery.pk)]

    assert outcomes == ["sent", "skipped"]
    assert len(mailoutbox) == 1


def test_deliver_cancels_when_the_recipient_has_acted_since_the_sweep(cohort, mailoutbox):
    owner = UserFactory(agent=True)
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    delivery = delivery_for(cohort, owner, challenge)
    Challenge.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.SUBMITTED)

    with time_machine.travel(cohort.projects_call_closes_at - 7 * DAY, tick=False):
        outcome = reminder_deliver(delivery_id=delivery.pk)

    assert outcome == "cancelled"
    assert mailoutbox == []
    assert ReminderDelivery.objects.values_list("status", "attempts").get() == (DeliveryStatus.CANCELLED, 1)


def test_deliver_refuses_after_the_deadline(cohort, mailoutbox):
    owner = UserFactory(agent=True)
    delivery = delivery_for(cohort, owner, ChallengeFactory(cohort=cohort, owners=[owner]))

    # A deadline shown as 23:59 has passed at 00:00 (the minute rule of eig.dates).
    with time_machine.travel(minute_end(cohort.projects_call_closes_at), tick=False):
        outcome = reminder_deliver(delivery_id=delivery.pk)

    assert outcome == "skipped"
    assert mailoutbox == []


def test_deliver_sends_during_the_last_minute_of_the_deadline(cohort, mailoutbox):
    owner = UserFactory(agent=True)
    delivery = delivery_for(cohort, owner, ChallengeFactory(cohort=cohort, owners=[owner]))

    with time_machine.travel(minute_end(cohort.projects_call_closes_at) - MICROSECOND, tick=False):
        outcome = reminder_deliver(delivery_id=delivery.pk)

    assert outcome == "sent"
    assert [message.to for message in mailoutbox] == [[owner.email]]


def test_sweep_cancels_open_rows_of_recipients_who_acted_and_of_past_deadlines(cohort, sweep_at):
    alice, bruno = UserFactory(agent=True, email="alice@agent.gouv.fr"), UserFactory(agent=True, email="bruno@a.fr")
    acted = ChallengeFactory(cohort=cohort, owners=[alice])
    at_7d = cohort.projects_call_closes_at - 7 * DAY
    delivery_for(cohort, alice, acted, status=DeliveryStatus.FAILED, next_attempt_at=at_7d + DAY, attempts=1)
    Challenge.objects.filter(pk=acted.pk).update(status=ChallengeStatus.SUBMITTED)
    past = delivery_for(
        cohort, bruno, ChallengeFactory(cohort=cohort, name="Hopkins", owners=[bruno]), rule="challenge_draft:1d"
    )
    ReminderDelivery.objects.filter(pk=past.pk).update(deadline=at_7d - DAY)

    sent = sweep_at(at_7d)

    assert sent == [(["bruno@a.fr"], "[EIG] Rappel : votre défi « Hopkins » n'est pas encore déposé")]
    assert sorted(ReminderDelivery.objects.values_list("rule", "recipient__email", "status")) == [
        ("challenge_draft:1d", "bruno@a.fr", DeliveryStatus.CANCELLED),
        ("challenge_draft:7d", "alice@agent.gouv.fr", DeliveryStatus.CANCELLED),
        ("challenge_draft:7d", "bruno@a.fr", DeliveryStatus.SENT),
    ]


def test_extending_the_call_sends_the_7_day_reminder_again_for_the_new_deadline_once(cohort, sweep_at):
    ChallengeFactory(cohort=cohort, name="Hopkins", owners=[UserFactory(agent=True, email="dora@agent.gouv.fr")])
    old_deadline = cohort.projects_call_closes_at
    new_deadline = old_deadline + 7 * DAY
    subject = "[EIG] Rappel : votre défi « Hopkins » n'est pas encore déposé"

    first = sweep_at(old_deadline - 7 * DAY)
    cohort.projects_call_closes_at = new_deadline  # staff extend the call by a week
    cohort.save()
    right_after = sweep_at(old_deadline - 7 * DAY + 15 * MINUTE)
    at_new_7d = sweep_at(new_deadline - 7 * DAY)
    again = sweep_at(new_deadline - 7 * DAY + 15 * MINUTE)
    at_new_1d = sweep_at(new_deadline - DAY)

    assert first == [(["dora@agent.gouv.fr"], subject)]
    assert right_after == []
    assert at_new_7d == [(["dora@agent.gouv.fr"], subject)]
    assert again == []
    assert at_new_1d == [(["dora@agent.gouv.fr"], subject)]
    assert ledger_rows() == [
        ("challenge_draft:7d", "dora@agent.gouv.fr", old_deadline, DeliveryStatus.SENT, 1),
        ("challenge_draft:1d", "dora@agent.gouv.fr", new_deadline, DeliveryStatus.SENT, 1),
        ("challenge_draft:7d", "dora@agent.gouv.fr", new_deadline, DeliveryStatus.SENT, 1),
    ]


def test_moving_a_deadline_cancels_the_open_reminders_of_the_old_one(cohort, sweep_at):
    owner = UserFactory(agent=True, email="dora@agent.gouv.fr")
    challenge = ChallengeFactory(cohort=cohort, owners=[owner])
    at_7d = cohort.projects_call_closes_at - 7 * DAY
    delivery_for(cohort, owner, challenge, status=DeliveryStatus.FAILED, attempts=1, next_attempt_at=at_7d + DAY)
    cohort.projects_call_closes_at += 14 * DAY
    cohort.save()

    sent = sweep_at(at_7d + MINUTE)

    assert sent == []
    assert ReminderDelivery.objects.values_list("status", flat=True).get() == DeliveryStatus.CANCELLED


def test_reminder_email_in_french_with_text_html_deadline_link_and_reason(cohort, sweep_at, mailoutbox, settings):
    settings.SITE_URL = "https://eig.example.gouv.fr"
    owner = UserFactory(agent=True, first_name="Alice", email="alice@agent.gouv.fr")
    ChallengeFactory(cohort=cohort, name="Signaux Faibles", owners=[owner])

    sweep_at(cohort.projects_call_closes_at - 7 * DAY)

    (message,) = mailoutbox
    (html, mimetype), *_ = message.alternatives
    assert message.subject == "[EIG] Rappel : votre défi « Signaux Faibles » n'est pas encore déposé"
    assert message.body == (
        "Bonjour Alice,\n\n"
        "Votre défi « Signaux Faibles » pour la promotion EIG 30 est encore en brouillon : le jury ne le verra "
        "que lorsque vous l'aurez déposé.\n\n"
        "L'appel à projets ferme le 1 mars 2030 à 23:59 (heure de Paris). Après cette date, le défi ne pourra "
        "plus être déposé.\n\n"
        "Complétez et déposez votre défi depuis votre tableau de bord :\n"
        "https://eig.example.gouv.fr/administrations/\n\n"
        "Vous recevez ce message parce que vous portez sur la plateforme EIG un défi encore en brouillon, et que "
        "l'appel à projets va fermer.\n\n"
        "L'équipe du programme Entrepreneurs d'intérêt général\n"
    )
    assert mimetype == "text/html"
    assert re.findall(r'<html lang="(\w+)">', html) == ["fr"]
    assert re.findall(r'<a href="([^"]+)">', html) == ["https://eig.example.gouv.fr/administrations/"]
    assert html.count("1 mars 2030 à 23:59 (heure de Paris)") == 1
    assert html.count("Vous recevez ce message parce que vous portez sur la plateforme EIG un défi") == 1


def test_reminder_email_in_the_recipients_language(cohort, sweep_at, mailoutbox):
    owner = UserFactory(agent=True, language="en", email="alice@agent.gouv.fr")
    ChallengeFactory(cohort=cohort, name="Signaux Faibles", owners=[owner])
    deadline = cohort.projects_call_closes_at
    with translation.override("en"):
        english_deadline = paris_datetime(deadline)

    sweep_at(deadline - 7 * DAY)

    (message,) = mailoutbox
    (html, _mimetype), *_ = message.alternatives
    assert english_deadline == "1 March 2030 at 23:59 (Paris time)"
    assert (message.body.count(english_deadline), html.count(english_deadline)) == (1, 1)
    assert re.findall(r'<html lang="(\w+)">', html) == ["en"]


def test_sweep_without_due_reminders_enqueues_nothing(cohort, mailoutbox):
    ChallengeFactory(cohort=cohort, owners=[UserFactory(agent=True)])

    with time_machine.travel(cohort.projects_call_opens_at + dt.timedelta(days=1), tick=False):
        result = reminders_sweep()

    assert (result.enqueued, result.cancelled) == (0, 0)
    assert ReminderDelivery.objects.count() == 0
    assert mailoutbox == []


def test_deliver_makes_four_queries(cohort, mailoutbox, django_assert_num_queries):
    owner = UserFactory(agent=True)
    delivery = delivery_for(cohort, owner, ChallengeFactory(cohort=cohort, owners=[owner]))

    # The claim, the row with its recipient and cohort, the re-check (with the object), the outcome.
    with (
        time_machine.travel(cohort.projects_call_closes_at - 7 * DAY, tick=False),
        django_assert_num_queries(4),
    ):
        outcome = reminder_deliver(delivery_id=delivery.pk)

    assert outcome == "sent"
    assert len(mailoutbox) == 1


def test_due_point_during_the_last_minute_of_the_deadline_and_not_after(cohort):
    deadline = cohort.projects_call_closes_at  # 1 March 2030 at 23:59, Paris time

    assert CHALLENGE_DRAFT.due_point(cohort, minute_end(deadline) - MICROSECOND) == Before(days=1)
    assert CHALLENGE_DRAFT.due_point(cohort, minute_end(deadline)) is None


@pytest.mark.parametrize(
    ("offset", "status"),
    [(dt.timedelta(seconds=59, microseconds=999999), DeliveryStatus.SENT), (MINUTE, DeliveryStatus.CANCELLED)],
    ids=["last minute + 59.999999 s", "last minute + 60 s"],
)
def test_sweep_at_the_deadline_minute_sends_and_after_it_cancels(cohort, sweep_at, offset, status):
    owner = UserFactory(agent=True, email="alice@agent.gouv.fr")
    delivery = delivery_for(cohort, owner, ChallengeFactory(cohort=cohort, owners=[owner]), rule="challenge_draft:1d")

    sweep_at(cohort.projects_call_closes_at + offset)

    delivery.refresh_from_db()
    assert delivery.status == status


@pytest.mark.parametrize(
    ("offset", "retried"),
    [(dt.timedelta(seconds=59, microseconds=999999), 1), (MINUTE, 0)],
    ids=["last minute + 59.999999 s", "last minute + 60 s"],
)
def test_retry_until_the_end_of_the_deadline_minute(cohort, offset, retried, django_capture_on_commit_callbacks):
    owner = UserFactory(agent=True)
    delivery_for(cohort, owner, ChallengeFactory(cohort=cohort, owners=[owner]), status=DeliveryStatus.FAILED)

    with (
        time_machine.travel(cohort.projects_call_closes_at + offset, tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        count = reminders_retry(deliveries=ReminderDelivery.objects.all())

    assert count == retried
