"""The offers' pages: « Mes offres » (the offer's details, the deadline with the time left, the answer after a
confirmation page, the history, the waiting lists' positions), and staff's page of the cohort's offers
(withdraw with a reason, pause and resume a list). Query counts flat at 1 and 3 offers."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application
from eig.dates import PARIS
from fellowship.models import Offer, OfferStatus, OfferTransition, WaitingListPause
from tests.eig.factories import UserFactory
from tests.fellowship.factories import OfferFactory
from tests.fellowship.offers_world import DATA, DEV, offer_of, offers_world
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 3, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def data():
    with time_machine.travel(NOW, tick=False):
        return offers_world(waiting=2)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, second_factor=True))
    return client


def by_id(page: Page, element_id: str) -> str:
    (element,) = page.find_all(id=element_id)
    return element.text


def inner(page: Page, element_id: str, tag: str) -> str:
    """The text of the first `tag` inside the element."""
    (container,) = page.find_all(id=element_id)
    return page.find_all(tag, inside=container)[0].text


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_my_offers_shows_the_offer_its_deadline_with_the_time_left_and_the_answers(client, data):
    person = data.people()[0]
    offer = offer_of(person)
    with time_machine.travel(dt.datetime(2030, 3, 30, 9, 0, tzinfo=dt.UTC), tick=False):
        client.force_login(person.candidate)
        response = client.get(reverse("fellowship:my_offers"))

    page = Page(response.content.decode())
    challenge = data.world.challenges[0]
    assert response.status_code == 200
    assert by_id(page, f"offer-{offer.pk}-title") == f"Offre pour le défi {challenge.name}"
    assert by_id(page, f"offer-{offer.pk}-deadline") == (
        "Répondez avant le 4 avril 2030 à 23:59 (heure de Paris) (il vous reste 5 jours). Sans réponse, le poste "
        "sera proposé à la personne suivante de la liste."
    )
    details = by_id(page, f"offer-{offer.pk}")
    assert f"Administration : {challenge.administration.name}" in details
    assert "Rémunération : 3500 € net par mois (profil junior)" in details
    assert page.texts("a", href=reverse("fellowship:offer_accept", args=[offer.pk])) == [f"Accepter {challenge.name}"]
    assert page.texts("a", href=reverse("fellowship:offer_decline", args=[offer.pk])) == [f"Refuser {challenge.name}"]


def test_my_offers_tells_a_waiting_candidate_their_position_in_plain_words(client, data):
    waiting = data.people()[2]
    client.force_login(waiting.candidate)

    response = client.get(reverse("fellowship:my_offers"))

    page = Page(response.content.decode())
    challenge = data.world.challenges[0]
    assert by_id(page, "no-open-offer") == (
        "Vous n'avez pas d'offre en attente de réponse. Si un poste vous est proposé, vous recevrez un e-mail et "
        "l'offre s'affichera ici."
    )
    assert by_id(page, "waiting-positions") == (
        f"Vous êtes en position 2 sur la liste complémentaire du défi {challenge.name} (Développeur·se)."
    )
    assert by_id(page, "waiting-definitions").startswith("Comment lire votre position")


def test_accepting_goes_through_a_confirmation_page(client, data):
    person = data.people()[0]
    offer = offer_of(person)
    client.force_login(person.candidate)
    url = reverse("fellowship:offer_accept", args=[offer.pk])

    confirmation = client.get(url)
    response = client.post(url, follow=True)

    assert by_id(Page(confirmation.content.decode()), "answer-deadline") == (
        "En acceptant, vous vous engagez à rejoindre la promotion sur ce poste. Vous pouvez répondre jusqu'au "
        "4 avril 2030 à 23:59 (heure de Paris)."
    )
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.ACCEPTED
    assert messages_of(response) == [
        f"Félicitations : vous avez accepté l'offre du défi {data.world.challenges[0].name}. L'équipe du programme "
        "vous écrira pour la suite."
    ]


def test_declining_with_a_reason_offers_the_position_to_the_next_person(client, data):
    first, second, _ = data.people()
    offer = offer_of(first)
    client.force_login(first.candidate)

    response = client.post(
        reverse("fellowship:offer_decline", args=[offer.pk]), {"reason": "Je reste dans mon poste."}, follow=True
    )

    assert OfferTransition.objects.get(offer=offer).note == "Je reste dans mon poste."
    assert offer_of(second).previous_id == offer.pk
    assert messages_of(response) == [
        f"Vous avez refusé l'offre du défi {data.world.challenges[0].name}. Merci de nous avoir répondu."
    ]
    page = Page(response.content.decode())
    assert (
        inner(page, "past-offers", "tbody")
        == f"{data.world.challenges[0].name} Développeur·se Refusée 4 avril 2030 à 23:59 (heure de Paris)"
    )


def test_declining_after_the_deadline_is_refused_and_keeps_the_reason_typed(client, data):
    person = data.people()[0]
    offer = offer_of(person)
    with time_machine.travel(dt.datetime(2030, 4, 5, 0, 0, tzinfo=PARIS), tick=False):
        client.force_login(person.candidate)
        response = client.post(reverse("fellowship:offer_decline", args=[offer.pk]), {"reason": "Trop tard ?"})

    page = Page(response.content.decode())
    assert response.status_code == 400
    assert by_id(page, "answer-refusal") == (
        "Le délai de réponse est passé : il fallait répondre avant le 4 avril 2030 à 23:59 (heure de Paris). "
        "Votre message, à envoyer à l’équipe du programme : « Trop tard ? »"
    )
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_accepting_after_the_deadline_is_refused(client, data):
    person = data.people()[0]
    offer = offer_of(person)
    with time_machine.travel(dt.datetime(2030, 4, 5, 0, 0, tzinfo=PARIS), tick=False):
        client.force_login(person.candidate)
        response = client.post(reverse("fellowship:offer_accept", args=[offer.pk]), follow=True)

    assert messages_of(response) == [
        "Le délai de réponse est passé : il fallait répondre avant le 4 avril 2030 à 23:59 (heure de Paris)."
    ]
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_someone_elses_offer_is_refused(client, data):
    offer = offer_of(data.people()[0])
    client.force_login(data.people()[1].candidate)

    responses = [
        client.post(reverse(name, args=[offer.pk])) for name in ("fellowship:offer_accept", "fellowship:offer_decline")
    ]

    assert [response.status_code for response in responses] == [403, 403]
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.OPEN


def test_the_candidates_page_query_count_does_not_grow_with_offers(client, django_assert_num_queries):
    application = OfferFactory().application
    run = application.offers.get().run
    client.force_login(application.candidate)
    url = reverse("fellowship:my_offers")

    with django_assert_num_queries(6):
        client.get(url)
    Offer.objects.update(status=OfferStatus.DECLINED)
    OfferFactory(application=application, run=run, status=OfferStatus.LAPSED)
    OfferFactory(application=application, run=run)
    with django_assert_num_queries(6):
        response = client.get(url)

    assert (len(response.context["open_offers"]), len(response.context["past_offers"])) == (1, 2)


# --- Staff --------------------------------------------------------------------------------------------------


def test_the_staff_page_lists_open_offers_soonest_first_the_lists_and_who_is_next(client, data):
    later = offer_of(data.people(0, DATA)[0])
    Offer.objects.filter(pk=later.pk).update(answer_by=later.answer_by + dt.timedelta(days=1))

    with time_machine.travel(NOW, tick=False):
        client.force_login(UserFactory(staff=True, second_factor=True))
        response = client.get(reverse("fellowship:cohort_offers", args=[data.cohort.pk]))

    page = Page(response.content.decode())
    challenge = data.world.challenges[0]
    soon = offer_of(data.people(0, DEV)[0])
    assert [offer.pk for offer in response.context["page"].open_offers] == [soon.pk, later.pk]
    assert (
        inner(page, f"open-{soon.pk}", "p")
        == "Réponse attendue avant le 4 avril 2030 à 23:59 (heure de Paris) (dans 2 semaines)."
    )
    slug = f"{challenge.pk}-{DEV}"
    second = data.people(0, DEV)[1].candidate
    assert f"Prochaine personne : {second.get_full_name()}" in by_id(page, f"list-{slug}")
    assert inner(page, f"entries-{slug}", "tbody") == " ".join(
        [
            f"Liste principale 1 {data.people(0, DEV)[0].candidate.get_full_name()} Offre en attente de réponse",
            f"Liste complémentaire 1 {second.get_full_name()} En attente",
            f"Liste complémentaire 2 {data.people(0, DEV)[2].candidate.get_full_name()} En attente",
        ]
    )


def test_staff_withdraw_an_offer_with_a_reason_and_the_next_person_gets_it(staff_client, data):
    first, second, _ = data.people()
    offer = offer_of(first)
    url = reverse("fellowship:offer_withdraw", args=[offer.pk])

    empty = staff_client.post(url, {f"withdraw-{offer.pk}-reason": ""})
    done = staff_client.post(url, {f"withdraw-{offer.pk}-reason": "Poste supprimé."}, follow=True)

    assert empty.status_code == 400
    assert empty.context["page"].open_offers[0].withdraw_form.errors == {"reason": ["Ce champ est obligatoire."]}
    assert messages_of(done) == [f"L'offre faite à {first.candidate.get_full_name()} est retirée."]
    assert offer_of(second).previous_id == offer.pk


def test_staff_pause_then_resume_a_list(staff_client, data):
    first, second, _ = data.people()
    challenge = data.world.challenges[0]
    pause = reverse("fellowship:waiting_list_pause", args=[challenge.pk, DEV])
    resume = reverse("fellowship:waiting_list_resume", args=[challenge.pk, DEV])

    staff_client.post(pause, {f"pause-{challenge.pk}-{DEV}-reason": "Le défi revoit son équipe."})
    offer_withdraw_response = staff_client.post(
        reverse("fellowship:offer_withdraw", args=[offer_of(first).pk]),
        {f"withdraw-{offer_of(first).pk}-reason": "Poste à revoir."},
    )
    while_paused = Offer.objects.filter(application=second).count()
    response = staff_client.post(resume, follow=True)

    assert offer_withdraw_response.status_code == 302
    assert while_paused == 0
    assert messages_of(response)[-1] == "La liste reprend : 1 offre envoyée."
    assert offer_of(second).position_id == data.position().pk
    assert WaitingListPause.objects.exists() is False


def test_an_unknown_profile_is_not_found(staff_client, data):
    response = staff_client.post(reverse("fellowship:waiting_list_pause", args=[data.world.challenges[0].pk, "chef"]))

    assert response.status_code == 404


def test_the_staff_page_query_count_does_not_grow_with_offers(staff_client, django_assert_num_queries):
    first = OfferFactory()
    cohort, run = first.application.cohort, first.run
    url = reverse("fellowship:cohort_offers", args=[cohort.pk])

    with django_assert_num_queries(11):
        staff_client.get(url)
    for _ in range(2):
        OfferFactory(
            application=Application.objects.create(cohort=cohort, candidate=UserFactory(candidate=True)), run=run
        )
    with django_assert_num_queries(11):
        response = staff_client.get(url)

    assert len(response.context["page"].open_offers) == 3
