"""The offers' services: the database's one-open-offer rules, a validated run's offers (deadline in Paris
time, salary band, e-mail), the person's answer, staff's withdrawal, the cascade down the lists with
its pause, and each waiting candidate's position."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from applications.models import Application
from eig.constraints import refused_by_constraints
from eig.dates import PARIS, paris_date
from eig.models import OutboxEmail
from fellowship.models import Offer, OfferStatus, OfferTransition, WaitingListPause
from fellowship.offers import (
    answer_deadline,
    offer_accept,
    offer_decline,
    offer_next,
    offer_withdraw,
    offers_send,
    waiting_list_pause,
    waiting_list_resume,
)
from fellowship.waiting import Standing, waiting_position
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, OfferFactory, validated_run
from tests.fellowship.offers_world import DATA, DEV, offer_of, offers_table, offers_world

pytestmark = pytest.mark.django_db


def outbox() -> list[tuple[str, str]]:
    return list(OutboxEmail.objects.order_by("pk").values_list("to", "subject"))


# --- The database's rules -------------------------------------------------------------------------


def test_database_refuses_a_second_open_offer_for_a_position():
    offer = OfferFactory()
    other = Application.objects.create(cohort=offer.application.cohort, candidate=UserFactory(candidate=True))

    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(
            run=offer.run,
            position=offer.position,
            application=other,
            monthly_salary=1,
            senior=False,
            answer_by=offer.answer_by,
        )
    with pytest.raises(ValidationError) as refused, refused_by_constraints():
        OfferFactory(position=offer.position, application=other, run=offer.run)

    assert refused.value.messages == ["Ce poste a déjà une offre en attente de réponse."]


def test_database_refuses_a_second_open_offer_for_a_person():
    offer = OfferFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory(application=offer.application, run=offer.run)
    with pytest.raises(ValidationError) as refused, refused_by_constraints():
        OfferFactory(application=offer.application, run=offer.run)

    assert refused.value.messages == ["Cette personne a déjà une offre en attente de réponse."]


def test_a_closed_offer_leaves_room_for_another_on_the_position():
    offer = OfferFactory(status=OfferStatus.DECLINED)
    other = Application.objects.create(cohort=offer.application.cohort, candidate=UserFactory(candidate=True))

    OfferFactory(position=offer.position, application=other, run=offer.run)

    assert Offer.objects.filter(position=offer.position).count() == 2


# --- A validated run's offers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "answer_by_utc"),
    [
        # 15 days after 20 March 2030 is 4 April, after the clocks went forward (31 March): 23:59:59 at +02:00.
        (dt.datetime(2030, 3, 20, 9, 0, tzinfo=dt.UTC), dt.datetime(2030, 4, 4, 21, 59, 59, tzinfo=dt.UTC)),
        # 15 days after 20 October 2030 is 4 November, after the clocks went back (27 October): +01:00.
        (dt.datetime(2030, 10, 20, 9, 0, tzinfo=dt.UTC), dt.datetime(2030, 11, 4, 22, 59, 59, tzinfo=dt.UTC)),
        # 23:30 UTC on 19 October is already 20 October in Paris: the days count from the Paris date.
        (dt.datetime(2030, 10, 19, 23, 30, tzinfo=dt.UTC), dt.datetime(2030, 11, 4, 22, 59, 59, tzinfo=dt.UTC)),
    ],
)
def test_the_deadline_is_the_acceptance_delay_at_23_59_59_paris_time_across_a_change_of_clocks(now, answer_by_utc):
    cohort = offers_world(send=False).cohort

    assert answer_deadline(cohort, now) == answer_by_utc
    assert answer_deadline(cohort, now).astimezone(PARIS).time() == dt.time(23, 59, 59)


def test_offers_send_makes_one_open_offer_per_placement_with_the_salary_band():
    data = offers_world(challenges=2, send=False)
    senior = data.people(1, DATA)[0]
    Application.objects.filter(pk=senior.pk).update(years_of_experience=9)
    now = dt.datetime(2030, 3, 20, 9, 0, tzinfo=dt.UTC)

    offers = offers_send(run=data.run, by=data.staff, now=now)

    assert sorted((o.application_id, o.position_id, o.status, o.monthly_salary, o.senior) for o in offers) == sorted(
        [
            (data.people(0, DEV)[0].pk, data.position(0, DEV).pk, "open", 3500, False),
            (data.people(0, DATA)[0].pk, data.position(0, DATA).pk, "open", 3500, False),
            (data.people(1, DEV)[0].pk, data.position(1, DEV).pk, "open", 3500, False),
            (senior.pk, data.position(1, DATA).pk, "open", 4000, True),
        ]
    )
    assert {offer.answer_by for offer in offers} == {dt.datetime(2030, 4, 4, 21, 59, 59, tzinfo=dt.UTC)}
    assert {offer.run_id for offer in offers} == {data.run.pk}


def test_the_offer_email_says_what_where_with_whom_when_how_much_and_until_when():
    data = offers_world(send=False)
    person = data.people()[0]
    challenge = data.world.challenges[0]
    sponsor = challenge.contacts.get(kind="sponsor")
    lead = challenge.contacts.get(kind="project_lead")
    position = data.position()
    position.mission = "Construire l'outil de signalement."
    position.save()

    with time_machine.travel(dt.datetime(2030, 3, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        offers_send(run=data.run, by=data.staff)

    email = OutboxEmail.objects.get(to=[person.candidate.email])
    cohort = data.cohort
    start = cohort.programme_starts_at.astimezone(PARIS)
    end = cohort.programme_ends_at.astimezone(PARIS)
    assert email.subject == f"[EIG] Action requise : une offre pour le défi {challenge.name} vous attend"
    assert email.body == (
        "Bonjour,\n\n"
        f"Le programme Entrepreneurs d'intérêt général vous propose un poste dans la promotion {cohort.name} :\n\n"
        f"Défi : {challenge.name} ({challenge.administration.name})\n"
        "Poste : Développeur·se\n"
        "Mission : Construire l'outil de signalement.\n"
        "Vos mentor·es :\n"
        f"- {sponsor.name}, Sponsor (mentor·e senior)\n"
        f"- {lead.name}, Porteur·se de projet (mentor·e opérationnel·le)\n"
        f"Dates du programme : du {paris_date(start)} au {paris_date(end)}\n"
        "Rémunération : 3500 € net par mois (profil junior)\n\n"
        "Acceptez ou refusez cette offre avant le 4 avril 2030 à 23:59 (heure de Paris). Sans réponse à cette "
        "date, le poste sera proposé à la personne suivante de la liste.\n\n"
        f"Répondre à l'offre : {settings.SITE_URL}/promotion/offres/mes-offres/\n\n"
        "Vous recevez ce message parce que vous êtes lauréat·e du programme EIG.\n"
    )


def test_offers_send_skips_a_person_who_already_accepted_an_offer_of_the_cohort():
    data = offers_world(send=False)
    person = data.people()[0]
    OfferFactory(application=person, status=OfferStatus.ACCEPTED, run=data.run)

    offers = offers_send(run=data.run, by=data.staff)

    assert [offer.application_id for offer in offers] == [data.people(0, DATA)[0].pk]


def test_a_replacing_run_withdraws_the_offers_it_does_not_keep_and_keeps_the_others_as_they_are():
    data = offers_world()
    kept, dropped = offer_of(data.people(0, DEV)[0]), offer_of(data.people(0, DATA)[0])
    data.run.status = "replaced"
    data.run.save()
    newcomer = data.people(0, DATA)[1]
    second = validated_run(
        data.cohort, [(data.people(0, DEV)[0], data.position(0, DEV)), (newcomer, data.position(0, DATA))]
    )
    OutboxEmail.objects.all().delete()

    offers = offers_send(run=second, by=data.staff)

    assert [(offer.application_id, offer.position_id) for offer in offers] == [
        (newcomer.pk, data.position(0, DATA).pk)
    ]
    assert Offer.objects.get(pk=kept.pk).status == OfferStatus.OPEN
    assert Offer.objects.get(pk=kept.pk).answer_by == kept.answer_by
    assert list(OfferTransition.objects.filter(offer=dropped).values_list("to_status", "note")) == [
        ("withdrawn", "Nouvelle affectation validée")
    ]
    # The withdrawn offer does not pass on (the new run decides); the person is told, the newcomer offered.
    assert Offer.objects.filter(previous=dropped).exists() is False
    assert [to for to, _subject in outbox()] == [[data.people(0, DATA)[0].candidate.email], [newcomer.candidate.email]]


def test_only_a_validated_run_sends_offers():
    data = offers_world(send=False)
    data.run.status = "proposed"
    data.run.save()

    with pytest.raises(ValidationError) as refused:
        offers_send(run=data.run, by=data.staff)

    assert refused.value.messages == ["Seule une affectation validée envoie des offres."]


# --- The person's answer ---------------------------------------------------------------------------------


def test_the_person_accepts_their_offer():
    data = offers_world()
    person = data.people()[0]
    offer = offer_of(person)

    accepted = offer_accept(offer=offer, by=person.candidate)

    assert (accepted.status, accepted.answered_at is not None) == (OfferStatus.ACCEPTED, True)
    assert list(OfferTransition.objects.filter(offer=offer).values_list("from_status", "to_status", "by")) == [
        ("open", "accepted", person.candidate.pk)
    ]
    assert Offer.objects.filter(status=OfferStatus.OPEN).count() == 1  # the other profile's, untouched


def test_someone_else_cannot_answer_the_offer():
    data = offers_world()
    offer = offer_of(data.people()[0])
    other = data.people()[1].candidate

    for answer in (offer_accept, offer_decline):
        with pytest.raises(ValidationError) as refused:
            answer(offer=offer, by=other)
        assert refused.value.messages == ["Cette offre ne vous est pas adressée."]
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_the_answer_is_refused_once_the_deadline_has_passed_in_paris_time():
    data = offers_world()
    person = data.people()[0]
    offer = offer_of(person)
    last_minute = offer.answer_by.replace(second=59, microsecond=999_999)

    with pytest.raises(ValidationError) as refused:
        offer_accept(offer=offer, by=person.candidate, now=last_minute + dt.timedelta(microseconds=1))
    accepted_just_in_time = offer_accept(offer=offer, by=person.candidate, now=last_minute)

    date = offer.answer_by.astimezone(PARIS)
    assert refused.value.messages == [
        f"Le délai de réponse est passé : il fallait répondre avant le {paris_date(date)} à 23:59 (heure de Paris)."
    ]
    assert accepted_just_in_time.status == OfferStatus.ACCEPTED


def test_an_answered_offer_cannot_be_answered_again():
    data = offers_world()
    person = data.people()[0]
    offer = offer_of(person)
    offer_decline(offer=offer, by=person.candidate)

    with pytest.raises(ValidationError) as refused:
        offer_accept(offer=offer, by=person.candidate)

    assert refused.value.messages == ["Cette offre n'attend plus de réponse : elle est « Refusée »."]


# --- The cascade ----------------------------------------------------------------------------------------


def test_a_decline_offers_the_position_to_the_next_person_of_the_list():
    data = offers_world()
    first, second, _third = data.people()
    offer = offer_of(first)
    OutboxEmail.objects.all().delete()

    offer_decline(offer=offer, by=first.candidate, reason="Je reste dans mon poste actuel.")

    new = offer_of(second)
    assert (new.position_id, new.previous_id, new.run_id) == (data.position().pk, offer.pk, data.run.pk)
    assert OfferTransition.objects.get(offer=offer).note == "Je reste dans mon poste actuel."
    assert outbox() == [
        (
            [second.candidate.email],
            f"[EIG] Action requise : une offre pour le défi {data.world.challenges[0].name} vous attend",
        )
    ]


def test_the_cascade_skips_someone_who_holds_an_open_or_accepted_offer_or_is_a_fellow():
    data = offers_world(waiting=4)
    first, holds_open, accepted, fellow, free = data.people()
    OfferFactory(application=holds_open, run=data.run)
    OfferFactory(application=accepted, status=OfferStatus.ACCEPTED, run=data.run)
    # A fellow whose accepted offer was on another cohort's run would still be skipped: the Fellow row decides.
    FellowFactory(offer=OfferFactory(application=fellow, status=OfferStatus.DECLINED, run=data.run))

    offer_decline(offer=offer_of(first), by=first.candidate)

    assert Offer.objects.get(position=data.position(), status=OfferStatus.OPEN).application_id == free.pk


def test_the_cascade_never_offers_the_same_position_twice_to_someone():
    data = offers_world(waiting=1)
    first, second = data.people()
    offer_decline(offer=offer_of(first), by=first.candidate)

    offer_decline(offer=offer_of(second), by=second.candidate)

    # The list is exhausted: the position stays empty (the staff page shows it).
    assert [(a, s) for a, _p, s, _prev in offers_table() if _p == data.position().pk] == [
        (first.pk, "declined"),
        (second.pk, "declined"),
    ]


def test_a_staff_withdrawal_needs_a_reason_and_passes_the_position_on():
    data = offers_world()
    first, second, _ = data.people()
    offer = offer_of(first)

    with pytest.raises(ValidationError) as refused:
        offer_withdraw(offer=offer, by=data.staff, reason="  ")
    offer_withdraw(offer=offer, by=data.staff, reason="Incompatibilité de calendrier.")

    assert refused.value.messages == ["Indiquez le motif du retrait : il est transmis à la personne."]
    assert list(OfferTransition.objects.filter(offer=offer).values_list("to_status", "by", "note")) == [
        ("withdrawn", data.staff.pk, "Incompatibilité de calendrier.")
    ]
    assert offer_of(second).previous_id == offer.pk
    withdrawal = OutboxEmail.objects.get(to=[first.candidate.email], subject__contains="retirée")
    assert "pour ce motif : « Incompatibilité de calendrier. »." in withdrawal.body


def test_a_paused_list_passes_nothing_on_until_staff_resume_it():
    data = offers_world()
    first, second, _ = data.people()
    challenge = data.world.challenges[0]
    waiting_list_pause(challenge=challenge, profile=DEV, by=data.staff, reason="Le défi revoit son équipe.")

    offer_decline(offer=offer_of(first), by=first.candidate)
    while_paused = Offer.objects.filter(position=data.position(), status=OfferStatus.OPEN).count()
    made = waiting_list_resume(challenge=challenge, profile=DEV, by=data.staff)

    assert while_paused == 0
    assert [(offer.application_id, offer.position_id) for offer in made] == [(second.pk, data.position().pk)]
    assert WaitingListPause.objects.exists() is False
    # The other profile's list was never paused: its offer is untouched.
    assert offer_of(data.people(0, DATA)[0]).previous_id is None


def test_pause_and_resume_say_in_french_what_is_wrong():
    data = offers_world()
    challenge = data.world.challenges[0]

    with pytest.raises(ValidationError) as no_reason:
        waiting_list_pause(challenge=challenge, profile=DEV, by=data.staff, reason="")
    with pytest.raises(ValidationError) as not_paused:
        waiting_list_resume(challenge=challenge, profile=DEV, by=data.staff)
    waiting_list_pause(challenge=challenge, profile=DEV, by=data.staff, reason="Un motif")
    with pytest.raises(ValidationError) as twice:
        waiting_list_pause(challenge=challenge, profile=DEV, by=data.staff, reason="Un motif")

    assert (no_reason.value.messages, not_paused.value.messages, twice.value.messages) == (
        ["Indiquez pourquoi vous mettez cette liste en pause."],
        ["Cette liste complémentaire n'est pas en pause."],
        ["Cette liste complémentaire est déjà en pause."],
    )


def test_offer_next_does_nothing_while_the_position_is_held():
    data = offers_world()
    offer = offer_of(data.people()[0])

    assert offer_next(offer) is None
    assert len(offers_table()) == 2


# --- Waiting positions ---------------------------------------------------------------------------------


def test_the_waiting_position_moves_when_someone_above_gets_an_offer(django_assert_num_queries):
    data = offers_world(waiting=3)
    first, second, third, fourth = data.people()

    before = waiting_position(fourth)
    offer_decline(offer=offer_of(first), by=first.candidate)
    with django_assert_num_queries(3):
        after = waiting_position(fourth)
    offered = waiting_position(second)

    assert [(item.challenge, item.profile, item.rank, item.standing, item.position) for item in before] == [
        (data.world.challenges[0], DEV, 3, Standing.WAITING, 3)
    ]
    assert [(item.rank, item.standing, item.position) for item in after] == [(3, Standing.WAITING, 2)]
    assert [(item.rank, item.standing, item.position) for item in offered] == [(1, Standing.OFFERED, None)]
    assert waiting_position(third)[0].position == 1


def test_someone_placed_elsewhere_no_longer_waits_nor_counts_above():
    data = offers_world(waiting=2)
    _first, second, third = data.people()
    OfferFactory(application=second, status=OfferStatus.ACCEPTED, run=data.run)

    assert [(item.standing, item.position) for item in waiting_position(second)] == [(Standing.PLACED, None)]
    assert [(item.standing, item.position) for item in waiting_position(third)] == [(Standing.WAITING, 1)]
