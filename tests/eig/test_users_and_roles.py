import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.urls import reverse

from eig import permissions
from eig.models import Role, User
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_email_is_the_login_and_stored_lowercase():
    user = User.objects.create_user("Camille.Martin@Example.org", "un-mot-de-passe-solide")

    assert (user.email, user.get_username()) == ("camille.martin@example.org", "camille.martin@example.org")


def test_user_email_unique_whatever_the_case():
    UserFactory(email="camille@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="CAMILLE@example.org")])


@pytest.mark.parametrize(
    ("traits", "expected"),
    [
        ({"candidate": True}, {"candidate": True, "agent": False, "staff": False, "juror": False}),
        ({"agent": True}, {"candidate": False, "agent": True, "staff": False, "juror": False}),
        ({"staff": True}, {"candidate": False, "agent": False, "staff": True, "juror": False}),
        ({"juror": True}, {"candidate": False, "agent": False, "staff": False, "juror": True}),
        ({"agent": True, "juror": True}, {"candidate": False, "agent": True, "staff": False, "juror": True}),
    ],
)
def test_role_predicates(traits, expected):
    user = UserFactory(**traits)

    answers = {
        "candidate": permissions.is_candidate(user),
        "agent": permissions.is_agent(user),
        "staff": permissions.is_programme_staff(user),
        "juror": permissions.is_juror(user),
    }

    assert answers == expected


def test_role_predicates_false_for_anonymous_and_inactive():
    inactive = UserFactory(staff=True, juror=True, is_active=False)

    assert [permissions.has_role(AnonymousUser(), role) for role in Role] == [False] * len(Role)
    assert [permissions.has_role(inactive, role) for role in Role] == [False] * len(Role)


def test_users_with_role_queryset():
    juror = UserFactory(juror=True)
    UserFactory(juror=True, is_active=False)
    UserFactory(candidate=True)

    assert list(User.objects.with_role(Role.JUROR)) == [juror]


@pytest.mark.parametrize(("role", "flag"), [("candidate", "is_candidate"), ("agent", "is_agent")])
def test_signup_gives_the_chosen_role(client, role, flag):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": "nouvelle@example.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
            "role": role,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@example.org")
    assert [r.value for r in user.roles] == [role]
    assert getattr(user, flag) is True
    assert user.is_staff is False
    assert (user.first_name, user.last_name, user.get_full_name()) == ("Camille", "Martin", "Camille Martin")


def test_signup_cannot_claim_staff(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": "intrus@example.org",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
            "role": "staff",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email="intrus@example.org").exists() is False
