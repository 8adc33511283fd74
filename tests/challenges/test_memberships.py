"""Joining an administration: a request that one of its approved members (or staff) approves; until
then the agent cannot create a challenge in its name. The agent who proposes an administration is its
first member; accepting a co-owner invitation makes one (an owner vouched for them)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import AdministrationMembership, Challenge, MembershipStatus
from eig.models import User
from tests.challenges.factories import AdministrationFactory, ChallengeFactory, MembershipFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

ADMINISTRATION = reverse("challenges:administration")
CREATE = reverse("challenges:create")
MEMBERSHIPS_ADMIN = reverse("admin:challenges_administrationmembership_changelist")
PARIS = ZoneInfo("Europe/Paris")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def decide_url(membership) -> str:
    return reverse("challenges:membership_decide", args=[membership.pk])


@pytest.fixture
def administration():
    return AdministrationFactory(name="Direction du numérique", acronym="DNUM")


@pytest.fixture
def member(administration):
    """An approved member of the administration."""
    return MembershipFactory(
        administration=administration, user=UserFactory(agent=True, email="membre@dnum.gouv.fr")
    ).user


@pytest.fixture
def request_to_join(administration, member):
    """A newcomer's pending request to join the administration."""
    newcomer = UserFactory(agent=True, email="nouvelle@dnum.gouv.fr", first_name="Nina", last_name="Nouvelle")
    return MembershipFactory(user=newcomer, administration=administration, pending=True)


# --- Asking to join ----------------------------------------------------------------------------


def test_joining_makes_a_pending_request_and_tells_the_approved_members(
    client, administration, member, django_capture_on_commit_callbacks, mailoutbox
):
    MembershipFactory(administration=administration, pending=True, user=UserFactory(agent=True, email="autre@x.fr"))
    newcomer = UserFactory(agent=True, email="nouvelle@dnum.gouv.fr", first_name="Nina", last_name="Nouvelle")
    client.force_login(newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADMINISTRATION, {"action": "join", "join-administration": administration.pk})

    membership = AdministrationMembership.objects.get(user=newcomer)
    assert (membership.status, membership.decided_by, membership.decided_at) == ("pending", None, None)
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["membre@dnum.gouv.fr"], "[EIG] Demande de rattachement à Direction du numérique (DNUM)")
    ]
    assert "Nina Nouvelle (nouvelle@dnum.gouv.fr) demande à être rattaché·e à Direction du numérique (DNUM)" in (
        mailoutbox[0].body
    )
    assert f"Répondre à la demande : http://127.0.0.1:8000{ADMINISTRATION}" in mailoutbox[0].body


def test_joining_an_administration_without_members_tells_staff(
    client, administration, django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(staff=True, email="equipe@eig.fr")
    client.force_login(UserFactory(agent=True))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADMINISTRATION, {"action": "join", "join-administration": administration.pk})

    membership = AdministrationMembership.objects.get(administration=administration)
    admin_url = reverse("admin:challenges_administrationmembership_change", args=[membership.pk])
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([staff.email], "[EIG] Demande de rattachement à Direction du numérique (DNUM)")
    ]
    assert f"Répondre à la demande : http://127.0.0.1:8000{admin_url}" in mailoutbox[0].body


def test_the_pending_agent_sees_the_request_as_pending(client, request_to_join):
    client.force_login(request_to_join.user)

    page = Page(client.get(ADMINISTRATION).content.decode())

    assert page.texts("li", inside=page.find_all("ul", id="my-administrations")[0]) == [
        "Direction du numérique (DNUM) Demande en attente d'accord Un membre de l'administration ou l'équipe du "
        "programme doit accepter votre demande : vous pourrez ensuite créer des défis en son nom."
    ]


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {"pending": True},
            "Votre demande de rattachement à Direction du numérique (DNUM) attend déjà l'accord d'un membre.",
        ),
        ({}, "Vous êtes déjà rattaché·e à Direction du numérique (DNUM)."),
        (
            {"declined": True},
            "Votre demande de rattachement à Direction du numérique (DNUM) a été refusée : écrivez à l'équipe du "
            "programme si c'est une erreur.",
        ),
    ],
    ids=["pending", "approved", "declined"],
)
def test_joining_twice_is_refused_by_the_service(administration, state, message):
    membership = MembershipFactory(administration=administration, **state)

    with pytest.raises(ValidationError) as raised:
        services.administration_join(user=membership.user, administration=administration)

    assert raised.value.messages == [message]


def test_joining_an_unconfirmed_administration_is_refused_by_the_service():
    administration = AdministrationFactory(name="Direction proposée", acronym="", is_confirmed=False)

    with pytest.raises(ValidationError) as raised:
        services.administration_join(user=UserFactory(agent=True), administration=administration)

    assert raised.value.messages == [
        "Direction proposée attend la confirmation de l'équipe du programme : on ne peut pas encore la rejoindre."
    ]


# --- Until approved, no challenge in its name ------------------------------------------------------


def test_create_page_sends_a_pending_agent_back_with_the_reason(client, request_to_join):
    CohortFactory(phase="projects_call")
    client.force_login(request_to_join.user)

    response = client.get(CREATE)

    assert (response.status_code, response["Location"]) == (302, ADMINISTRATION)
    assert messages_of(response) == [
        "Votre demande de rattachement attend l'accord d'un membre de l'administration ou de l'équipe du "
        "programme : vous pourrez créer un défi une fois acceptée."
    ]


def test_create_form_offers_only_approved_memberships(client, request_to_join):
    CohortFactory(phase="projects_call")
    agent = request_to_join.user
    MembershipFactory(user=agent, administration=AdministrationFactory(name="Direction approuvée", acronym=""))
    client.force_login(agent)

    page = Page(client.get(CREATE).content.decode())
    refused = client.post(CREATE, {"name": "Lab", "administration": request_to_join.administration.pk})

    assert page.texts("option") == ["Sélectionner une administration", "Direction approuvée"]
    assert refused.context["form"].errors["administration"] == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert Challenge.objects.count() == 0


@pytest.mark.parametrize("state", [{"pending": True}, {"declined": True}], ids=["pending", "declined"])
def test_challenge_create_service_refuses_an_administration_not_approved(state):
    membership = MembershipFactory(administration=AdministrationFactory(name="DNUM", acronym=""), **state)

    with pytest.raises(ValidationError) as raised:
        services.challenge_create(
            cohort=CohortFactory(phase="projects_call"),
            administration=membership.administration,
            name="Lab",
            by=membership.user,
        )

    assert raised.value.messages == [
        "Vous ne pouvez créer un défi qu'au nom d'une administration dont un membre a accepté votre rattachement : "
        "DNUM ne l'a pas encore fait."
    ]
    assert Challenge.objects.count() == 0


def test_challenge_create_service_refuses_an_administration_never_joined():
    with pytest.raises(ValidationError):
        services.challenge_create(
            cohort=CohortFactory(phase="projects_call"),
            administration=AdministrationFactory(),
            name="Lab",
            by=UserFactory(agent=True),
        )

    assert Challenge.objects.count() == 0


# --- A member answers ------------------------------------------------------------------------------


def test_member_sees_the_requests_to_answer(client, administration, member):
    newcomer = UserFactory(agent=True, email="nouvelle@dnum.gouv.fr", first_name="Nina", last_name="Nouvelle")
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=PARIS)):
        request_to_join = MembershipFactory(user=newcomer, administration=administration, pending=True)
    client.force_login(member)

    page = Page(client.get(ADMINISTRATION).content.decode())

    requests = page.find_all("ul", id="membership-requests")[0]
    assert page.texts("p", inside=requests) == [
        "Nina Nouvelle (nouvelle@dnum.gouv.fr) demande à rejoindre Direction du numérique (DNUM), "
        "depuis le 2 mars 2026."
    ]
    assert [form.attrs["action"] for form in page.find_all("form", inside=requests)] == [decide_url(request_to_join)]


def test_member_approves_a_request_and_the_agent_can_create(
    client, request_to_join, member, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(request_to_join), {"decision": "approve"})

    request_to_join.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, ADMINISTRATION)
    assert (request_to_join.status, request_to_join.decided_by) == ("approved", member)
    assert timezone.now() - request_to_join.decided_at < dt.timedelta(minutes=1)
    assert messages_of(response) == [
        "Vous avez accepté la demande de Nina Nouvelle : cette personne peut désormais proposer des défis au nom de "
        "Direction du numérique (DNUM)."
    ]
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["nouvelle@dnum.gouv.fr"], "[EIG] Vous êtes rattaché·e à Direction du numérique (DNUM)")
    ]
    challenge = services.challenge_create(
        cohort=CohortFactory(phase="projects_call"),
        administration=request_to_join.administration,
        name="Lab",
        by=request_to_join.user,
    )
    assert challenge.administration == request_to_join.administration


def test_member_declines_a_request(client, request_to_join, member, django_capture_on_commit_callbacks, mailoutbox):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(request_to_join), {"decision": "decline"})

    request_to_join.refresh_from_db()
    assert (request_to_join.status, request_to_join.decided_by) == ("declined", member)
    assert messages_of(response) == [
        "Vous avez refusé la demande de Nina Nouvelle de se rattacher à Direction du numérique (DNUM)."
    ]
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["nouvelle@dnum.gouv.fr"], "[EIG] Votre demande de rattachement à Direction du numérique (DNUM) est refusée")
    ]


def test_declined_agent_sees_it_and_is_not_offered_the_administration_again(client, administration):
    declined = MembershipFactory(administration=administration, declined=True)
    client.force_login(declined.user)

    page = Page(client.get(ADMINISTRATION).content.decode())

    assert page.texts("li", inside=page.find_all("ul", id="my-administrations")[0]) == [
        "Direction du numérique (DNUM) Demande refusée Si c'est une erreur, écrivez à l'équipe du programme."
    ]
    assert page.texts("option", inside=page.find_all("select", name="join-administration")[0]) == [
        "Sélectionner une administration"
    ]


@pytest.mark.parametrize(
    "who",
    ["another agent", "a member of another administration", "a pending member", "the requester", "staff", "candidate"],
)
def test_answering_refused_to_anyone_but_an_approved_member(client, request_to_join, who):
    users = {
        "another agent": lambda: UserFactory(agent=True),
        "a member of another administration": lambda: MembershipFactory().user,
        "a pending member": lambda: (
            MembershipFactory(administration=request_to_join.administration, pending=True).user
        ),
        "the requester": lambda: request_to_join.user,
        "staff": lambda: UserFactory(staff=True),
        "candidate": lambda: UserFactory(candidate=True),
    }
    client.force_login(users[who]())

    response = client.post(decide_url(request_to_join), {"decision": "approve"})

    request_to_join.refresh_from_db()
    assert (response.status_code, request_to_join.status) == (403, "pending")


def test_answering_a_request_already_answered_is_refused(client, administration, member):
    declined = MembershipFactory(administration=administration, declined=True)
    client.force_login(member)

    response = client.post(decide_url(declined), {"decision": "approve"})

    declined.refresh_from_db()
    assert declined.status == "declined"
    assert messages_of(response) == [f"La demande de {declined.user} a déjà reçu une réponse : refusé."]


def test_answering_without_a_decision_is_refused_with_a_message(client, request_to_join, member):
    client.force_login(member)

    response = client.post(decide_url(request_to_join), {"decision": "peut-être"})

    request_to_join.refresh_from_db()
    assert (response.status_code, request_to_join.status) == (302, "pending")
    assert messages_of(response) == ["Choisissez d'accepter ou de refuser la demande."]


def test_the_decision_service_refuses_someone_who_may_not_answer(request_to_join):
    with pytest.raises(PermissionDenied):
        services.administration_membership_decide(
            membership=request_to_join, approved=True, by=UserFactory(agent=True)
        )

    request_to_join.refresh_from_db()
    assert request_to_join.status == "pending"


# --- Staff answer in the admin -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_memberships", "approved", "1 demande acceptée. Chaque agent en est informé·e par e-mail."),
        ("decline_memberships", "declined", "1 demande refusée. Chaque agent en est informé·e par e-mail."),
    ],
)
def test_staff_answer_requests_in_the_admin(
    client, request_to_join, action, status, message, django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(superuser=True)
    answered = MembershipFactory(administration=request_to_join.administration, declined=True)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            MEMBERSHIPS_ADMIN,
            {"action": action, ACTION_CHECKBOX_NAME: [request_to_join.pk, answered.pk], "index": "0"},
            follow=True,
        )

    request_to_join.refresh_from_db()
    answered.refresh_from_db()
    assert (request_to_join.status, request_to_join.decided_by, answered.status) == (status, staff, "declined")
    assert messages_of(response) == [
        message,
        "1 rattachement ignoré : il avait déjà reçu une réponse.",
    ]
    assert [message.to for message in mailoutbox] == [["nouvelle@dnum.gouv.fr"]]


def test_a_membership_added_by_staff_in_the_admin_is_approved_by_them(client, administration):
    staff = UserFactory(superuser=True)
    agent = UserFactory(agent=True)
    client.force_login(staff)

    response = client.post(
        reverse("admin:challenges_administrationmembership_add"),
        {"user": agent.pk, "administration": administration.pk},
    )

    membership = AdministrationMembership.objects.get(user=agent)
    assert response.status_code == 302
    assert (membership.status, membership.decided_by) == ("approved", staff)


# --- Other ways in -------------------------------------------------------------------------------


def test_the_agent_who_proposes_an_administration_is_its_first_approved_member():
    agent = UserFactory(agent=True)

    administration = services.administration_propose(user=agent, name="Agence nouvelle")

    membership = AdministrationMembership.objects.get(administration=administration)
    assert (membership.user, membership.status, membership.decided_by, administration.is_confirmed) == (
        agent,
        "approved",
        None,
        False,
    )
    challenge = services.challenge_create(
        cohort=CohortFactory(phase="projects_call"), administration=administration, name="Lab", by=agent
    )
    assert list(challenge.owners.all()) == [agent]


@pytest.mark.parametrize("before", [None, {"pending": True}, {"declined": True}], ids=["none", "pending", "declined"])
def test_accepting_an_invitation_gives_an_approved_membership_vouched_by_the_owner(before):
    owner = MembershipFactory().user
    challenge = ChallengeFactory(administration=owner.administrations.get(), owners=[owner])
    invited = UserFactory(email="invitee@example.org")
    if before is not None:
        MembershipFactory(user=invited, administration=challenge.administration, **before)
    invitation = services.challenge_invite(challenge=challenge, email=invited.email, by=owner)

    services.challenge_invitation_accept(invitation=invitation, user=invited)

    membership = AdministrationMembership.objects.get(user=invited)
    assert (membership.administration, membership.status, membership.decided_by) == (
        challenge.administration,
        "approved",
        owner,
    )


def test_accepting_an_invitation_keeps_an_existing_approval(administration, member):
    approval = AdministrationMembership.objects.get(user=member)
    challenge = ChallengeFactory(administration=administration)
    invitation = services.challenge_invite(challenge=challenge, email=member.email, by=challenge.owners.get())

    services.challenge_invitation_accept(invitation=invitation, user=member)

    assert AdministrationMembership.objects.get(user=member).decided_at == approval.decided_at


# --- The database's own rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        (
            {"status": MembershipStatus.APPROVED, "decided_at": None},
            "administration_membership_decided_at_with_decision",
        ),
        (
            {"status": MembershipStatus.PENDING, "decided_at": timezone.now()},
            "administration_membership_decided_at_with_decision",
        ),
        ({"status": "accepted", "decided_at": timezone.now()}, "administration_membership_status_valid"),
    ],
    ids=["approved-undated", "pending-dated", "unknown-status"],
)
def test_membership_constraints(values, constraint):
    with pytest.raises(IntegrityError) as raised:
        AdministrationMembership.objects.create(user=UserFactory(), administration=AdministrationFactory(), **values)

    assert constraint in str(raised.value)


def test_membership_constraint_messages():
    membership = AdministrationMembership(
        user=UserFactory(), administration=AdministrationFactory(), status=MembershipStatus.APPROVED
    )

    with pytest.raises(ValidationError) as raised:
        membership.validate_constraints()

    assert raised.value.messages == [
        "Un rattachement accepté ou refusé porte la date de la décision ; une demande en attente n'en a pas."
    ]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_existing_memberships_approved():
    executor = MigrationExecutor(connection)
    executor.migrate([("challenges", "0004_work_city_help")])
    old_apps = executor.loader.project_state([("challenges", "0004_work_city_help")]).apps
    # The user model as it is now: the eig app's migrations are not rolled back with the challenges' ones.
    user = User.objects.create(email="ancienne@example.org")
    administration = old_apps.get_model("challenges", "Administration").objects.create(name="Ancienne")
    old_apps.get_model("challenges", "AdministrationMembership").objects.create(
        user_id=user.pk, administration=administration
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    membership = AdministrationMembership.objects.get(user_id=user.pk)
    assert (membership.status, membership.decided_by, membership.decided_at) == (
        "approved",
        None,
        membership.created_at,
    )
