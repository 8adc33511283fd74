"""The auditions' admin: the audition list (its columns, filters, actions), adding and booking an
audition through the services (Paris time, refusals on the form), moving and freeing a slot, cancelling
through the admin's decision flow; declarations read-only; unavailabilities; is_director in the user admin."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from auditions.admin import AuditionAdmin, DeclarationAdmin, UnavailabilityAdmin
from auditions.admin_convocations import AnswerFilter
from auditions.admin_filters import QuorumListFilter, ScorecardsListFilter, SlotListFilter
from auditions.models import Audition, AuditionStatus, JurorBooking
from eig.admin import UserAdmin
from eig.dates import PARIS, paris_datetime
from tests.applications.factories import ApplicationFactory
from tests.auditions.factories import (
    AuditionFactory,
    DeclarationFactory,
    JuryFactory,
    JuryMemberFactory,
    auditions_day,
)
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:auditions_audition_changelist")
ADD = reverse("admin:auditions_audition_add")


def slot_data(start: dt.datetime | None, end: dt.datetime | None = None, video_link: str = "") -> dict:
    data = {"video_link": video_link}
    for field, value in (("starts_at", start), ("ends_at", end)):
        local = value.astimezone(PARIS) if value else None
        data[f"{field}_0"] = local.strftime("%d/%m/%Y") if local else ""
        data[f"{field}_1"] = local.strftime("%H:%M") if local else ""
    return data | {"transitions-TOTAL_FORMS": "0", "transitions-INITIAL_FORMS": "0"}


def add_data(application, jury, start=None, **slot) -> dict:
    return {
        "application": application.pk,
        "challenge": jury.challenges.get().pk,
        "jury": jury.pk,
        **slot_data(start, **slot),
    }


def messages_of(response) -> list[str]:
    page = Page(response.content.decode())
    lists = page.find_all("ul", css_class="messagelist")
    return page.texts("li", inside=lists[0]) if lists else []


def test_the_list_columns_filters_search_and_actions(client, admin_staff):
    response = client.get(CHANGELIST)

    assert AuditionAdmin.list_display == (
        "candidate_display",
        "challenge",
        "jury",
        "slot_column",
        "status_display",
        "origin",
    )
    assert AuditionAdmin.list_filter == (
        "application__cohort",
        "jury",
        "status",
        AnswerFilter,
        "origin",
        QuorumListFilter,
        SlotListFilter,
        ScorecardsListFilter,
    )
    assert list(response.context["cl"].model_admin.get_actions(response.wsgi_request)) == ["convene", "cancel"]
    assert Page(response.content.decode()).texts("a", href=reverse("admin:auditions_audition_propose")) == [
        "Proposer les auditions"
    ]


def test_the_list_shows_the_slot_in_paris_time_and_the_status(client, admin_staff):
    jury = JuryFactory()
    start = auditions_day(jury.cohort, hour=10, minute=30)
    audition = AuditionFactory(jury=jury, at=start)
    audition.application.candidate.first_name, audition.application.candidate.last_name = "Camille", "Durand"
    audition.application.candidate.save()

    page = Page(client.get(CHANGELIST).content.decode())

    assert page.texts("th", css_class="field-candidate_display") == ["Camille Durand"]
    assert page.texts("td", css_class="field-slot_column") == [paris_datetime(start)]
    assert paris_datetime(start).endswith(" à 10:30 (heure de Paris)")
    assert page.texts("td", css_class="field-status_display") == ["● À convoquer"]
    assert page.texts("td", css_class="field-origin") == ["Vœu du candidat ou de la candidate"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_does_not_grow(client, admin_staff, django_assert_num_queries, count):
    jury = JuryFactory()
    for hour in range(count):
        AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9 + hour))

    # session, user, second factor, count, count, the cohort and jury filters, the list
    with django_assert_num_queries(8):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == count


def test_staff_add_an_audition_with_its_slot_typed_in_paris_time(client, admin_staff):
    jury = JuryFactory(members=2)
    application = ApplicationFactory(cohort=jury.cohort, preselected=True)
    start = auditions_day(jury.cohort, day=1, hour=14)

    response = client.post(ADD, add_data(application, jury, start))

    audition = Audition.objects.get()
    assert response.status_code == 302
    assert (audition.origin, audition.status, audition.starts_at, audition.ends_at) == (
        "staff",
        AuditionStatus.PLANNED,
        start,
        start + dt.timedelta(minutes=30),
    )
    assert JurorBooking.objects.filter(audition=audition).count() == 2


def test_staff_add_an_audition_without_a_slot(client, admin_staff):
    jury = JuryFactory()
    application = ApplicationFactory(cohort=jury.cohort, preselected=True)

    response = client.post(ADD, add_data(application, jury))

    assert response.status_code == 302
    assert Audition.objects.get().starts_at is None


def test_adding_a_clashing_slot_is_refused_on_the_form_and_saves_nothing(client, admin_staff):
    jury = JuryFactory()
    start = auditions_day(jury.cohort, hour=10)
    AuditionFactory(jury=jury, at=start)
    application = ApplicationFactory(cohort=jury.cohort, preselected=True)

    response = client.post(ADD, add_data(application, jury, start + dt.timedelta(minutes=15)))

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["Ce jury a déjà une audition à cet horaire."]
    assert Audition.objects.count() == 1


def test_adding_for_a_candidate_not_preselected_is_refused_in_french(client, admin_staff):
    jury = JuryFactory()
    application = ApplicationFactory(cohort=jury.cohort, submitted=True)

    response = client.post(ADD, add_data(application, jury))

    assert response.context["adminform"].form.non_field_errors() == [
        "Seul·es les candidat·es présélectionné·es sont auditionné·es."
    ]
    assert Audition.objects.count() == 0


def test_moving_a_slot_goes_through_the_service_and_keeps_the_duration(client, admin_staff):
    jury = JuryFactory(members=1)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    new_start = auditions_day(jury.cohort, hour=11)
    data = slot_data(new_start, audition.ends_at, audition.video_link)

    response = client.post(reverse("admin:auditions_audition_change", args=[audition.pk]), data)

    audition.refresh_from_db()
    assert response.status_code == 302
    assert (audition.starts_at, audition.ends_at) == (new_start, new_start + dt.timedelta(minutes=30))
    assert JurorBooking.objects.get(audition=audition).busy.lower == new_start


def test_moving_outside_the_auditions_is_refused_on_the_form(client, admin_staff):
    jury = JuryFactory()
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    before = jury.cohort.auditions_start_at - dt.timedelta(days=2)

    response = client.post(
        reverse("admin:auditions_audition_change", args=[audition.pk]),
        slot_data(before, audition.ends_at, audition.video_link),
    )

    window = jury.cohort.window("auditions")
    assert response.context["adminform"].form.non_field_errors() == [
        f"Le créneau doit se situer pendant les auditions, du {window.opens_display} au {window.deadline_display}."
    ]


def test_emptying_the_slot_frees_the_time(client, admin_staff):
    jury = JuryFactory(members=1)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))

    response = client.post(reverse("admin:auditions_audition_change", args=[audition.pk]), slot_data(None))

    audition.refresh_from_db()
    assert response.status_code == 302
    assert (audition.starts_at, audition.busy) == (None, None)
    assert JurorBooking.objects.filter(audition=audition).count() == 0


def test_the_change_page_keeps_who_and_the_status_read_only(client, admin_staff):
    audition = AuditionFactory()

    form = client.get(reverse("admin:auditions_audition_change", args=[audition.pk])).context["adminform"].form

    assert sorted(form.fields) == ["ends_at", "starts_at", "video_link"]


def test_cancelling_goes_through_the_decision_page_and_frees_the_time(client, admin_staff):
    jury = JuryFactory(members=1)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    chosen = {"action": "cancel", ACTION_CHECKBOX_NAME: [audition.pk]}

    confirmation = Page(client.post(CHANGELIST, chosen).content.decode())
    done = client.post(CHANGELIST, chosen | {"post": "yes", "note": "Désistement"}, follow=True)

    audition.refresh_from_db()
    assert confirmation.texts("h1") == ["Annuler ces auditions ?"]
    assert confirmation.texts("p")[0] == "Cette audition passera au statut « Annulée » :"
    assert audition.status == AuditionStatus.CANCELLED
    assert audition.transitions.get().note == "Désistement"
    assert JurorBooking.objects.count() == 0
    assert messages_of(done) == ["1 audition annulée. Leur créneau est libéré."]


def test_a_cancelled_audition_is_left_out_of_the_cancellation(client, admin_staff):
    audition = AuditionFactory(status=AuditionStatus.CANCELLED)

    response = client.post(CHANGELIST, {"action": "cancel", ACTION_CHECKBOX_NAME: [audition.pk]}, follow=True)

    assert messages_of(response) == [
        f"Une audition déjà annulée ne peut pas passer au statut « Annulée » ; ignorées : {audition}."
    ]


# --- Declarations, unavailabilities, users -------------------------------------------------------------------


def test_declarations_are_read_only_and_never_deleted(client, admin_staff):
    audition = AuditionFactory(jury=JuryFactory(members=1))
    declaration = DeclarationFactory(audition=audition)
    url = reverse("admin:auditions_declaration_change", args=[declaration.pk])

    change = client.get(url)
    posted = client.post(url, {"link": "other", "note": "Modifiée"})
    deleted = client.post(reverse("admin:auditions_declaration_delete", args=[declaration.pk]), {"post": "yes"})
    listed = client.get(reverse("admin:auditions_declaration_changelist"))

    declaration.refresh_from_db()
    assert DeclarationAdmin.list_display == ("audition", "juror", "link", "created_at")
    assert change.context["adminform"].form.fields == {}
    assert (posted.status_code, deleted.status_code) == (403, 403)
    assert declaration.link == "none"
    assert list(listed.context["cl"].model_admin.get_actions(listed.wsgi_request)) == []
    assert client.get(reverse("admin:auditions_declaration_add")).status_code == 403


def unavailability_data(application, start: str, end: str, note: str = "") -> dict:
    """The add form as a browser posts it, on 12 May 2027 from `start` to `end` (Paris time, as typed)."""
    day = "12/05/2027"
    return {
        "application": application.pk,
        "starts_at_0": day,
        "starts_at_1": start,
        "ends_at_0": day,
        "ends_at_1": end,
        "note": note,
    }


def test_staff_record_an_unavailability_in_paris_time(client, admin_staff):
    application = ApplicationFactory(preselected=True)
    data = unavailability_data(application, "09:00", "12h", note="Examen")

    response = client.post(reverse("admin:auditions_unavailability_add"), data)

    unavailability = application.unavailabilities.get()
    assert UnavailabilityAdmin.list_display == ("application", "starts_at", "ends_at", "note")
    assert response.status_code == 302
    assert (unavailability.starts_at.isoformat(), unavailability.ends_at.isoformat()) == (
        "2027-05-12T07:00:00+00:00",
        "2027-05-12T10:00:00+00:00",
    )


def test_an_unavailability_ending_before_it_starts_is_refused_in_french(client, admin_staff):
    data = unavailability_data(ApplicationFactory(preselected=True), "12:00", "09:00")

    response = client.post(reverse("admin:auditions_unavailability_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["La fin doit suivre le début."]


def test_the_user_admin_shows_and_edits_the_director_role(client, admin_staff):
    JuryMemberFactory()

    assert "is_director" in UserAdmin.list_display
    assert "is_director" in UserAdmin.list_filter
    assert "is_director" in UserAdmin.fieldsets[2][1]["fields"]
    assert "is_director" in UserAdmin.add_fieldsets[2][1]["fields"]
