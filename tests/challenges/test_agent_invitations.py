"""Co-owners: an owner invites a colleague by e-mail; the invitation works for people without an
account (sign up, verify, log in, land on the invitation, accept) and only for the invited address."""

import re

import pytest
from django.urls import reverse

from challenges.models import ChallengeInvitation
from challenges.services import challenge_invite
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

INVITED = "collegue@sante.gouv.fr"
PASSWORD = "un-mot-de-passe-solide-2026"
CONFIRMATION_LINK = re.compile(r"http://\S+(/comptes/confirm-email/\S+/)")


@pytest.fixture
def owner():
    return UserFactory(agent=True, email="agent@sante.gouv.fr")


@pytest.fixture
def challenge(owner):
    return ChallengeFactory(name="Lab Santé", owners=[owner])


def accept_url(invitation) -> str:
    return reverse("challenges:invitation_accept", kwargs={"token": invitation.token})


def test_invite_sends_an_email_with_the_invitation_link(
    client, owner, challenge, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("challenges:invite", kwargs={"pk": challenge.pk}), {"email": INVITED})

    invitation = ChallengeInvitation.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("challenges:detail", kwargs={"pk": challenge.pk}),
    )
    assert (invitation.email, invitation.invited_by) == (INVITED, owner)
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([INVITED], "[EIG] Invitation à porter le défi « Lab Santé »")
    ]
    assert f"http://127.0.0.1:8000{accept_url(invitation)}" in mailoutbox[0].body


def test_invite_refuses_an_address_already_owner(client, owner, challenge):
    client.force_login(owner)

    response = client.post(reverse("challenges:invite", kwargs={"pk": challenge.pk}), {"email": owner.email})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_email-desc-error") == ["Cette personne est déjà porteuse de ce défi."]
    assert ChallengeInvitation.objects.count() == 0


def test_invite_page_refused_once_withdrawn(client, owner):
    challenge = ChallengeFactory(owners=[owner], status="withdrawn")
    client.force_login(owner)

    response = client.post(reverse("challenges:invite", kwargs={"pk": challenge.pk}), {"email": INVITED})

    assert response.status_code == 302
    assert ChallengeInvitation.objects.count() == 0


def test_invitation_sends_a_visitor_without_account_to_sign_up_then_back(client, owner, challenge):
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)

    response = client.get(accept_url(invitation))

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('account_signup')}?next={accept_url(invitation)}",
    )


def test_invitation_sends_a_visitor_with_an_account_to_log_in(client, owner, challenge):
    UserFactory(email=INVITED)
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)

    response = client.get(accept_url(invitation))

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('account_login')}?next={accept_url(invitation)}",
    )


def test_invitation_accepted_by_someone_who_signs_up_and_verifies(
    client, owner, challenge, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)
    signup_url = client.get(accept_url(invitation))["Location"]

    # They sign up with the invited address and verify it: confirming signs them in, on the invitation
    # (the confirmation e-mail leaves the outbox once the sign-up commits).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup_url,
            {
                "first_name": "Camille",
                "last_name": "Durand",
                "email": INVITED,
                "role": "agent",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    confirmation = CONFIRMATION_LINK.findall(mailoutbox[-1].body)[0]
    confirmed = client.post(confirmation)
    page = Page(client.get(confirmed["Location"]).content.decode())
    accepted = client.post(accept_url(invitation))

    invitation.refresh_from_db()
    assert confirmed["Location"] == accept_url(invitation)
    assert page.texts("button", inside=page.main) == ["Accepter l'invitation"]
    assert (accepted.status_code, accepted["Location"]) == (
        302,
        reverse("challenges:detail", kwargs={"pk": challenge.pk}),
    )
    assert sorted(challenge.owners.values_list("email", flat=True)) == ["agent@sante.gouv.fr", INVITED]
    assert invitation.accepted_by.email == INVITED
    assert client.get(reverse("challenges:edit", kwargs={"pk": challenge.pk, "step": 1})).status_code == 200


def test_invitation_accepted_by_a_logged_in_candidate_makes_them_an_agent_owner(client, owner, challenge):
    invited = UserFactory(candidate=True, email=INVITED)
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)
    client.force_login(invited)

    response = client.post(accept_url(invitation))

    invited.refresh_from_db()
    assert response.status_code == 302
    assert (invited.is_agent, list(invited.owned_challenges.all())) == (True, [challenge])
    assert [str(message) for message in response.wsgi_request._messages] == [
        "Vous portez désormais le défi « Lab Santé »."
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_invitation_refused_to_another_address_with_a_french_error(client, owner, challenge, method):
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)
    client.force_login(UserFactory(agent=True, email="quelquun@autre.gouv.fr"))

    response = getattr(client, method)(accept_url(invitation))

    page = Page(response.content.decode())
    invitation.refresh_from_db()
    assert response.status_code == 403
    assert page.texts("p", inside=page.find_all("div", id="invitation-error")[0]) == [
        "Cette invitation a été envoyée à une autre adresse e-mail.",
        "Connectez-vous avec l'adresse e-mail à laquelle l'invitation a été envoyée.",
    ]
    assert (invitation.accepted_at, list(challenge.owners.all())) == (None, [owner])


def test_invitation_already_accepted_sends_to_the_challenge(client, owner, challenge):
    invited = UserFactory(email=INVITED)
    invitation = challenge_invite(challenge=challenge, email=INVITED, by=owner)
    client.force_login(invited)
    client.post(accept_url(invitation))

    response = client.post(accept_url(invitation))

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("challenges:detail", kwargs={"pk": challenge.pk}),
    )
    assert [str(message) for message in response.wsgi_request._messages][-1] == (
        "Vous avez déjà accepté cette invitation."
    )


def test_invitation_with_an_unknown_token_is_not_found(client):
    client.force_login(UserFactory(password=DEFAULT_PASSWORD))

    response = client.get(reverse("challenges:invitation_accept", kwargs={"token": "inconnu"}))

    assert response.status_code == 404
