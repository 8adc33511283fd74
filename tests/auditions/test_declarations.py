"""Conflicts of interest: a juror declares « aucun lien » or a link before the file opens; a link is a
recusal (neither the file nor the grid, 403 on their URLs); a declaration is kept as made; the quorum is
checked and staff are told, once, when a recusal takes an audition below it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connections, transaction
from django.urls import reverse

from auditions.declarations import audition_declare
from auditions.models import Declaration, Link
from auditions.selectors import auditions_below_quorum
from auditions.services import audition_cancel
from eig.dates import paris_datetime
from eig.models import OutboxEmail
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.auditions.juror_kit import booked_audition, jurors_of, scorecard_data
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page
from tests.test_locks import lock_nowait

pytestmark = pytest.mark.django_db


def test_a_juror_who_has_not_declared_sees_only_the_declaration_form(client):
    audition = booked_audition()
    client.force_login(jurors_of(audition)[0])

    page = Page(client.get(reverse("auditions:audition", args=[audition.pk])).content.decode())

    assert page.texts("h2", id="declaration-title") == ["Votre déclaration d'intérêts"]
    assert page.find_all(id="summary") == []
    assert page.find_all("input", name="opinion") == []
    assert [element.attrs["value"] for element in page.find_all("input", name="link")] == Link.values


@pytest.mark.parametrize("url_name", ["auditions:cv", "auditions:score"])
def test_before_declaring_the_file_and_the_grid_are_refused(client, url_name):
    audition = booked_audition()
    client.force_login(jurors_of(audition)[0])

    assert client.post(reverse(url_name, args=[audition.pk]), scorecard_data(audition)).status_code == 403


def test_declaring_no_link_opens_the_file_and_the_grid(client):
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    client.force_login(juror)

    response = client.post(reverse("auditions:declare", args=[audition.pk]), {"link": "none", "note": "ignored"})

    assert response.status_code == 302
    declaration = Declaration.objects.get(audition=audition, juror=juror)
    assert (declaration.link, declaration.note) == ("none", "")
    page = Page(client.get(reverse("auditions:audition", args=[audition.pk])).content.decode())
    assert page.texts("h2", id="summary-title") == ["Le dossier de candidature"]
    assert page.find_all("a", href=reverse("auditions:cv", args=[audition.pk]))
    cv = client.get(reverse("auditions:cv", args=[audition.pk]))
    assert (cv.status_code, cv["Content-Type"], cv["X-Content-Type-Options"]) == (200, "application/pdf", "nosniff")


def test_a_link_needs_a_note_and_loses_nothing_typed(client):
    audition = booked_audition()
    client.force_login(jurors_of(audition)[0])

    response = client.post(reverse("auditions:declare", args=[audition.pk]), {"link": "worked_together", "note": " "})

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.texts(id="id_note-desc-error") == ["Précisez le lien en quelques mots."]
    assert [e.attrs["value"] for e in page.find_all("input", name="link") if "checked" in e.attrs] == [
        "worked_together"
    ]
    assert Declaration.objects.count() == 0


def test_a_recused_juror_sees_neither_the_file_nor_the_grid_and_their_urls_refuse(client):
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    client.force_login(juror)
    client.post(
        reverse("auditions:declare", args=[audition.pk]), {"link": "same_organisation", "note": "Même direction"}
    )

    page = Page(client.get(reverse("auditions:audition", args=[audition.pk])).content.decode())

    assert page.texts("h2", css_class="fr-alert__title") == ["Vous êtes déporté·e de cette audition"]
    assert page.find_all(id="summary") == [] and page.find_all("input", name="opinion") == []
    assert client.get(reverse("auditions:cv", args=[audition.pk])).status_code == 403
    assert client.post(reverse("auditions:score", args=[audition.pk]), scorecard_data(audition)).status_code == 403
    assert not audition.scorecards.exists()


def test_a_declaration_is_kept_as_made():
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    audition_declare(audition=audition, juror=juror, link=Link.NONE)

    with pytest.raises(ValidationError) as error:
        audition_declare(audition=audition, juror=juror, link=Link.PERSONAL, note="Ma cousine")

    assert error.value.messages == ["Vous avez déjà fait votre déclaration pour cette audition."]
    assert list(Declaration.objects.values_list("link", flat=True)) == ["none"]


def test_a_second_declaration_through_the_page_is_refused_in_french(client):
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    audition_declare(audition=audition, juror=juror, link=Link.NONE)
    client.force_login(juror)

    response = client.post(
        reverse("auditions:declare", args=[audition.pk]), {"link": "personal", "note": "Ma cousine"}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Vous avez déjà fait votre déclaration pour cette audition."
    ]
    assert list(Declaration.objects.values_list("link", flat=True)) == ["none"]


def test_another_jurys_juror_cannot_declare_nor_open_the_audition(client):
    audition = booked_audition()
    outsider = JuryMemberFactory().user
    client.force_login(outsider)

    assert client.get(reverse("auditions:audition", args=[audition.pk])).status_code == 403
    assert client.post(reverse("auditions:declare", args=[audition.pk]), {"link": "none"}).status_code == 403
    assert not Declaration.objects.exists()


def test_a_cancelled_audition_takes_no_declaration():
    audition = audition_cancel(audition=booked_audition(), by=UserFactory(staff=True))

    with pytest.raises(ValidationError) as error:
        audition_declare(audition=audition, juror=jurors_of(audition)[0], link=Link.NONE)

    assert error.value.messages == ["Cette audition est annulée : aucune déclaration n'est attendue."]


# --- Quorum ---------------------------------------------------------------------------------------------


def test_below_quorum_counts_the_jurors_who_did_not_recuse():
    audition = booked_audition(jurors=4)
    cohort = audition.cohort
    first, second, third, _fourth = jurors_of(audition)
    audition_declare(audition=audition, juror=first, link=Link.NONE)
    audition_declare(audition=audition, juror=second, link=Link.PERSONAL, note="Mon frère")

    assert list(auditions_below_quorum(cohort)) == []

    audition_declare(audition=audition, juror=third, link=Link.OTHER, note="Ancien associé")

    [below] = auditions_below_quorum(cohort)
    assert (below, below.seated, below.recused, below.sitting) == (audition, 4, 2, 2)


def test_staff_are_emailed_once_when_a_recusal_takes_the_audition_below_quorum():
    staff = [UserFactory(staff=True, email="equipe@example.org"), UserFactory(staff=True, email="chef@example.org")]
    audition = booked_audition(jurors=4)
    first, second, third, _fourth = jurors_of(audition)

    audition_declare(audition=audition, juror=first, link=Link.PERSONAL, note="Ma sœur")
    assert OutboxEmail.objects.count() == 0  # 3 jurors left: the quorum of 3 holds.

    audition_declare(audition=audition, juror=second, link=Link.SUPERVISED, note="Mon stagiaire en 2022")
    emails = list(OutboxEmail.objects.order_by("pk"))
    assert sorted(email.to[0] for email in emails) == sorted(user.email for user in staff)
    assert emails[0].subject == (
        f"[EIG] Quorum non atteint : {audition.jury.name}, audition de "
        f"{audition.application.candidate.get_full_name()}"
    )
    assert "Juré·es pouvant encore l'évaluer : 2, sous le quorum de 3." in emails[0].body
    assert reverse("auditions:declarations", args=[audition.cohort.pk]) in emails[0].body

    audition_declare(audition=audition, juror=third, link=Link.OTHER, note="Voisin")
    assert OutboxEmail.objects.count() == 2  # Already below: not told again.


def test_a_no_link_declaration_never_emails_staff():
    UserFactory(staff=True)
    audition = booked_audition(jurors=2)  # Below the quorum of 3 from the start.

    audition_declare(audition=audition, juror=jurors_of(audition)[0], link=Link.NONE)

    assert OutboxEmail.objects.count() == 0


# --- Staff's page of declarations ---------------------------------------------------------------------------


def declarations_page(client, cohort):
    return Page(client.get(reverse("auditions:declarations", args=[cohort.pk])).content.decode())


def test_staff_see_every_declaration_and_the_auditions_below_quorum(client):
    audition = booked_audition(jurors=3)
    first, second, _third = jurors_of(audition)
    audition_declare(audition=audition, juror=first, link=Link.NONE)
    audition_declare(audition=audition, juror=second, link=Link.WORKED_TOGETHER, note="Projet commun en 2023")
    client.force_login(UserFactory(staff=True))

    page = declarations_page(client, audition.cohort)

    [warning] = page.find_all(id="below-quorum")
    assert page.texts("h2", inside=warning) == ["1 audition sous le quorum de 3 juré·es"]
    assert [a.attrs["href"] for a in page.find_all("a", inside=warning)] == [
        reverse("auditions:audition", args=[audition.pk])
    ]
    rows = page.find_all("tr", inside=page.find_all(id="declarations")[0])[1:]
    assert [page.texts("th", inside=row) for row in rows] == [
        [second.get_full_name()],
        [first.get_full_name()],
    ]
    assert "Projet commun en 2023" in rows[0].text and "Nous avons travaillé ensemble" in rows[0].text
    audition_page = Page(client.get(reverse("auditions:audition", args=[audition.pk])).content.decode())
    assert [
        item.text
        for item in audition_page.find_all("li", inside=audition_page.find_all(id="audition-declarations")[0])
    ] == [
        f"{first.get_full_name()} : Aucun lien, le {paris_datetime(first.declarations.get().created_at)}",
        f"{second.get_full_name()} : Nous avons travaillé ensemble, le "
        f"{paris_datetime(second.declarations.get().created_at)} — Projet commun en 2023",
    ]


def test_no_warning_when_every_audition_holds_its_quorum(client):
    audition = booked_audition(jurors=3)
    audition_declare(audition=audition, juror=jurors_of(audition)[0], link=Link.NONE)
    client.force_login(UserFactory(staff=True))

    assert declarations_page(client, audition.cohort).find_all(id="below-quorum") == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_declarations_page_makes_the_same_queries_for_1_and_3(client, django_assert_num_queries, count, settings):
    settings.STAFF_MFA_REQUIRED = True  # the second factor's query counts too
    cohort = CohortFactory(phase="auditions")
    for index in range(count):
        audition = AuditionFactory(
            jury=JuryFactory(cohort=cohort, members=2), at=auditions_day(cohort, hour=9 + index)
        )
        for juror in jurors_of(audition):
            audition_declare(audition=audition, juror=juror, link=Link.OTHER, note="Lien")
    client.force_login(UserFactory(staff=True))
    url = reverse("auditions:declarations", args=[cohort.pk])

    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_declaring_locks_the_audition_so_that_two_recusals_are_counted_in_turn():
    audition = booked_audition()
    other = connections.create_connection("default")  # a second session, as a second juror's request
    try:
        with transaction.atomic():
            audition_declare(audition=audition, juror=jurors_of(audition)[0], link=Link.OTHER, note="Voisin")
            with other.cursor() as cursor:
                jury_rows = lock_nowait(cursor, "auditions_jury", audition.jury_id)
                with pytest.raises(OperationalError) as refused:
                    lock_nowait(cursor, "auditions_audition", audition.pk)
    finally:
        other.close()

    assert jury_rows == [(audition.jury_id,)]
    assert refused.value.__cause__.sqlstate == "55P03"  # lock_not_available
