"""The one gate (eig.gate): signed in, admitted by a role, then the second factor when every role that
admits the user needs one. The access-control table (tests/test_access_control.py) opens every URL as
every identity; these tests pin the gate's own rules."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from challenges.permissions import CHALLENGE_READERS
from eig.gate import PROGRAMME_STAFF, SECOND_FACTOR_ROLES, SIGNED_IN, Rule, gate, gate_refusal, has_second_factor
from eig.models import Role
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

ENROL_MESSAGE = "Activez l'authentification à deux facteurs pour ouvrir cette page."


def request_for(user, path="/page/?onglet=2"):
    """A GET request as `user`, with the session and messages the gate uses."""
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = SessionStorage(request)
    return request


def page(request, *args, **kwargs):
    return HttpResponse(f"args={args} kwargs={kwargs}")


def test_second_factor_roles_are_staff_jurors_and_directors():
    assert sorted(SECOND_FACTOR_ROLES) == [Role.DIRECTOR, Role.JUROR, Role.STAFF]


def test_gate_sends_anonymous_visitors_to_login_with_the_page_and_its_query():
    response = gate(PROGRAMME_STAFF)(page)(request_for(None))

    assert (response.status_code, response["Location"]) == (302, "/comptes/login/?next=/page/%3Fonglet%3D2")


def test_gate_refuses_a_role_it_does_not_admit():
    with pytest.raises(PermissionDenied):
        gate(PROGRAMME_STAFF)(page)(request_for(UserFactory(agent=True)))


def test_gate_refuses_a_deactivated_staff_account():
    with pytest.raises(PermissionDenied):
        gate(PROGRAMME_STAFF)(page)(request_for(UserFactory(staff=True, is_active=False)))


def test_gate_sends_staff_without_second_factor_to_enrolment_with_a_message():
    request = request_for(UserFactory(staff=True, second_factor=False))

    response = gate(PROGRAMME_STAFF)(page)(request)

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_index"))
    assert [str(message) for message in get_messages(request)] == [ENROL_MESSAGE]


def test_gate_takes_the_page_own_second_factor_message():
    request = request_for(UserFactory(juror=True, second_factor=False))

    gate(Rule({Role.JUROR: None}), second_factor_message="Pour évaluer.")(page)(request)

    assert [str(message) for message in get_messages(request)] == ["Pour évaluer."]


def test_gate_lets_staff_without_second_factor_in_when_not_required(settings):
    settings.STAFF_MFA_REQUIRED = False

    response = gate(PROGRAMME_STAFF)(page)(request_for(UserFactory(staff=True, second_factor=False)))

    assert response.content == b"args=() kwargs={}"


def test_gate_lets_staff_with_second_factor_in():
    response = gate(PROGRAMME_STAFF)(page)(request_for(UserFactory(staff=True)))

    assert response.content == b"args=() kwargs={}"


@pytest.mark.parametrize("traits", [{}, {"staff": True, "second_factor": False}, {"juror": True}])
def test_signed_in_rule_admits_any_account_without_second_factor(traits):
    response = gate(SIGNED_IN)(page)(request_for(UserFactory(**traits)))

    assert response.content == b"args=() kwargs={}"


def test_signed_in_rule_sends_anonymous_visitors_to_login():
    response = gate(SIGNED_IN)(page)(request_for(None, path="/compte/"))

    assert response["Location"] == "/comptes/login/?next=/compte/"


def test_gate_loads_the_object_and_passes_it_in_place_of_its_url_arguments():
    challenge = ChallengeFactory()
    owner = challenge.owners.get()

    def loader(pk):
        return f"challenge {pk}"

    rule = Rule({Role.AGENT: lambda user, obj: obj == f"challenge {challenge.pk}" and user == owner})
    response = gate(rule, load=loader)(page)(request_for(owner), pk=challenge.pk, step=3)

    assert response.content == f"args=('challenge {challenge.pk}',) kwargs={{'step': 3}}".encode()


def test_gate_checks_sign_in_before_looking_the_object_up():
    def loader(pk):
        raise AssertionError("looked up for an anonymous visitor")

    response = gate(PROGRAMME_STAFF, load=loader)(page)(request_for(None), pk=1)

    assert response.status_code == 302


def test_rule_admitting_roles_lists_every_role_that_admits_the_user():
    owner = UserFactory(agent=True, staff=True)
    juror = UserFactory(juror=True, staff=True)
    challenge = ChallengeFactory(owners=[owner], submitted=True)
    challenge.cohort.challenge_jurors.add(juror)

    assert CHALLENGE_READERS.admitting_roles(owner, challenge) == {Role.AGENT, Role.STAFF}
    assert CHALLENGE_READERS.admitting_roles(juror, challenge) == {Role.STAFF, Role.JUROR}
    assert CHALLENGE_READERS.admitting_roles(UserFactory(agent=True), challenge) == frozenset()


def test_gate_asks_no_second_factor_of_a_user_also_admitted_by_a_role_without_one():
    """The owner who is also staff opens their own challenge's page as its owner."""
    owner = UserFactory(agent=True, staff=True, second_factor=False)
    challenge = ChallengeFactory(owners=[owner], submitted=True)

    assert gate_refusal(request_for(owner), CHALLENGE_READERS, challenge) is None


def test_gate_asks_a_second_factor_of_a_juror_who_is_also_staff():
    user = UserFactory(juror=True, staff=True, second_factor=False)
    challenge = ChallengeFactory(submitted=True)
    challenge.cohort.challenge_jurors.add(user)

    response = gate_refusal(request_for(user), CHALLENGE_READERS, challenge)

    assert response["Location"] == reverse("mfa_index")


def test_has_second_factor():
    assert [
        has_second_factor(UserFactory(staff=True)),
        has_second_factor(UserFactory(staff=True, second_factor=False)),
    ] == [
        True,
        False,
    ]


@pytest.mark.parametrize(
    ("url_name", "message"),
    [
        ("selection:challenge_list", "Activez l'authentification à deux facteurs pour évaluer les défis."),
        ("review:queue", "Activez l'authentification à deux facteurs pour présélectionner les candidatures."),
        ("admin:index", "Activez l'authentification à deux facteurs pour accéder à l'administration du programme."),
    ],
)
def test_staff_pages_say_why_the_second_factor_is_needed(client, url_name, message):
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(reverse(url_name))

    assert response["Location"] == reverse("mfa_index")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]


def test_cv_page_says_why_the_second_factor_is_needed(client):
    application = ApplicationFactory(complete=True)
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(reverse("applications:cv", args=(application.pk, "cv")))

    assert response["Location"] == reverse("mfa_index")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Activez l'authentification à deux facteurs pour consulter les CV."
    ]


def test_the_second_factor_is_asked_in_one_place():
    """`git grep has_second_factor`: defined and called in eig/gate.py only (no hand-made copy of the check)."""
    root = Path(settings.BASE_DIR)
    sources = [
        path
        for package in ("eig", "cohorts", "challenges", "applications")
        for path in (root / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    mentions = {
        str(path.relative_to(root))
        for path in sources
        if "has_second_factor" in path.read_text() or "STAFF_MFA_REQUIRED" in path.read_text()
    }

    assert mentions == {"eig/gate.py", "eig/settings.py"}
