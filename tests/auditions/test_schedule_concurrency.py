"""Two staff members booking the same time at the same moment, each on their own connection: PostgreSQL's
exclusion constraint lets exactly one win; the other is told why in French, on the page."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from auditions.models import Audition
from auditions.services import audition_book
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db(transaction=True)

REFUSAL = "Ce jury a déjà une audition à cet horaire."


def _post_move(user, audition, when, barrier, results):
    client = Client()
    client.force_login(user)
    prefix = f"audition-{audition.pk}"
    data = {
        f"{prefix}-date": when.strftime("%Y-%m-%d"),
        f"{prefix}-time": when.strftime("%H:%M"),
        f"{prefix}-duration": "30",
    }
    try:
        barrier.wait()
        response = client.post(reverse("auditions:schedule_move", args=[audition.cohort.pk, audition.pk]), data)
        page = Page(response.content.decode())
        alert = page.find_all(id="move-errors")
        results[audition.pk] = (response.status_code, page.texts("p", inside=alert[0])[0] if alert else "")
    finally:
        connection.close()


def test_two_concurrent_bookings_of_the_same_time_one_wins_the_other_is_told_in_french():
    cohort = CohortFactory(phase="after_wishes")
    jury = JuryFactory(cohort=cohort)
    first, second = AuditionFactory(jury=jury), AuditionFactory(jury=jury)
    staff = [UserFactory(staff=True, second_factor=True) for _ in range(2)]
    when = auditions_day(cohort, 0, 10)
    barrier, results = threading.Barrier(2), {}

    threads = [
        threading.Thread(target=_post_move, args=(user, audition, when, barrier, results))
        for user, audition in zip(staff, (first, second), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [(200, REFUSAL), (302, "")]
    assert Audition.objects.filter(jury=jury, starts_at=when).count() == 1


def test_a_booking_made_while_another_is_not_committed_waits_for_it_then_is_refused():
    cohort = CohortFactory(phase="after_wishes")
    jury = JuryFactory(cohort=cohort)
    first, second = AuditionFactory(jury=jury), AuditionFactory(jury=jury)
    user = UserFactory(staff=True, second_factor=True)
    when = auditions_day(cohort, 0, 10)
    barrier, results = threading.Barrier(2), {}
    thread = threading.Thread(target=_post_move, args=(user, second, when, barrier, results))
    thread.start()

    with transaction.atomic():
        audition_book(audition=first, starts_at=when)
        barrier.wait()
        time.sleep(0.5)  # the other request is now waiting on this transaction's row
    thread.join(timeout=30)

    assert results == {second.pk: (200, REFUSAL)}
    assert list(Audition.objects.filter(jury=jury, starts_at=when).values_list("pk", flat=True)) == [first.pk]
