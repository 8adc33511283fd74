"""Time travel through the auditions' reminders: jurors who have not scored (the day after the audition,
then 2 days before the deliberation closes), candidates who have not answered their convocation (24
hours before the answer deadline), jurors who have not declared (2 days before the audition); exactly
those who still have to act, once, and not when they acted before the e-mail left (the re-check)."""

import datetime as dt
import re

import pytest
import time_machine
from django.db.models import F

from auditions.models import Audition, Deliberation, DeliberationStatus, Link
from auditions.reminders import AUDITION_UNSCORED, CONVOCATION_UNANSWERED, DECLARATION_MISSING
from auditions.services import audition_book, audition_cancel, audition_transition
from cohorts.calendar import typical_calendar
from eig.models import DeliveryStatus, ReminderDelivery
from eig.reminders.registry import all_rules
from eig.reminders.services import reminder_deliver, reminders_sweep
from tests.auditions.factories import (
    AuditionFactory,
    DeclarationFactory,
    JuryFactory,
    JuryMemberFactory,
    audition_scorecard,
    auditions_day,
)
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.reminders.conftest import DAY, MINUTE, PROJECTS_CALL_OPENS_AT

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def jury():
    """A jury of a cohort on fixed dates (auditions from 22 May 2030, results on 11 June 2030 at 23:59,
    Paris time) with three jurors: Alice, Bruno, Chloé."""
    cohort = CohortFactory(number=31, name="EIG 31", **typical_calendar(PROJECTS_CALL_OPENS_AT))
    jury = JuryFactory(cohort=cohort, name="Jury Océan")
    for name, first_name in (("alice", "Alice"), ("bruno", "Bruno"), ("chloe", "Chloé")):
        JuryMemberFactory(
            jury=jury, user=UserFactory(juror=True, first_name=first_name, email=f"{name}@jury.example.org")
        )
    return jury


def juror(jury, name: str):
    return jury.members.get(email=f"{name}@jury.example.org").user


def booked(jury, *, day: int = 0, hour: int = 9, name: str = "Nina Martin", email: str = "nina@example.org"):
    """An audition of the jury booked `day` days into the auditions at `hour`, not convened yet."""
    first, last = name.split()
    audition = AuditionFactory(
        jury=jury,
        application__candidate=UserFactory(candidate=True, first_name=first, last_name=last, email=email),
    )
    return audition_book(audition=audition, starts_at=auditions_day(jury.cohort, day=day, hour=hour))


def convened(jury, **slot):
    """An audition booked as `booked` does, its convocation sent with an answer deadline 48 hours before."""
    audition = booked(jury, **slot)
    audition_transition(audition, "convene")
    Audition.objects.filter(pk=audition.pk).update(answer_by=F("starts_at") - 48 * HOUR)
    audition.refresh_from_db()
    return audition


def schedules() -> int:
    """How many schedules the registered rules read: the sweep loads each once."""
    return len({rule.schedule for rule in all_rules()})


def ledger() -> list[tuple[str, str, str]]:
    return sorted(ReminderDelivery.objects.values_list("rule", "recipient__email", "status"))


# --- Jurors who have not scored ----------------------------------------------------------------------


def test_unscored_reminded_the_day_after_the_audition_then_2_days_before_the_deliberation_closes(jury, sweep_at):
    dora = JuryMemberFactory(jury=jury, user=UserFactory(juror=True, email="dora@jury.example.org")).user
    audition = convened(jury)
    audition_scorecard(audition=audition, juror=juror(jury, "alice"))
    DeclarationFactory(audition=audition, juror=juror(jury, "bruno"), link=Link.WORKED_TOGETHER, note="Collègues.")
    results_at = jury.cohort.results_at
    subject = "[EIG] Action requise : évaluez l'audition de Nina Martin"

    before = sweep_at(audition.ends_at + DAY - MINUTE)
    day_after = sweep_at(audition.ends_at + DAY)
    same_day = sweep_at(audition.ends_at + DAY + 6 * HOUR)
    audition_scorecard(audition=audition, juror=dora)
    before_2d = sweep_at(results_at - 2 * DAY - MINUTE)
    at_2d = sweep_at(results_at - 2 * DAY)
    after_close = sweep_at(results_at + MINUTE)

    assert before == []
    assert day_after == [(["chloe@jury.example.org"], subject), (["dora@jury.example.org"], subject)]
    assert same_day == []
    assert before_2d == []
    assert at_2d == [(["chloe@jury.example.org"], subject)]
    assert after_close == []
    assert [row for row in ledger() if row[0].startswith("audition_unscored")] == [
        ("audition_unscored:2d", "chloe@jury.example.org", DeliveryStatus.SENT),
        ("audition_unscored:after1d", "chloe@jury.example.org", DeliveryStatus.SENT),
        ("audition_unscored:after1d", "dora@jury.example.org", DeliveryStatus.SENT),
    ]
    assert ReminderDelivery.objects.filter(rule__startswith="audition_unscored", object_id=audition.pk).count() == 3


def test_unscored_not_reminded_for_auditions_never_held_or_whose_deliberation_is_closed(jury, sweep_at):
    closed = convened(jury, hour=9)
    Deliberation.objects.create(
        challenge=closed.challenge, profile=closed.application.profile, status=DeliberationStatus.CLOSED
    )
    other_jury = JuryFactory(cohort=jury.cohort, members=1)
    cancelled = convened(other_jury, hour=9, name="Omar Petit", email="omar@example.org")
    audition_cancel(audition=cancelled, by=None)
    booked(other_jury, hour=11, name="Paul Roux", email="paul@example.org")  # never convened

    assert sweep_at(closed.ends_at + DAY + 3 * HOUR) == []
    assert ReminderDelivery.objects.filter(rule__startswith="audition_unscored").count() == 0


def test_unscored_reminder_cancelled_when_the_juror_scores_before_it_leaves(jury, sweep_at, mailoutbox):
    audition = convened(jury)
    for name in ("alice", "bruno"):
        audition_scorecard(audition=audition, juror=juror(jury, name))
    moment = audition.ends_at + DAY
    with time_machine.travel(moment, tick=False):
        reminders_sweep()  # recorded; the delivery is queued after the commit, which a test never reaches
    audition_scorecard(audition=audition, juror=juror(jury, "chloe"))
    (delivery,) = ReminderDelivery.objects.filter(rule__startswith="audition_unscored")

    with time_machine.travel(moment + MINUTE, tick=False):
        outcome = reminder_deliver(delivery_id=delivery.pk)

    assert outcome == "cancelled"
    assert ledger() == [("audition_unscored:after1d", "chloe@jury.example.org", DeliveryStatus.CANCELLED)]
    assert mailoutbox == []


def test_unscored_email_names_the_candidate_the_challenge_the_deliberations_end_and_links_to_the_audition(
    jury, sweep_at, mailoutbox, settings
):
    settings.SITE_URL = "https://eig.example.gouv.fr"
    audition = convened(jury)
    for name in ("alice", "bruno"):
        audition_scorecard(audition=audition, juror=juror(jury, name))

    sweep_at(audition.ends_at + DAY)

    (message,) = mailoutbox
    (html, _mimetype), *_ = message.alternatives
    link = f"https://eig.example.gouv.fr/auditions/jury/{audition.pk}/"
    assert message.to == ["chloe@jury.example.org"]
    assert message.body == (
        "Bonjour Chloé,\n\n"
        f"Vous avez auditionné Nina Martin pour le défi « {audition.challenge.name} » le 22 mai 2030 à 09:00 "
        "(heure de Paris), et vous n'avez pas encore rempli votre grille d'évaluation.\n\n"
        "Le jury doit avoir toutes les évaluations pour délibérer : la délibération se termine le 11 juin 2030 "
        "à 23:59 (heure de Paris).\n\n"
        f"Évaluez l'audition :\n{link}\n\n"
        "Vous recevez ce message parce que vous siégez dans le jury de cette audition et que vous ne l'avez pas "
        "encore évaluée.\n\n"
        "L'équipe du programme Entrepreneurs d'intérêt général\n"
    )
    assert re.findall(r'<a href="([^"]+)">', html) == [link]


# --- Candidates who have not answered their convocation ---------------------------------------------------


@pytest.fixture
def panel(jury):
    """A jury without members: its auditions remind their candidates only."""
    return JuryFactory(cohort=jury.cohort, name="Jury Forêt")


def test_unanswered_convocation_reminded_24_hours_before_the_answer_deadline(panel, sweep_at, mailoutbox, settings):
    settings.SITE_URL = "https://eig.example.gouv.fr"
    nina = convened(panel, day=2)
    omar = convened(panel, day=2, hour=10, name="Omar Petit", email="omar@example.org")
    audition_transition(omar, "confirm")
    paul = convened(panel, day=3, name="Paul Roux", email="paul@example.org")  # answers a day later

    before = sweep_at(nina.answer_by - 24 * HOUR - MINUTE)
    at_24h = sweep_at(nina.answer_by - 24 * HOUR)
    later = sweep_at(nina.answer_by - HOUR)
    pauls_turn = sweep_at(paul.answer_by - 24 * HOUR)
    after = sweep_at(paul.answer_by + MINUTE)

    assert before == []
    assert at_24h == [
        (
            ["nina@example.org"],
            "[EIG] Action requise : confirmez votre audition du 24 mai 2030 à 09:00 (heure de Paris)",
        )
    ]
    assert later == []
    assert pauls_turn == [
        (
            ["paul@example.org"],
            "[EIG] Action requise : confirmez votre audition du 25 mai 2030 à 09:00 (heure de Paris)",
        )
    ]
    assert after == []
    assert ledger() == [
        ("convocation_unanswered:24h", "nina@example.org", DeliveryStatus.SENT),
        ("convocation_unanswered:24h", "paul@example.org", DeliveryStatus.SENT),
    ]
    assert mailoutbox[0].body == (
        "Bonjour Nina,\n\n"
        f"Vous êtes convoqué·e à une audition pour le défi « {nina.challenge.name} » de la promotion EIG 31, "
        "le 24 mai 2030 à 09:00 (heure de Paris), en visioconférence.\n\n"
        "Confirmez cet horaire, ou demandez-en un autre en indiquant pourquoi, avant le 22 mai 2030 à 09:00 "
        "(heure de Paris).\n\n"
        "Répondez à votre convocation :\nhttps://eig.example.gouv.fr/auditions/mes-auditions/\n\n"
        "Vous recevez ce message parce que vous êtes convoqué·e à une audition du programme EIG et que vous "
        "n'avez pas encore confirmé l'horaire ni demandé à le changer.\n\n"
        "L'équipe du programme Entrepreneurs d'intérêt général\n"
    )


def test_unanswered_convocation_moved_gets_one_reminder_for_its_new_deadline(panel, sweep_at):
    nina = convened(panel, day=2)
    first_deadline = nina.answer_by
    sweep_at(first_deadline - 24 * HOUR)
    audition_book(audition=nina, starts_at=auditions_day(panel.cohort, day=3))
    Audition.objects.filter(pk=nina.pk).update(answer_by=F("starts_at") - 48 * HOUR)

    again = sweep_at(first_deadline + DAY - 24 * HOUR)
    once_more = sweep_at(first_deadline + DAY - 23 * HOUR)

    assert again == [
        (
            ["nina@example.org"],
            "[EIG] Action requise : confirmez votre audition du 25 mai 2030 à 09:00 (heure de Paris)",
        )
    ]
    assert once_more == []
    assert sorted(ReminderDelivery.objects.values_list("deadline", "status")) == [
        (first_deadline, DeliveryStatus.SENT),
        (first_deadline + DAY, DeliveryStatus.SENT),
    ]


def test_unanswered_convocation_not_sent_once_the_candidate_answered(panel, mailoutbox):
    nina = convened(panel, day=2)
    with time_machine.travel(nina.answer_by - 24 * HOUR, tick=False):
        reminders_sweep()
    audition_transition(nina, "request_change")
    (delivery,) = ReminderDelivery.objects.all()

    with time_machine.travel(nina.answer_by - 23 * HOUR, tick=False):
        assert reminder_deliver(delivery_id=delivery.pk) == "cancelled"

    assert mailoutbox == []


# --- Jurors who have not declared ---------------------------------------------------------------------------


def test_declaration_missing_reminded_2_days_before_the_audition_to_the_jurors_who_have_not_declared(
    jury, sweep_at, mailoutbox, settings
):
    settings.SITE_URL = "https://eig.example.gouv.fr"
    audition = booked(jury, day=3)
    DeclarationFactory(audition=audition, juror=juror(jury, "alice"))
    DeclarationFactory(audition=audition, juror=juror(jury, "bruno"), link=Link.PERSONAL, note="Ma cousine.")
    JuryFactory(cohort=jury.cohort, members=1)  # another jury, no audition then
    subject = "[EIG] Action requise : déclarez vos liens avant l'audition de Nina Martin"

    before = sweep_at(audition.starts_at - 2 * DAY - MINUTE)
    at_2d = sweep_at(audition.starts_at - 2 * DAY)
    later = sweep_at(audition.starts_at - 2 * DAY + 6 * HOUR)

    assert before == []
    assert at_2d == [(["chloe@jury.example.org"], subject)]
    assert later == []
    assert ledger() == [("declaration_missing:2d", "chloe@jury.example.org", DeliveryStatus.SENT)]
    (message,) = mailoutbox
    (html, _mimetype), *_ = message.alternatives
    link = f"https://eig.example.gouv.fr/auditions/jury/{audition.pk}/"
    assert message.body == (
        "Bonjour Chloé,\n\n"
        f"Votre jury auditionne Nina Martin pour le défi « {audition.challenge.name} » le 25 mai 2030 à 09:00 "
        "(heure de Paris). Avant d'ouvrir son dossier, déclarez si vous avez un lien avec cette personne : un "
        "lien vous retire de l'audition (déport).\n\n"
        f"Faites votre déclaration :\n{link}\n\n"
        "Vous recevez ce message parce que vous siégez dans le jury de cette audition et que vous n'avez pas "
        "encore déclaré vos éventuels liens avec la personne auditionnée.\n\n"
        "L'équipe du programme Entrepreneurs d'intérêt général\n"
    )
    assert re.findall(r'<a href="([^"]+)">', html) == [link]


def test_declaration_reminder_cancelled_by_the_sweep_once_the_juror_declared(jury, sweep_at):
    audition = booked(jury, day=3)
    for name in ("alice", "bruno"):
        DeclarationFactory(audition=audition, juror=juror(jury, name))
    moment = audition.starts_at - 2 * DAY
    with time_machine.travel(moment, tick=False):
        reminders_sweep()
    DeclarationFactory(audition=audition, juror=juror(jury, "chloe"))

    assert sweep_at(moment + 15 * MINUTE) == []
    assert ledger() == [("declaration_missing:2d", "chloe@jury.example.org", DeliveryStatus.CANCELLED)]


def test_reminders_of_a_cancelled_audition_cancelled_by_the_next_sweep(jury, sweep_at):
    audition = booked(jury, day=3)
    moment = audition.starts_at - 2 * DAY
    with time_machine.travel(moment, tick=False):
        reminders_sweep()
    audition_cancel(audition=audition, by=None)

    assert sweep_at(moment + 15 * MINUTE) == []
    assert ledger() == [
        ("declaration_missing:2d", f"{name}@jury.example.org", DeliveryStatus.CANCELLED)
        for name in ("alice", "bruno", "chloe")
    ]


# --- The rules' sweep ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("jurors", [1, 3])
def test_the_audition_rules_queries_do_not_grow_with_jurors(
    jurors, django_assert_num_queries, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(number=32, **typical_calendar(PROJECTS_CALL_OPENS_AT))
    audition = booked(JuryFactory(cohort=cohort, members=jurors), day=3)

    # 1 per schedule (the calendar rules' cohorts, the audition rules' auditions…), then for the
    # declaration rule 1 recipients, 1 insert, 1 open rows; 1 cancel (past or moved deadlines), 1
    # deliverable rows.
    with (
        time_machine.travel(audition.starts_at - 2 * DAY, tick=False),
        django_capture_on_commit_callbacks(execute=False),
        django_assert_num_queries(schedules() + 5),
    ):
        result = reminders_sweep()

    assert result.enqueued == jurors


def test_the_audition_rules_are_registered_with_their_send_points():
    assert [
        (rule.key, rule.deadline_field, rule.ledger_keys)
        for rule in (
            AUDITION_UNSCORED,
            CONVOCATION_UNANSWERED,
            DECLARATION_MISSING,
        )
    ] == [
        (
            "audition_unscored",
            "application__cohort__results_at",
            ["audition_unscored:after1d", "audition_unscored:2d"],
        ),
        ("convocation_unanswered", "answer_by", ["convocation_unanswered:24h"]),
        ("declaration_missing", "starts_at", ["declaration_missing:2d"]),
    ]
