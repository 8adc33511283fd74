"""The offers' sweep: it lapses exactly the offers past their deadline (Paris time, minute rule), once
each, and offers each position to the next person; a second sweep does nothing. The same with real Celery
workers on Redis (tests/fellowship/test_offers_worker.py)."""

import datetime as dt

import pytest

from eig.models import OutboxEmail
from fellowship.models import Offer, OfferStatus, OfferTransition
from fellowship.offers import offers_sweep
from tests.fellowship.offers_world import DATA, DEV, offer_of, offers_world

pytestmark = pytest.mark.django_db


def test_the_sweep_lapses_exactly_the_expired_offers_once_and_offers_the_next_person():
    data = offers_world()
    expired, in_time = offer_of(data.people(0, DEV)[0]), offer_of(data.people(0, DATA)[0])
    Offer.objects.filter(pk=in_time.pk).update(answer_by=expired.answer_by + dt.timedelta(days=1))
    # At 00:00 the day after the deadline shown as 23:59: the expired one has passed, the other not.
    now = expired.answer_by.replace(second=0) + dt.timedelta(minutes=1)
    OutboxEmail.objects.all().delete()

    first = offers_sweep(now=now)
    second = offers_sweep(now=now)

    assert (first, second) == (1, 0)
    assert Offer.objects.get(pk=expired.pk).status == OfferStatus.LAPSED
    assert Offer.objects.get(pk=in_time.pk).status == OfferStatus.OPEN
    assert OfferTransition.objects.filter(offer=expired).count() == 1
    following = offer_of(data.people(0, DEV)[1])
    assert (following.previous_id, following.position_id) == (expired.pk, expired.position_id)
    challenge = data.world.challenges[0].name
    assert list(OutboxEmail.objects.order_by("pk").values_list("to", "subject")) == [
        ([data.people(0, DEV)[0].candidate.email], f"[EIG] Votre offre pour le défi {challenge} a expiré"),
        (
            [data.people(0, DEV)[1].candidate.email],
            f"[EIG] Action requise : une offre pour le défi {challenge} vous attend",
        ),
    ]


def test_an_offer_is_not_lapsed_during_the_last_minute_of_its_deadline():
    data = offers_world()
    offer = offer_of(data.people()[0])

    assert offers_sweep(now=offer.answer_by.replace(microsecond=999_999)) == 0
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_successive_lapses_walk_down_the_list_until_it_is_exhausted():
    data = offers_world(waiting=2)
    first, second, third = data.people()
    now = offer_of(first).answer_by + dt.timedelta(days=1)

    for _ in range(3):
        offers_sweep(now=now)
        now += dt.timedelta(days=20)

    position = data.position()
    assert list(Offer.objects.filter(position=position).order_by("pk").values_list("application_id", "status")) == [
        (first.pk, "lapsed"),
        (second.pk, "lapsed"),
        (third.pk, "lapsed"),
    ]
