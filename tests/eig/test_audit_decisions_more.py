"""The decisions that join the audit trail after the first ones (tests/eig/test_audit_decisions.py): the
jurors' declarations of interests, audition slots booked, moved and taken off (a cancellation and the
candidate's answer stay the lifecycle's rows), auditions added by staff or proposed by a jury, invitations
accepted (jury seats, mentors), private feed addresses renewed, and a cohort's retention periods changed in
the admin. Exact action, summary, object, author and details; never a note, a reason or a token."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from auditions.calendars import juror_feed_renew
from auditions.convocations import convocation_answer, convocation_send
from auditions.declarations import audition_declare
from auditions.models import JurorFeed, Link
from auditions.services import (
    audition_add,
    audition_book,
    audition_cancel,
    audition_jury_propose,
    audition_move,
    audition_unbook,
    auditions_propose,
    jury_member_accept,
)
from eig.audit.models import AuditEntry
from eig.dates import paris_datetime
from fellowship.fellows import mentor_accept
from fellowship.models import SessionFeed
from fellowship.sessions import session_feed_renew
from tests.applications.factories import ApplicationFactory, WishFactory
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.auditions.juror_kit import booked_audition, jurors_of
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.cohorts.test_admin import admin_form_data
from tests.eig.factories import UserFactory
from tests.fellowship.factories import FellowFactory, MentorFactory

pytestmark = pytest.mark.django_db


def rows(**filters) -> list[tuple]:
    """(action, summary, object type, object id, author's address) of the trail's rows, oldest first."""
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("at", "id")
        .values_list("action", "summary", "object_type", "object_id", "actor_email")
    )


def data(**filters) -> list[dict]:
    return list(AuditEntry.objects.filter(**filters).order_by("at", "id").values_list("data", flat=True))


def in_french(value) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return paris_datetime(value)


def utc(value) -> str:
    return value.astimezone(dt.UTC).isoformat()


@pytest.fixture
def staff():
    return UserFactory(staff=True, second_factor=True, email="equipe@example.org")


# --- Declarations of interests ---------------------------------------------------------------------------


def test_a_declaration_without_link_and_a_recusal_are_recorded_without_the_note():
    audition = booked_audition()
    first, second = jurors_of(audition)[:2]

    none = audition_declare(audition=audition, juror=first, link=Link.NONE)
    recusal = audition_declare(audition=audition, juror=second, link=Link.PERSONAL, note="C'est ma cousine Anne")

    object_ = ("auditions.audition", str(audition.pk))
    assert rows(action="declaration") == [
        (
            "declaration",
            f"Audition n°{audition.pk} : déclaration d'intérêts n°{none.pk}, aucun lien",
            *object_,
            first.email,
        ),
        (
            "declaration",
            f"Audition n°{audition.pk} : déclaration d'intérêts n°{recusal.pk}, lien déclaré (déport)",
            *object_,
            second.email,
        ),
    ]
    assert data(action="declaration") == [
        {"declaration": none.pk, "link": "none", "recusal": False, "note": False},
        {"declaration": recusal.pk, "link": "personal", "recusal": True, "note": True},
    ]


def test_a_refused_declaration_leaves_no_row():
    audition = booked_audition()
    juror = jurors_of(audition)[0]

    with pytest.raises(Exception, match="Précisez le lien"):
        audition_declare(audition=audition, juror=juror, link=Link.OTHER, note="  ")

    assert rows(action="declaration") == []


# --- Slots -------------------------------------------------------------------------------------------------


def test_a_slot_booked_then_moved_by_staff_then_taken_off_is_recorded_with_before_and_after(staff):
    audition = AuditionFactory()
    cohort = audition.cohort
    ten, two = auditions_day(cohort, hour=10), auditions_day(cohort, day=1, hour=14)
    before = AuditEntry.objects.count()

    audition_book(audition=audition, starts_at=ten)
    audition_move(audition=audition, starts_at=two, by=staff)
    audition_unbook(audition=audition)

    duration = cohort.audition_duration
    object_ = ("auditions.audition", str(audition.pk))
    assert rows()[before:] == [
        ("audition", f"Audition n°{audition.pk} : créneau réservé le {in_french(ten)}", *object_, ""),
        ("audition", f"Audition n°{audition.pk} : créneau déplacé au {in_french(two)}", *object_, staff.email),
        ("audition", f"Audition n°{audition.pk} : créneau retiré", *object_, ""),
    ]
    slot_ten = {"starts_at": utc(ten), "ends_at": utc(ten + duration)}
    slot_two = {"starts_at": utc(two), "ends_at": utc(two + duration)}
    assert data(action="audition")[-3:] == [
        {"jury": audition.jury_id, "before": None, "after": slot_ten},
        {"jury": audition.jury_id, "before": slot_ten, "after": slot_two},
        {"jury": audition.jury_id, "before": slot_two, "after": None},
    ]


def test_booking_the_same_slot_again_writes_no_row():
    audition = booked_audition()
    before = AuditEntry.objects.count()

    audition_book(audition=audition, starts_at=audition.starts_at)

    assert AuditEntry.objects.count() == before


def test_a_cancellation_is_the_lifecycle_row_only(staff):
    audition = booked_audition()
    before = AuditEntry.objects.count()

    audition_cancel(audition=audition, by=staff, reason="Le candidat a trouvé un emploi chez Acme")

    assert rows()[before:] == [
        (
            "status",
            f"Audition n°{audition.pk} : à convoquer → annulée",
            "auditions.audition",
            str(audition.pk),
            staff.email,
        )
    ]
    assert data()[before:][0]["note"] is True


@pytest.mark.parametrize(
    ("confirm", "summary_end"),
    [(True, "convocation envoyée → confirmée"), (False, "convocation envoyée → autre horaire demandé")],
)
def test_the_candidates_answer_is_the_lifecycle_row(staff, confirm, summary_end):
    jury = JuryFactory(cohort=CohortFactory(phase="after_wishes"), members=2)
    audition = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=10))
    convocation_send(audition=audition, by=staff)
    candidate = audition.application.candidate
    before = AuditEntry.objects.count()

    convocation_answer(audition=audition, by=candidate, confirm=confirm, reason="Je passe un examen ce jour-là")

    assert rows()[before:] == [
        (
            "status",
            f"Audition n°{audition.pk} : {summary_end}",
            "auditions.audition",
            str(audition.pk),
            candidate.email,
        )
    ]


# --- Auditions added -------------------------------------------------------------------------------------


def test_an_audition_added_by_staff_is_recorded(staff):
    jury = JuryFactory()
    application = ApplicationFactory(cohort=jury.cohort, preselected=True)
    challenge = jury.challenges.get()

    audition = audition_add(application=application, challenge=challenge, jury=jury, by=staff)

    assert rows(action="audition") == [
        (
            "audition",
            f"Audition n°{audition.pk} ajoutée par l'équipe : candidature n°{application.pk}, défi n°{challenge.pk}",
            "auditions.audition",
            str(audition.pk),
            staff.email,
        )
    ]
    assert data(action="audition") == [
        {"application": application.pk, "challenge": challenge.pk, "jury": jury.pk, "origin": "staff", "reason": False}
    ]


def test_the_jurys_proposal_of_another_challenge_is_recorded_without_its_reason():
    audition = booked_audition()
    juror = jurors_of(audition)[0]
    other = ChallengeFactory(cohort=audition.cohort, selected=True)
    other_jury = JuryFactory(cohort=audition.cohort, challenges=[other])
    before = AuditEntry.objects.count()

    proposed = audition_jury_propose(audition=audition, challenge=other, reason="Son profil data convient", by=juror)

    application = audition.application
    assert rows()[before:] == [
        (
            "audition",
            f"Audition n°{proposed.pk} proposée par le jury : candidature n°{application.pk}, défi n°{other.pk}",
            "auditions.audition",
            str(proposed.pk),
            juror.email,
        )
    ]
    assert data()[before:] == [
        {"application": application.pk, "challenge": other.pk, "jury": other_jury.pk, "origin": "jury", "reason": True}
    ]


def test_the_auditions_proposed_from_the_wishes_are_one_row_for_the_cohort(staff):
    jury = JuryFactory()
    challenge = jury.challenges.get()
    applications = [ApplicationFactory(cohort=jury.cohort, preselected=True) for _ in range(2)]
    for application in applications:
        WishFactory(application=application, challenge=challenge)

    proposal = auditions_propose(jury.cohort, by=staff)

    cohort = jury.cohort
    assert rows(action="audition") == [
        (
            "audition",
            f"Promotion n°{cohort.pk} : 2 audition(s) proposée(s) d'après les vœux",
            "cohorts.cohort",
            str(cohort.pk),
            staff.email,
        )
    ]
    assert data(action="audition") == [{"auditions": [audition.pk for audition in proposal.created]}]


# --- Invitations accepted, feeds renewed -----------------------------------------------------------------


def test_a_jury_seat_accepted_is_recorded_with_the_role_given():
    jury = JuryFactory()
    member = JuryMemberFactory(jury=jury, user=None, email="jure@example.org", accepted_at=None)
    user = UserFactory(email="jure@example.org")

    jury_member_accept(member=member, user=user)

    assert rows(action="account") == [
        (
            "account",
            f"Membre du jury n°{member.pk} : invitation acceptée par le compte n°{user.pk}",
            "auditions.jurymember",
            str(member.pk),
            "jure@example.org",
        )
    ]
    assert data(action="account") == [{"user": user.pk, "jury": jury.pk, "role": "outside", "role_given": True}]


def test_a_mentor_invitation_accepted_is_recorded():
    mentor = MentorFactory(user=None, accepted_at=None, email="cheffe@administration.gouv.fr")
    user = UserFactory(email="cheffe@administration.gouv.fr", agent=True)

    mentor_accept(mentor=mentor, user=user)

    assert rows(action="account") == [
        (
            "account",
            f"Mentor·e n°{mentor.pk} : invitation acceptée par le compte n°{user.pk}",
            "fellowship.mentor",
            str(mentor.pk),
            "cheffe@administration.gouv.fr",
        )
    ]
    assert data(action="account") == [
        {"user": user.pk, "challenge": mentor.challenge_id, "kind": "operational", "role_given": True}
    ]


def test_renewing_a_private_feed_is_recorded_never_the_token():
    seat = JuryMemberFactory()
    fellow = FellowFactory()

    first = juror_feed_renew(juror=seat.user)
    again = juror_feed_renew(juror=seat.user)
    sessions = session_feed_renew(fellow.user)

    juror_feed, session_feed = JurorFeed.objects.get(), SessionFeed.objects.get()
    renewed = "nouvelle adresse pour le compte n°%s (l'ancienne ne fonctionne plus)"
    assert rows(action="account") == [
        (
            "account",
            f"Agenda privé d'un·e juré·e n°{juror_feed.pk} : {renewed % seat.user_id}",
            "auditions.jurorfeed",
            str(juror_feed.pk),
            seat.user.email,
        ),
        (
            "account",
            f"Agenda privé d'un·e juré·e n°{juror_feed.pk} : {renewed % seat.user_id}",
            "auditions.jurorfeed",
            str(juror_feed.pk),
            seat.user.email,
        ),
        (
            "account",
            f"Agenda privé des sessions n°{session_feed.pk} : {renewed % fellow.user_id}",
            "fellowship.sessionfeed",
            str(session_feed.pk),
            fellow.user.email,
        ),
    ]
    assert data(action="account") == [
        {"owner": seat.user_id, "created": True},
        {"owner": seat.user_id, "created": False},
        {"owner": fellow.user_id, "created": True},
    ]
    trail = str(list(AuditEntry.objects.values_list("summary", "data")))
    assert (first in trail, again in trail, sessions in trail) == (False, False, False)


# --- A cohort's retention periods, in the admin --------------------------------------------------------


def test_staff_changing_retention_periods_in_the_admin_records_before_and_after(client):
    staff = UserFactory(superuser=True, email="equipe@example.org")
    client.force_login(staff)
    client.post(reverse("admin:cohorts_cohort_add"), admin_form_data())
    cohort = CohortFactory._meta.model.objects.get()
    assert rows(action="setting") == []
    url = reverse("admin:cohorts_cohort_change", args=[cohort.pk])

    unchanged = client.post(url, admin_form_data(), follow=False)
    changed = client.post(
        url, {**admin_form_data(), "retention_not_retained_months": "12", "retention_drafts_days": "15"}
    )

    assert (unchanged.status_code, changed.status_code) == (302, 302)
    assert rows(action="setting") == [
        (
            "setting",
            f"Promotion n°{cohort.pk} : durées de conservation modifiées (conservation des dossiers non retenus "
            "(mois), conservation des brouillons jamais déposés (jours))",
            "cohorts.cohort",
            str(cohort.pk),
            "equipe@example.org",
        )
    ]
    assert data(action="setting") == [
        {
            "retention": {
                "retention_not_retained_months": {"before": 6, "after": 12},
                "retention_drafts_days": {"before": 30, "after": 15},
            }
        }
    ]


def test_a_refused_retention_change_leaves_no_row(client):
    client.force_login(UserFactory(superuser=True))
    client.post(reverse("admin:cohorts_cohort_add"), admin_form_data())
    cohort = CohortFactory._meta.model.objects.get()

    response = client.post(
        reverse("admin:cohorts_cohort_change", args=[cohort.pk]),
        {**admin_form_data(), "retention_consent_months": "36"},
    )

    assert response.status_code == 200
    assert rows(action="setting") == []
