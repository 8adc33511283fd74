"""Convocations: the .ics (parsed with icalendar), the e-mails through the outbox with their attachment,
the update after a move, the CANCEL after a cancellation, staff's bulk sending, the candidate's answer."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from auditions.admin_convocations import CONVOCATION_DECISIONS, AnswerFilter, auditions_convene
from auditions.convocations import convocation_answer, convocation_send, convocations_send_all
from auditions.models import Audition, AuditionStatus, AuditionTransition
from auditions.services import audition_cancel, audition_move
from eig.dates import paris_datetime
from eig.models import OutboxEmail
from tests.auditions.factories import AuditionFactory, JuryFactory, auditions_day
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(staff=True, second_factor=True)


@pytest.fixture
def audition(settings):
    """A booked audition at 10:00 (Paris) on the first day of auditions, weeks ahead (wishes just closed)."""
    settings.VIDEO_CONFERENCE_BASE_URL = "https://webconf.example.org"
    jury = JuryFactory(cohort=CohortFactory(phase="after_wishes"), members=2)
    booked = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    booked.application.candidate.first_name, booked.application.candidate.last_name = "Ada", "Lovelace"
    booked.application.candidate.save()
    return Audition.objects.get(pk=booked.pk)


def parsed(content: str) -> Calendar:
    return Calendar.from_ical(content)


def the_event(content: str):
    (event,) = parsed(content).events
    return event


def test_the_convocation_email_carries_the_ics_with_uid_sequence_and_paris_time(
    audition, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        convened = convocation_send(audition=audition, by=staff)

    assert convened.status == AuditionStatus.CONVENED
    assert convened.answer_by == audition.starts_at - dt.timedelta(hours=48)
    (message,) = mailoutbox
    assert message.to == [audition.application.candidate.email]
    date = paris_datetime(audition.starts_at)
    assert date.endswith(" à 10:00 (heure de Paris)")
    assert message.subject == f"[EIG] Action requise : confirmez votre audition du {date}"
    assert f"- Date : {date}\n- Durée : 30 minutes\n" in message.body
    assert f"- Lien de visioconférence : {audition.video_link}\n" in message.body
    assert (
        "Confirmez ce créneau, ou demandez un autre horaire en indiquant pourquoi, avant le "
        f"{paris_datetime(convened.answer_by)} :\n{settings.SITE_URL}/auditions/mes-auditions/\n"
    ) in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == ("audition.ics", "text/calendar; method=PUBLISH")
    calendar = parsed(content)
    assert (str(calendar["METHOD"]), str(calendar["VERSION"])) == ("PUBLISH", "2.0")
    assert [timezone_.tz_name for timezone_ in calendar.timezones] == ["Europe/Paris"]
    event = the_event(content)
    assert str(event["UID"]) == audition.uid
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTEND"].params["TZID"] == "Europe/Paris"
    assert (event.start, event.end) == (audition.starts_at, audition.ends_at)
    assert event.start.strftime("%H:%M") == "10:00"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == str(event["URL"]) == audition.video_link
    assert str(event["SUMMARY"]) == f"Audition EIG : Ada Lovelace — {audition.challenge.name}"
    assert str(event["DESCRIPTION"]) == (
        f"Défi : {audition.challenge.name}\nLien de visioconférence : {audition.video_link}"
    )
    assert OutboxEmail.objects.get().attachments[0]["filename"] == "audition.ics"


def test_a_move_sends_the_update_with_the_same_uid_and_sequence_1(
    audition, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        convocation_send(audition=audition, by=staff)
        convocation_answer(audition=audition, by=audition.application.candidate, confirm=True)
        audition_move(audition=audition, starts_at=audition.starts_at + dt.timedelta(hours=4), by=staff)

    moved = Audition.objects.get(pk=audition.pk)
    assert (moved.status, moved.sequence) == (AuditionStatus.CONVENED, 1)
    first, update = mailoutbox
    assert update.subject == (
        f"[EIG] Action requise : nouvel horaire pour votre audition, le {paris_datetime(moved.starts_at)}"
    )
    assert paris_datetime(moved.starts_at).endswith(" à 14:00 (heure de Paris)")
    event = the_event(update.attachments[0][1])
    assert str(event["UID"]) == str(the_event(first.attachments[0][1])["UID"]) == audition.uid
    assert event["SEQUENCE"] == 1
    assert event.start == moved.starts_at


def test_a_move_of_an_audition_not_yet_convened_sends_nothing(
    audition, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        audition_move(audition=audition, starts_at=audition.starts_at + dt.timedelta(hours=4), by=staff)

    assert mailoutbox == []
    assert Audition.objects.get(pk=audition.pk).sequence == 0


def test_a_cancellation_sends_method_cancel_with_the_next_sequence(
    audition, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        convocation_send(audition=audition, by=staff)
        audition_cancel(audition=audition, by=staff, reason="Candidature retirée.")

    _, cancel = mailoutbox
    assert cancel.subject == f"[EIG] Votre audition du {paris_datetime(audition.starts_at)} est annulée"
    ((filename, content, mimetype),) = cancel.attachments
    assert mimetype == "text/calendar; method=CANCEL"
    assert str(parsed(content)["METHOD"]) == "CANCEL"
    event = the_event(content)
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (audition.uid, 1, "CANCELLED")


def test_cancelling_an_audition_never_convened_tells_nobody(
    audition, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        audition_cancel(audition=audition, by=staff)

    assert mailoutbox == []


def test_an_audition_without_a_slot_cannot_be_convened(staff):
    audition = AuditionFactory(jury=JuryFactory(cohort=CohortFactory(phase="after_wishes")))

    with pytest.raises(ValidationError) as error:
        convocation_send(audition=audition, by=staff)

    assert error.value.messages == ["Cette audition n'a pas encore de créneau : réservez-en un avant de convoquer."]


def test_too_late_to_convene_when_the_answer_deadline_has_passed(audition, staff):
    with pytest.raises(ValidationError) as error:
        convocation_send(audition=audition, by=staff, now=audition.starts_at - dt.timedelta(hours=47))

    assert error.value.messages == [
        "Trop tard pour convoquer à ce créneau : la réponse devrait arriver avant le "
        f"{paris_datetime(audition.starts_at - dt.timedelta(hours=48))}, déjà passé. "
        "Choisissez un créneau plus tardif."
    ]
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.PLANNED


def test_staff_convene_every_booked_planned_audition_of_the_cohort(audition, staff, mailoutbox):
    cohort = audition.cohort
    unbooked = AuditionFactory(jury=JuryFactory(cohort=cohort))
    other_cohort = AuditionFactory(
        jury=JuryFactory(cohort=CohortFactory(phase="after_wishes")),
    )
    second = AuditionFactory(jury=audition.jury, at=auditions_day(cohort, hour=11))

    result = convocations_send_all(cohort=cohort, by=staff)

    assert (result.sent, result.refused) == (2, [])
    assert dict(Audition.objects.values_list("pk", "status")) == {
        audition.pk: AuditionStatus.CONVENED,
        second.pk: AuditionStatus.CONVENED,
        unbooked.pk: AuditionStatus.PLANNED,
        other_cohort.pk: AuditionStatus.PLANNED,
    }
    assert OutboxEmail.objects.count() == 2


def test_the_candidate_confirms_before_the_deadline(audition, staff):
    convocation_send(audition=audition, by=staff)

    confirmed = convocation_answer(audition=audition, by=audition.application.candidate, confirm=True)

    assert confirmed.status == AuditionStatus.CONFIRMED
    assert confirmed.answered_at is not None


def test_the_candidate_asks_for_another_time_with_a_reason_kept_in_the_log(audition, staff):
    convocation_send(audition=audition, by=staff)
    candidate = audition.application.candidate

    with pytest.raises(ValidationError) as error:
        convocation_answer(audition=audition, by=candidate, confirm=False, reason="  ")
    answered = convocation_answer(
        audition=audition, by=candidate, confirm=False, reason="Je passe un oral ce jour-là."
    )

    assert error.value.messages == ["Indiquez pourquoi cet horaire ne vous convient pas."]
    assert (answered.status, answered.change_reason) == (
        AuditionStatus.CHANGE_REQUESTED,
        "Je passe un oral ce jour-là.",
    )
    assert AuditionTransition.objects.filter(audition=audition).order_by("at", "id").last().note == (
        "Je passe un oral ce jour-là."
    )


def test_no_answer_after_the_deadline(audition, staff):
    convocation_send(audition=audition, by=staff)
    convened = Audition.objects.get(pk=audition.pk)

    with pytest.raises(ValidationError) as error:
        convocation_answer(
            audition=convened,
            by=audition.application.candidate,
            confirm=True,
            now=convened.answer_by + dt.timedelta(minutes=1),
        )

    assert error.value.messages == [
        f"Le délai de réponse est passé : il fallait répondre avant le {paris_datetime(convened.answer_by)}. "
        "Écrivez à l'équipe du programme si cet horaire ne vous convient pas."
    ]
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONVENED


def test_a_confirmed_audition_cannot_be_answered_again(audition, staff):
    convocation_send(audition=audition, by=staff)
    convocation_answer(audition=audition, by=audition.application.candidate, confirm=True)

    with pytest.raises(ValidationError) as error:
        convocation_answer(audition=audition, by=audition.application.candidate, confirm=False, reason="Non.")

    assert error.value.messages == ["Une audition « Confirmée » ne peut pas passer à « Autre horaire demandé »."]


# --- Through the views ------------------------------------------------------------------------------------


def test_the_bulk_endpoint_convenes_and_says_how_many(client, audition, staff):
    client.force_login(staff)

    response = client.post(
        reverse("auditions:convocations_send", args=[audition.cohort.pk]), {"next": "/admin/"}, follow=True
    )

    assert response.redirect_chain[0] == ("/admin/", 302)
    assert [str(message) for message in response.context["messages"]] == ["1 convocation envoyée."]
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONVENED


def test_the_candidates_page_lists_their_convened_auditions_and_takes_their_answer(client, audition, staff):
    convocation_send(audition=audition, by=staff)
    candidate = audition.application.candidate
    client.force_login(candidate)
    url = reverse("auditions:candidate_auditions")

    page = client.get(url)
    refused = client.post(reverse("auditions:candidate_answer", args=[audition.pk]), {"answer": "change"})
    done = client.post(reverse("auditions:candidate_answer", args=[audition.pk]), {"answer": "confirm"}, follow=True)

    assert page.status_code == 200
    assert [item.pk for item in page.context["auditions"]] == [audition.pk]
    html = page.content.decode()
    assert (html.count("Je confirme"), html.count("Je demande un autre horaire")) == (1, 1)
    assert f"Date : {paris_datetime(audition.starts_at)}" in html
    assert "Durée : 30 minutes" in html
    assert reverse("auditions:candidate_audition_ics", args=[audition.pk]) in html
    assert refused.status_code == 400
    assert refused.context["auditions"][0].change_form.errors == {
        "reason": ["Indiquez pourquoi cet horaire ne vous convient pas."]
    }
    assert [str(message) for message in done.context["messages"]] == ["Merci : votre audition est confirmée."]
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONFIRMED
    assert "Je confirme" not in done.content.decode()


def test_after_the_deadline_the_page_refuses_and_keeps_what_was_typed(client, audition, staff):
    convocation_send(audition=audition, by=staff)
    Audition.objects.filter(pk=audition.pk).update(answer_by=timezone.now() - dt.timedelta(hours=1))
    client.force_login(audition.application.candidate)

    response = client.post(
        reverse("auditions:candidate_answer", args=[audition.pk]),
        {"answer": "change", f"audition-{audition.pk}-reason": "Un examen ce jour-là."},
    )

    assert response.status_code == 400
    answer_by = paris_datetime(Audition.objects.get(pk=audition.pk).answer_by)
    assert [str(message) for message in response.context["messages"]] == [
        f"Le délai de réponse est passé : il fallait répondre avant le {answer_by}. "
        "Écrivez à l'équipe du programme si cet horaire ne vous convient pas."
    ]
    assert Audition.objects.get(pk=audition.pk).status == AuditionStatus.CONVENED
    html = response.content.decode()
    assert f"Le délai de réponse est passé (le {answer_by})" in html
    assert "Votre message, à envoyer à l’équipe du programme : « Un examen ce jour-là. »" in html
    assert "Je confirme" not in html


def test_the_ics_download_is_the_candidates_convocation(client, audition, staff):
    convocation_send(audition=audition, by=staff)
    client.force_login(audition.application.candidate)

    response = client.get(reverse("auditions:candidate_audition_ics", args=[audition.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="audition.ics"'
    event = the_event(response.content.decode())
    assert (str(event["UID"]), event["SEQUENCE"]) == (audition.uid, 0)


def test_the_candidates_page_query_count_does_not_grow_with_auditions(
    client, audition, staff, django_assert_num_queries
):
    candidate = audition.application.candidate
    convocation_send(audition=audition, by=staff)
    client.force_login(candidate)
    url = reverse("auditions:candidate_auditions")
    client.get(url)

    with django_assert_num_queries(3):
        client.get(url)
    for hour in (14, 15):
        other_jury = JuryFactory(cohort=audition.cohort)
        other = AuditionFactory(
            jury=other_jury, application=audition.application, at=auditions_day(audition.cohort, hour=hour)
        )
        convocation_send(audition=other, by=staff)
    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["auditions"]) == 3


# --- The admin's pieces (auditions/admin_convocations.py, for AuditionAdmin) ----------------------------


def test_the_admin_decision_convenes_the_planned_booked_auditions_only(audition, staff):
    (decision,) = CONVOCATION_DECISIONS
    unbooked = AuditionFactory(jury=JuryFactory(cohort=audition.cohort))

    assert (decision.name, decision.allows(audition), decision.allows(unbooked)) == ("convene", True, False)
    done = decision.page.apply(decision, [audition], staff, {"note": ""})

    assert [convened.pk for convened in done] == [audition.pk]
    assert decision.done_message(done) == "1 convocation envoyée. Chaque candidat·e en est informé·e par e-mail."
    assert decision.allows(Audition.objects.get(pk=audition.pk)) is False


def test_a_refused_convocation_in_the_admin_names_its_candidate_and_sends_none(audition, staff):
    too_late = AuditionFactory(jury=audition.jury, at=auditions_day(audition.cohort, hour=11))
    Audition.objects.filter(pk=too_late.pk).update(starts_at=timezone.now() + dt.timedelta(hours=1))
    too_late.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        auditions_convene(auditions=[audition, too_late], by=staff)

    assert error.value.messages[0].startswith(f"{too_late.application.candidate} : Trop tard pour convoquer")
    assert Audition.objects.filter(status=AuditionStatus.CONVENED).count() == 0


def test_the_answer_filter_finds_requests_confirmations_and_late_ones(rf, audition, staff):
    cohort = audition.cohort
    answered = [AuditionFactory(jury=audition.jury, at=auditions_day(cohort, hour=hour)) for hour in (11, 14, 15)]
    for booked in (audition, *answered):
        convocation_send(audition=booked, by=staff)
    convocation_answer(audition=answered[0], by=answered[0].application.candidate, confirm=True)
    convocation_answer(audition=answered[1], by=answered[1].application.candidate, confirm=False, reason="Examen.")
    Audition.objects.filter(pk=answered[2].pk).update(answer_by=timezone.now() - dt.timedelta(minutes=2))
    model_admin = admin.ModelAdmin(Audition, admin.site)

    def filtered(value: str) -> list[int]:
        answer_filter = AnswerFilter(rf.get("/"), {"reponse": [value]}, Audition, model_admin)
        return list(answer_filter.queryset(None, Audition.objects.order_by("pk")).values_list("pk", flat=True))

    assert filtered("attendue") == [audition.pk]
    assert filtered("delai-passe") == [answered[2].pk]
    assert filtered("confirmee") == [answered[0].pk]
    assert filtered("autre-horaire") == [answered[1].pk]


def test_the_candidates_space_links_their_auditions_once_preselected(client, audition):
    client.force_login(audition.application.candidate)

    html = client.get(reverse("applications:space")).content.decode()

    assert html.count(f'href="{reverse("auditions:candidate_auditions")}"') == 1
