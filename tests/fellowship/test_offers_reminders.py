"""Time travel through the offers' reminders: the person of each open offer, 7, 2 and 1 days before its
deadline (23:59 Paris time), once each; none once they answered."""

import datetime as dt

import pytest

from eig.dates import PARIS
from eig.models import DeliveryStatus, ReminderDelivery
from fellowship.offers import offer_accept
from tests.fellowship.offers_world import DATA, DEV, offer_of, offers_world
from tests.reminders.conftest import sweep_at  # noqa: F401 (the time-travel sweep, shared with tests/reminders)

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)


def ledger() -> list[tuple[str, str, str]]:
    return sorted(
        ReminderDelivery.objects.filter(rule__startswith="offer_").values_list("rule", "recipient__email", "status")
    )


def test_the_person_is_reminded_7_2_and_1_days_before_the_deadline_once_each(sweep_at, mailoutbox, settings):  # noqa: F811
    settings.SITE_URL = "https://eig.example.gouv.fr"
    data = offers_world()
    person, answered = data.people(0, DEV)[0], data.people(0, DATA)[0]
    offer = offer_of(person)
    offer_accept(offer=offer_of(answered), by=answered.candidate)
    deadline = offer.answer_by
    challenge = data.world.challenges[0].name
    sent = {}
    for label, moment in [
        ("before 7 days", deadline - 7 * DAY - MINUTE),
        ("7 days", deadline - 7 * DAY),
        ("7 days again", deadline - 7 * DAY + 3 * MINUTE),
        ("2 days", deadline - 2 * DAY),
        ("1 day", deadline - DAY),
        ("1 day again", deadline - DAY + 3 * MINUTE),
        ("after", deadline + MINUTE),
    ]:
        sent[label] = [(to, subject.split(" avant ")[0]) for to, subject in sweep_at(moment)]

    expected = [([person.candidate.email], f"[EIG] Action requise : répondez à l'offre du défi {challenge}")]
    # The one who accepted is not reminded.
    assert sent == {
        "before 7 days": [],
        "7 days": expected,
        "7 days again": [],
        "2 days": expected,
        "1 day": expected,
        "1 day again": [],
        "after": [],
    }
    assert ledger() == [
        ("offer_unanswered:1d", person.candidate.email, DeliveryStatus.SENT),
        ("offer_unanswered:2d", person.candidate.email, DeliveryStatus.SENT),
        ("offer_unanswered:7d", person.candidate.email, DeliveryStatus.SENT),
    ]


def test_the_reminder_says_which_offer_until_when_and_links_to_the_offers(sweep_at, mailoutbox, settings):  # noqa: F811
    settings.SITE_URL = "https://eig.example.gouv.fr"
    data = offers_world()
    person = data.people(0, DEV)[0]
    person.candidate.first_name = "Nina"
    person.candidate.save()
    offer = offer_of(person)
    offer.answer_by = dt.datetime(2030, 4, 4, 23, 59, 59, tzinfo=PARIS)
    offer.save()
    offer_accept(offer=offer_of(data.people(0, DATA)[0]), by=data.people(0, DATA)[0].candidate)
    challenge = data.world.challenges[0].name

    sweep_at(dt.datetime(2030, 4, 3, 23, 59, 59, tzinfo=PARIS))

    (message,) = mailoutbox
    assert message.subject == (
        f"[EIG] Action requise : répondez à l'offre du défi {challenge} avant le 4 avril 2030 à 23:59 (heure de Paris)"
    )
    assert message.body == (
        "Bonjour Nina,\n\n"
        f"Une offre de poste vous attend dans la promotion {data.cohort.name} : Développeur·se pour le défi "
        f"« {challenge} ».\n\n"
        "Acceptez-la ou refusez-la avant le 4 avril 2030 à 23:59 (heure de Paris). Sans réponse à cette date, le "
        "poste sera proposé à la personne suivante de la liste.\n\n"
        "Répondez à l'offre :\nhttps://eig.example.gouv.fr/promotion/offres/mes-offres/\n\n"
        "Vous recevez ce message parce qu'une offre de poste du programme EIG vous attend et que vous n'y avez pas "
        "encore répondu.\n\n"
        "L'équipe du programme Entrepreneurs d'intérêt général\n"
    )
