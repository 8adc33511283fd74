"""The staff schedule page (/auditions/equipe/<cohort>/planning/): columns per jury and day, the proposal,
moves and bookings by form (what drag and drop posts too) with PostgreSQL's refusals in French and
nothing typed lost, the exports; a query count that does not grow with the auditions."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from auditions.models import Audition, AuditionStatus, JuryAvailability
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(staff=True, second_factor=True)
    client.force_login(user)
    return user


@pytest.fixture
def cohort():
    return CohortFactory(phase="after_wishes", name="EIG 12", number=12)


def board_url(cohort) -> str:
    return reverse("auditions:schedule", args=[cohort.pk])


def move(client, audition, when: dt.datetime, duration: int = 30):
    local = when.astimezone(auditions_day(audition.cohort).tzinfo)
    prefix = f"audition-{audition.pk}"
    return client.post(
        reverse("auditions:schedule_move", args=[audition.cohort.pk, audition.pk]),
        {
            f"{prefix}-date": local.strftime("%Y-%m-%d"),
            f"{prefix}-time": local.strftime("%H:%M"),
            f"{prefix}-duration": str(duration),
        },
    )


def errors(response) -> list[str]:
    page = Page(response.content.decode())
    return [p.text for p in page.find_all("p", inside=page.find_all(id="move-errors")[0])][:-1]


def typed(response, audition) -> dict:
    page = Page(response.content.decode())
    return page.form_values(page.find_all("form", id=f"move-form-{audition.pk}")[0])


def test_the_page_shows_one_column_per_jury_and_day_and_the_auditions_without_a_slot(client, staff, cohort):
    jury = JuryFactory(cohort=cohort, name="Jury Santé")
    JuryAvailability.objects.create(
        jury=jury, starts_at=auditions_day(cohort, 0, 9), ends_at=auditions_day(cohort, 0, 10)
    )
    booked = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9, 30))
    waiting = AuditionFactory(jury=jury)

    response = client.get(board_url(cohort))

    page = Page(response.content.decode())
    day = page.find_all("section", id=f"day-section-{auditions_day(cohort, 0).date().isoformat()}")[0]
    assert page.texts("h3", inside=day) == ["Jury Santé"]
    assert [(li.attrs["data-time"], li.text[:5]) for li in page.find_all("li", inside=day, data_schedule_slot="")] == [
        ("09:00", "09:00"),
        ("09:30", "09:30"),
    ]
    card = page.find_all(id=f"audition-{booked.pk}")[0]
    assert card.is_inside(day)
    assert page.texts("p", inside=card)[:3] == [
        str(booked.application.candidate),
        booked.challenge.name,
        "09:30–10:00 (heure de Paris)",
    ]
    assert typed(response, booked) == {
        "csrfmiddlewaretoken": typed(response, booked)["csrfmiddlewaretoken"],
        f"audition-{booked.pk}-date": [auditions_day(cohort, 0).date().isoformat()],
        f"audition-{booked.pk}-time": ["09:30"],
        f"audition-{booked.pk}-duration": ["30"],
    }
    unscheduled = page.find_all("section", id="unscheduled")[0]
    assert page.texts("h2", inside=unscheduled) == ["1 audition sans créneau"]
    assert page.find_all(id=f"audition-{waiting.pk}")[0].is_inside(unscheduled)


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_query_count_does_not_grow_with_the_auditions(
    client, staff, cohort, django_assert_num_queries, count
):
    jury = JuryFactory(cohort=cohort, members=2)
    for n in range(count):
        AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9 + n))
        AuditionFactory(jury=JuryFactory(cohort=cohort, members=1))

    with django_assert_num_queries(8):
        response = client.get(board_url(cohort))

    assert response.status_code == 200


def test_proposing_books_the_auditions_and_lists_those_left_out_once(client, staff, cohort):
    jury = JuryFactory(cohort=cohort, name="Jury Santé")
    JuryAvailability.objects.create(
        jury=jury, starts_at=auditions_day(cohort, 0, 9), ends_at=auditions_day(cohort, 0, 9, 30)
    )
    first, second = AuditionFactory(jury=jury), AuditionFactory(jury=jury)

    response = client.post(reverse("auditions:schedule_propose", args=[cohort.pk]), follow=True)

    page = Page(response.content.decode())
    assert Audition.objects.get(pk=first.pk).starts_at == auditions_day(cohort, 0, 9)
    assert Audition.objects.get(pk=second.pk).starts_at is None
    assert "Planning proposé : 1 audition(s) placée(s), 1 non placée(s)." in response.content.decode()
    assert page.texts("li", inside=page.find_all(id="unplaced")[0]) == [
        f"{second.application.candidate} (Jury Santé) : Les autres auditions prennent tout le temps restant. "
        "Complet : le jury « Jury Santé »."
    ]
    assert Page(client.get(board_url(cohort)).content.decode()).find_all(id="unplaced") == []


def test_a_move_books_the_new_slot_and_comes_back_to_the_card(client, staff, cohort):
    audition = AuditionFactory(jury=JuryFactory(cohort=cohort), at=auditions_day(cohort, 0, 9))

    response = move(client, audition, auditions_day(cohort, 1, 14, 15), duration=45)

    assert response.status_code == 302
    assert response["Location"] == f"{board_url(cohort)}#audition-{audition.pk}"
    audition.refresh_from_db()
    assert (audition.starts_at, audition.ends_at) == (auditions_day(cohort, 1, 14, 15), auditions_day(cohort, 1, 15))


def test_an_audition_without_a_slot_is_booked_from_its_form(client, staff, cohort):
    audition = AuditionFactory(jury=JuryFactory(cohort=cohort))

    move(client, audition, auditions_day(cohort, 2, 11))

    assert Audition.objects.get(pk=audition.pk).starts_at == auditions_day(cohort, 2, 11)


def test_a_jury_booked_twice_is_refused_in_french_and_the_typed_slot_is_kept(client, staff, cohort):
    jury = JuryFactory(cohort=cohort)
    AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 10))
    audition = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9))

    response = move(client, audition, auditions_day(cohort, 0, 10, 15), duration=20)

    assert response.status_code == 200
    assert errors(response) == ["Ce jury a déjà une audition à cet horaire."]
    values = typed(response, audition)
    assert (values[f"audition-{audition.pk}-time"], values[f"audition-{audition.pk}-duration"]) == (["10:15"], ["20"])
    assert Audition.objects.get(pk=audition.pk).starts_at == auditions_day(cohort, 0, 9)


def test_a_candidate_booked_twice_is_refused_in_french(client, staff, cohort):
    application = ApplicationFactory(cohort=cohort, preselected=True)
    AuditionFactory(jury=JuryFactory(cohort=cohort), application=application, at=auditions_day(cohort, 0, 10))
    audition = AuditionFactory(jury=JuryFactory(cohort=cohort), application=application)

    response = move(client, audition, auditions_day(cohort, 0, 10))

    assert errors(response) == ["Ce candidat ou cette candidate a déjà une audition à cet horaire."]
    assert Audition.objects.get(pk=audition.pk).starts_at is None


def test_a_juror_booked_twice_is_refused_in_french(client, staff, cohort):
    seat = JuryMemberFactory(jury=JuryFactory(cohort=cohort))
    other = JuryFactory(cohort=cohort)
    JuryMemberFactory(jury=other, user=seat.user)
    AuditionFactory(jury=seat.jury, at=auditions_day(cohort, 0, 10))
    audition = AuditionFactory(jury=other)

    response = move(client, audition, auditions_day(cohort, 0, 10, 20))

    assert errors(response) == ["Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire."]


def test_a_slot_outside_the_auditions_is_refused_and_bad_input_explained(client, staff, cohort):
    audition = AuditionFactory(jury=JuryFactory(cohort=cohort))

    outside = move(client, audition, cohort.auditions_start_at - dt.timedelta(days=2))
    prefix = f"audition-{audition.pk}"
    garbled = client.post(
        reverse("auditions:schedule_move", args=[cohort.pk, audition.pk]),
        {f"{prefix}-date": "31/02/2027", f"{prefix}-time": "25:00", f"{prefix}-duration": "2"},
    )

    assert errors(outside)[0].startswith("Le créneau doit se situer pendant les auditions, du ")
    page = Page(garbled.content.decode())
    assert garbled.status_code == 200
    assert page.texts(css_class="fr-error-text") == [
        "Saisissez une date valide, par exemple 19/04/2027.",
        "Saisissez une heure valide (heure de Paris), par exemple 09:30.",
        "Une audition dure au moins 5 minutes.",
    ]
    assert typed(garbled, audition)[f"{prefix}-duration"] == ["2"]


def test_another_cohorts_audition_is_not_found(client, staff, cohort):
    audition = AuditionFactory(jury=JuryFactory(cohort=cohort))
    other = CohortFactory(phase="after_wishes")

    response = client.post(reverse("auditions:schedule_move", args=[other.pk, audition.pk]), {})

    assert response.status_code == 404


def test_the_page_sends_the_convocations_and_comes_back_to_the_board(client, staff, cohort):
    jury = JuryFactory(cohort=cohort)
    booked = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9, 30))
    waiting = AuditionFactory(jury=jury)

    page = Page(client.get(board_url(cohort)).content.decode())
    [form] = page.find_all("form", id="convocations-form")
    values = page.form_values(form)
    response = client.post(form.attrs["action"], {"next": values["next"][0]}, follow=True)

    assert (form.attrs["action"], values["next"]) == (
        reverse("auditions:convocations_send", args=[cohort.pk]),
        [board_url(cohort)],
    )
    assert response.redirect_chain == [(board_url(cohort), 302)]
    assert [str(message) for message in response.context["messages"]] == ["1 convocation envoyée."]
    assert Audition.objects.get(pk=booked.pk).status == AuditionStatus.CONVENED
    assert Audition.objects.get(pk=waiting.pk).status == AuditionStatus.PLANNED


def test_the_exports_list_every_audition_in_paris_time(client, staff, cohort):
    jury = JuryFactory(cohort=cohort, name="Jury Santé")
    booked = AuditionFactory(jury=jury, at=auditions_day(cohort, 0, 9, 30))
    waiting = AuditionFactory(jury=jury)
    candidate = booked.application.candidate
    day = auditions_day(cohort, 0).date().isoformat()

    text = b"".join(client.get(reverse("auditions:schedule_export", args=[cohort.pk, "csv"])).streaming_content)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("auditions:schedule_export", args=[cohort.pk, "xlsx"])).content)
    )
    ics = client.get(reverse("auditions:schedule_export", args=[cohort.pk, "ics"]))

    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        [
            "Date",
            "Début (heure de Paris)",
            "Fin (heure de Paris)",
            "Jury",
            "Candidat·e",
            "Adresse e-mail",
            "Défi",
            "Statut",
            "Lien de visioconférence",
        ],
        [
            day,
            "09:30",
            "10:00",
            "Jury Santé",
            str(candidate),
            candidate.email,
            booked.challenge.name,
            "À convoquer",
            booked.video_link,
        ],
        [
            "",
            "",
            "",
            "Jury Santé",
            str(waiting.application.candidate),
            waiting.application.candidate.email,
            waiting.challenge.name,
            "À convoquer",
            "",
        ],
    ]
    sheet = workbook["Planning"]
    assert [cell.value for cell in sheet[2]][1:5] == ["09:30", "10:00", "Jury Santé", str(candidate)]
    assert sheet["A2"].value.date().isoformat() == day
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(ics.content)
    events = calendar.walk("VEVENT")
    assert [
        (str(e["UID"]), e["SEQUENCE"], e.decoded("DTSTART"), str(e["DTSTART"].params["TZID"])) for e in events
    ] == [(booked.uid, 0, auditions_day(cohort, 0, 9, 30), "Europe/Paris")]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert client.get(reverse("auditions:schedule_export", args=[cohort.pk, "pdf"])).status_code == 404
