"""Jury invitations: staff invite a seat's address; the e-mail names the jury, its challenges and the
auditions' dates; the link works for people without an account (sign up or log in, then back); accepting
links the seat to the account, makes it a juror's, books the juror in the jury's auditions (a clash is
refused with the constraint's message) and sends a juror without a second factor to enrol one."""

import html

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from auditions.models import JurorBooking, JuryMember, JuryRole
from auditions.services import jury_invite, jury_member_accept, jury_member_invite
from eig.dates import paris_datetime
from eig.models import OutboxEmail, User
from tests.auditions.factories import AuditionFactory, JuryFactory, JuryMemberFactory, auditions_day
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

INVITED = "jure.exterieure@example.org"
SECOND_FACTOR_MESSAGE = (
    "Vous siégez désormais dans le jury. Un·e juré·e active l'authentification à deux facteurs avant de voir "
    "le moindre dossier : ajoutez-la maintenant."
)


@pytest.fixture
def staff():
    return UserFactory(staff=True, second_factor=True, email="equipe@example.org")


@pytest.fixture
def jury():
    jury = JuryFactory(name="Jury Mer", challenges=[])
    jury.challenges.set(
        [ChallengeFactory(cohort=jury.cohort, selected=True, name=name) for name in ("Signaux Faibles", "b@liseNAV")]
    )
    return jury


def pending_member(jury, email=INVITED, role=JuryRole.OUTSIDE) -> JuryMember:
    return JuryMemberFactory(jury=jury, user=None, email=email, role=role, invited_at=None, accepted_at=None)


def juror_booked_elsewhere(jury):
    """The invited address's juror account, sitting on another jury whose audition is at the same time as
    one of this jury's."""
    start = auditions_day(jury.cohort, hour=14)
    AuditionFactory(jury=jury, at=start)
    user = UserFactory(juror=True, second_factor=True, email=INVITED)
    elsewhere = JuryFactory(cohort=jury.cohort)
    JuryMemberFactory(jury=elsewhere, user=user)
    AuditionFactory(jury=elsewhere, at=start)
    return user


def accept_url(member) -> str:
    return reverse("auditions:invitation_accept", args=[member.token])


def test_invite_emails_the_jury_its_challenges_the_dates_and_the_link(jury, staff):
    member = pending_member(jury)

    invited = jury_member_invite(member=member, by=staff)

    email = OutboxEmail.objects.get()
    window = jury.cohort.window("auditions")
    assert (invited.invited_by, invited.invited_at is not None) == (staff, True)
    assert (email.to, email.subject) == (
        [INVITED],
        f"[EIG] Invitation à siéger au jury « Jury Mer » ({jury.cohort.name})",
    )
    assert "en tant que : Personne extérieure." in email.body
    assert "- b@liseNAV\n- Signaux Faibles\n" in email.body
    assert f"Les auditions ont lieu du {paris_datetime(window.opens_at)} au {paris_datetime(window.deadline)}" in (
        email.body
    )
    assert f"http://127.0.0.1:8000{accept_url(member)}" in email.body


def test_jury_invite_sends_to_the_members_not_invited_and_resends_to_those_who_did_not_accept(jury, staff):
    never = pending_member(jury, "b@example.org")
    waiting = pending_member(jury, "a@example.org")
    jury_member_invite(member=waiting, by=staff)
    JuryMemberFactory(jury=jury)  # accepted
    OutboxEmail.objects.all().delete()

    first = jury_invite(jury=jury, by=staff)
    again = jury_invite(jury=jury, by=staff, resend=True)

    assert [member.email for member in first] == [never.email]
    assert [member.email for member in again] == ["a@example.org", "b@example.org"]
    assert sorted(email.to[0] for email in OutboxEmail.objects.all()) == [
        "a@example.org",
        "b@example.org",
        "b@example.org",
    ]


def test_an_accepted_invitation_is_not_sent_again(jury, staff):
    member = JuryMemberFactory(jury=jury)

    with pytest.raises(ValidationError) as error:
        jury_member_invite(member=member, by=staff)

    assert error.value.messages == [f"{member.email} a déjà accepté son invitation : elle ne peut plus être envoyée."]


def test_accepting_links_the_seat_makes_a_juror_and_books_them_in_the_jury_auditions(jury):
    booked = AuditionFactory(jury=jury, at=auditions_day(jury.cohort, hour=9))
    AuditionFactory(jury=jury)  # no slot yet: nothing to hold
    member = pending_member(jury)
    user = UserFactory(agent=True, email="Jure.Exterieure@example.org")

    accepted = jury_member_accept(member=member, user=user)

    user.refresh_from_db()
    assert (accepted.user, accepted.accepted_at is not None, user.is_juror) == (user, True, True)
    assert list(JurorBooking.objects.filter(juror=user).values_list("audition_id", flat=True)) == [booked.pk]


def test_accepting_is_refused_to_another_address_and_once_used(jury):
    member = pending_member(jury)
    user = UserFactory(email=INVITED)

    with pytest.raises(PermissionDenied) as other:
        jury_member_accept(member=member, user=UserFactory(email="autre@example.org"))
    jury_member_accept(member=member, user=user)
    with pytest.raises(ValidationError) as used:
        jury_member_accept(member=member, user=user)

    assert str(other.value) == "Cette invitation a été envoyée à une autre adresse e-mail."
    assert used.value.messages == ["Cette invitation a déjà été utilisée."]


def test_accepting_a_second_seat_on_the_same_jury_is_refused_in_french(jury):
    user = UserFactory(juror=True, email=INVITED)
    JuryMemberFactory(jury=jury, user=user, email="ancienne.adresse@example.org")
    member = pending_member(jury)

    with pytest.raises(ValidationError) as error:
        jury_member_accept(member=member, user=user)

    member.refresh_from_db()
    assert error.value.messages == ["Cette personne est déjà membre de ce jury."]
    assert (member.user, member.accepted_at) == (None, None)


def test_accepting_is_refused_when_the_juror_sits_elsewhere_at_the_same_time(jury):
    user = juror_booked_elsewhere(jury)
    member = pending_member(jury)

    with pytest.raises(ValidationError) as error:
        jury_member_accept(member=member, user=user)

    member.refresh_from_db()
    assert error.value.messages == ["Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire."]
    assert (member.user, member.accepted_at) == (None, None)
    assert JurorBooking.objects.filter(juror=user).count() == 1


# --- The acceptance page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("has_account", "sent_to"), [(False, "account_signup"), (True, "account_login")])
def test_the_page_sends_a_visitor_to_sign_up_or_log_in_then_back(client, jury, has_account, sent_to):
    if has_account:
        UserFactory(email=INVITED)
    member = pending_member(jury)

    response = client.get(accept_url(member))

    assert (response.status_code, response["Location"]) == (302, f"{reverse(sent_to)}?next={accept_url(member)}")


def test_the_page_names_the_jury_its_challenges_and_the_dates(client, jury):
    member = pending_member(jury, role=JuryRole.PRESIDENT)
    client.force_login(UserFactory(email=INVITED))

    page = Page(client.get(accept_url(member)).content.decode())

    window = jury.cohort.window("auditions")
    assert page.texts("h1") == ["Invitation à siéger dans un jury"]
    assert page.texts("li", inside=page.find_all("ul", id="jury-challenges")[0]) == ["b@liseNAV", "Signaux Faibles"]
    assert page.texts("p", id="auditions-dates") == [
        f"Les auditions ont lieu du {window.opens_display} au {window.deadline_display}, en visioconférence."
    ]
    assert page.texts("button", inside=page.main) == ["Accepter l'invitation"]


def test_accepting_without_a_second_factor_sends_to_the_second_factor_enrolment(client, jury, settings):
    settings.STAFF_MFA_REQUIRED = True
    member = pending_member(jury)
    user = UserFactory(candidate=True, email=INVITED)
    client.force_login(user)

    response = client.post(accept_url(member))

    member.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_index"))
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Vous siégez désormais dans le jury « Jury Mer ».",
        SECOND_FACTOR_MESSAGE,
    ]
    assert member.user == user


def test_accepting_with_a_second_factor_lands_on_the_jurors_auditions(client, jury, settings):
    settings.STAFF_MFA_REQUIRED = True
    member = pending_member(jury)
    client.force_login(UserFactory(juror=True, second_factor=True, email=INVITED))

    response = client.post(accept_url(member))

    assert (response.status_code, response["Location"]) == (302, reverse("auditions:my_auditions"))


def test_the_page_refuses_another_address_in_french_and_changes_nothing(client, jury):
    member = pending_member(jury)
    client.force_login(UserFactory(email="autre@example.org"))

    response = client.post(accept_url(member))

    member.refresh_from_db()
    page = Page(response.content.decode())
    assert response.status_code == 403
    assert page.texts("p", inside=page.find_all(id="invitation-error")[0]) == [
        "Cette invitation a été envoyée à une autre adresse e-mail.",
        "Connectez-vous avec l'adresse e-mail à laquelle l'invitation a été envoyée.",
    ]
    assert member.user is None


def test_the_page_shows_a_clash_with_the_constraint_message(client, jury):
    user = juror_booked_elsewhere(jury)
    member = pending_member(jury)
    client.force_login(user)

    response = client.post(accept_url(member))

    page = Page(response.content.decode())
    assert response.status_code == 403
    assert page.texts("p", inside=page.find_all(id="invitation-error")[0]) == [
        "Un·e juré·e de ce jury siège déjà dans une autre audition à cet horaire.",
    ]
    assert page.texts("button", inside=page.main) == ["Accepter l'invitation"]


def test_an_invitation_already_accepted_sends_the_juror_to_their_auditions_with_a_message(client, jury):
    member = JuryMemberFactory(jury=jury)
    client.force_login(member.user)

    response = client.get(accept_url(member))

    assert (response.status_code, response["Location"]) == (302, reverse("auditions:my_auditions"))
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Vous avez déjà accepté cette invitation."
    ]


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("auditions:invitation_accept", args=["inconnu"])).status_code == 404


# --- Signing up from the invitation -------------------------------------------------------------------


SIGN_UP = {
    "first_name": "Rose",
    "last_name": "Dieng",
    "email": INVITED,
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def role_choices(response) -> list[str]:
    return [value for value, _label in response.context["form"].fields["role"].choices]


def test_signing_up_from_a_jury_invitation_offers_the_jurors_role_first(client, jury):
    member = pending_member(jury)

    to_sign_up = client.get(accept_url(member))
    form_page = client.get(reverse("account_signup"))

    assert to_sign_up["Location"].startswith(reverse("account_signup"))
    assert role_choices(form_page) == ["juror", "candidate", "agent"]
    assert form_page.context["form"].fields["role"].initial == "juror"
    assert "Je suis invité·e à siéger dans un jury d'audition" in html.unescape(form_page.content.decode())

    client.post(reverse("account_signup"), {**SIGN_UP, "role": "juror"})

    user = User.objects.get(email=INVITED)
    assert [role.value for role in user.roles] == ["juror"]


def test_without_a_jury_invitation_the_jurors_role_is_neither_offered_nor_accepted(client):
    response = client.post(reverse("account_signup"), {**SIGN_UP, "role": "juror"})

    assert role_choices(response) == ["candidate", "agent"]
    assert User.objects.filter(email=INVITED).exists() is False
