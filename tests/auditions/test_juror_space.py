"""« Mes auditions »: a juror's auditions on every jury they sit on, by day in Paris time, each with its
time, candidate, challenge, jury, video link and state for them; never another jury's, never a cancelled
one; the same number of queries for 1 and 3 auditions."""

import datetime as dt

import pytest
from django.urls import reverse

from auditions.declarations import audition_declare
from auditions.models import Link
from auditions.services import audition_cancel
from eig.adapters import home_url_for
from tests.auditions.factories import (
    AuditionFactory,
    JuryFactory,
    JuryMemberFactory,
    audition_scorecard,
    auditions_day,
)
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

URL = reverse("auditions:my_auditions")


@pytest.fixture
def seat():
    """A juror's seat on a jury of three."""
    jury = JuryFactory(members=2)
    return JuryMemberFactory(jury=jury)


def rows(page: Page) -> list[list[str]]:
    return [
        [cell.text for cell in page.find_all(inside=row) if cell.tag in {"td", "th"}]
        for table in page.find_all("table")
        for row in page.find_all("tr", inside=table)[1:]
    ]


def test_the_juror_s_auditions_by_day_with_their_state(client, seat):
    juror, jury = seat.user, seat.jury
    cohort = jury.cohort
    to_declare = AuditionFactory(jury=jury, at=auditions_day(cohort, day=0, hour=14))
    recused = AuditionFactory(jury=jury, at=auditions_day(cohort, day=0, hour=9, minute=30))
    to_score = AuditionFactory(jury=jury, at=auditions_day(cohort, day=1, hour=11))
    scored = AuditionFactory(jury=jury, at=auditions_day(cohort, day=1, hour=16))
    audition_declare(audition=recused, juror=juror, link=Link.PERSONAL, note="Ma cousine")
    for audition in (to_score, scored):
        audition_declare(audition=audition, juror=juror, link=Link.NONE)
    audition_scorecard(audition=scored, juror=juror)
    client.force_login(juror)

    page = Page(client.get(URL).content.decode())

    first_day = auditions_day(cohort, day=0).date()
    second_day = first_day + dt.timedelta(days=1)
    assert page.texts("h2", id="day-1-title") == [f"{_day_label(first_day)}"]
    assert page.texts("h2", id="day-2-title") == [f"{_day_label(second_day)}"]
    name = lambda audition: audition.application.candidate.get_full_name()  # noqa: E731
    assert rows(page) == [
        ["09:30 – 10:00", name(recused), recused.challenge.name, jury.name, "Rejoindre", "Déporté·e"],
        ["14:00 – 14:30", name(to_declare), to_declare.challenge.name, jury.name, "Rejoindre", "Déclaration à faire"],
        ["11:00 – 11:30", name(to_score), to_score.challenge.name, jury.name, "Rejoindre", "À évaluer"],
        ["16:00 – 16:30", name(scored), scored.challenge.name, jury.name, "Rejoindre", "Évaluée"],
    ]
    assert [a.attrs["href"] for a in page.find_all("a") if a.text == "Rejoindre"] == [
        audition.video_link for audition in (recused, to_declare, to_score, scored)
    ]
    assert page.find_all("a", href=reverse("auditions:audition", args=[to_declare.pk]))


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _day_label(day: dt.date) -> str:
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}".capitalize()


def test_every_jury_the_juror_sits_on_and_no_other_nor_a_cancelled_audition(client, seat):
    juror, cohort = seat.user, seat.jury.cohort
    other_seat = JuryMemberFactory(jury=JuryFactory(cohort=cohort), user=juror)
    mine = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, hour=9))
    also_mine = AuditionFactory(jury=other_seat.jury, at=auditions_day(cohort, hour=11))
    AuditionFactory(jury=JuryFactory(cohort=cohort, members=3), at=auditions_day(cohort, hour=9))
    audition_cancel(
        audition=AuditionFactory(jury=seat.jury, at=auditions_day(cohort, hour=15)), by=UserFactory(staff=True)
    )
    client.force_login(juror)

    page = Page(client.get(URL).content.decode())

    assert [row[3] for row in rows(page)] == [mine.jury.name, also_mine.jury.name]


def test_a_slot_still_to_set_is_listed_last(client, seat):
    cohort = seat.jury.cohort
    AuditionFactory(jury=seat.jury, at=auditions_day(cohort, hour=9))
    AuditionFactory(jury=seat.jury)
    client.force_login(seat.user)

    page = Page(client.get(URL).content.decode())

    assert page.texts("h2", inside=page.main)[-1] == "Créneau à fixer"
    assert [row[0] for row in rows(page)] == ["09:00 – 09:30", "—"]


def test_a_juror_without_auditions_is_told(client, seat):
    client.force_login(seat.user)

    assert (
        "Aucune audition n'est prévue pour les jurys où vous siégez."
        in Page(client.get(URL).content.decode()).main.text
    )


def test_a_juror_without_a_seat_is_refused(client):
    client.force_login(UserFactory(juror=True, second_factor=True))

    assert client.get(URL).status_code == 403


def test_another_jury_s_juror_cannot_open_the_audition_nor_its_file(client, seat):
    audition = AuditionFactory(jury=seat.jury, at=auditions_day(seat.jury.cohort, hour=9))
    outsider = JuryMemberFactory(jury=JuryFactory(cohort=seat.jury.cohort)).user
    client.force_login(outsider)

    assert [
        client.get(reverse(name, args=[audition.pk])).status_code for name in ("auditions:audition", "auditions:cv")
    ] == [403, 403]


@pytest.mark.parametrize("count", [1, 3])
def test_the_same_queries_for_1_and_3_auditions(client, seat, django_assert_num_queries, count, settings):
    settings.STAFF_MFA_REQUIRED = True  # the second factor's query counts too
    cohort = seat.jury.cohort
    for index in range(count):
        audition = AuditionFactory(jury=seat.jury, at=auditions_day(cohort, day=index, hour=10))
        audition_declare(audition=audition, juror=seat.user, link=Link.NONE)
        audition_scorecard(audition=audition, juror=seat.user)
    client.force_login(seat.user)
    client.get(URL)

    # The header's « Mes auditions » entry is one of them.
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200


def test_a_juror_with_a_seat_lands_on_their_auditions(seat):
    assert home_url_for(seat.user) == URL
