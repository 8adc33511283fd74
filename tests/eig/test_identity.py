"""People's names: asked at sign-up, shown as « Prénom Nom » (the usual name when given) by allauth's pages
and e-mails, corrected on the identity page; where each role lands after signing in or confirming."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_display
from django.test import RequestFactory, TestCase
from django.urls import reverse

from eig.adapters import AccountAdapter, home_url_for
from eig.models import User
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

CONFIRMATION_LINK = re.compile(r"http://\S+/comptes/confirm-email/\S+/")
PASSWORD = "un-mot-de-passe-solide"
IDENTITY = reverse("identity")


def sign_up(client, **fields):
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": "candidate",
        **fields,
    }
    # The confirmation e-mail goes through the outbox: its task runs once the request's transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("account_signup"), data)


# --- Sign-up ---------------------------------------------------------------------------------------


def test_signup_asks_first_and_last_name_first_with_autocompletion(client):
    page = Page(client.get(reverse("account_signup")).content.decode())

    inputs = [element for element in page.find_all("input", inside=page.main) if element.attrs.get("type") == "text"]
    assert [(field.attrs["name"], field.attrs["autocomplete"]) for field in inputs] == [
        ("first_name", "given-name"),
        ("last_name", "family-name"),
    ]
    assert page.texts("label", inside=page.main)[:2] == ["Prénom", "Nom"]


def test_signup_without_a_name_is_refused_and_keeps_what_was_typed(client):
    response = sign_up(client, first_name="", last_name="  ")

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("div", id="id_first_name-desc-error") == ["Ce champ est obligatoire."]
    assert page.texts("div", id="id_last_name-desc-error") == ["Ce champ est obligatoire."]
    assert [field.attrs.get("value") for field in page.find_all("input", name="email")] == ["camille@example.org"]
    assert User.objects.filter(email="camille@example.org").exists() is False


def test_signup_confirmation_email_names_the_person_not_the_address(client, mailoutbox):
    sign_up(client)

    [message] = mailoutbox
    assert message.to == ["camille@example.org"]
    assert "l'utilisateur Camille Martin a indiqué votre adresse" in message.body
    assert "camille@example.org" not in message.body


# --- How a person is named -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_name", "last_name", "usual_name", "expected"),
    [
        ("Ada", "Lovelace", "", "Ada Lovelace"),
        ("Ada", "Byron", "King", "Ada King"),
        ("", "", "", "ada@example.org"),
    ],
)
def test_user_display_is_first_name_and_usual_or_last_name(first_name, last_name, usual_name, expected):
    user = UserFactory(email="ada@example.org", first_name=first_name, last_name=last_name, usual_name=usual_name)

    assert (user_display(user), str(user)) == (expected, expected)


def test_email_confirmation_page_names_the_person_once(client):
    user = UserFactory(first_name="Ada", last_name="Byron", usual_name="King", email="ada@example.org", verified=False)
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.create(user=user, email=user.email, primary=True))

    page = Page(client.get(reverse("account_confirm_email", args=[confirmation.key])).content.decode())

    assert (
        page.texts("p", inside=page.main)[0] == "Confirmez que ada@example.org est bien l'adresse e-mail de Ada King."
    )


def test_email_confirmation_page_of_an_account_without_a_name_says_your_address(client):
    user = UserFactory(first_name="", last_name="", email="ada@example.org", verified=False)
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.create(user=user, email=user.email, primary=True))

    page = Page(client.get(reverse("account_confirm_email", args=[confirmation.key])).content.decode())

    assert page.texts("p", inside=page.main)[0] == "Confirmez que ada@example.org est bien votre adresse e-mail."


# --- The identity page -----------------------------------------------------------------------------


def test_identity_page_shows_the_person_their_own_names_pronouns_and_language(client):
    client.force_login(UserFactory(first_name="Ada", last_name="Byron", usual_name="King", pronouns="elle"))

    page = Page(client.get(IDENTITY).content.decode())

    assert page.texts("h1") == ["Identité"]
    assert {
        field.attrs["name"]: field.attrs.get("value")
        for field in page.find_all("input", inside=page.main)
        if field.attrs.get("type") == "text"
    } == {"first_name": "Ada", "last_name": "Byron", "usual_name": "King", "pronouns": "elle"}
    assert [option.attrs["value"] for option in page.find_all("option", selected="")] == ["fr"]


def test_identity_page_saves_the_names_and_comes_back(client):
    user = UserFactory(first_name="", last_name="", language="fr")
    client.force_login(user)

    response = client.post(
        IDENTITY,
        {"first_name": " Ada ", "last_name": "Byron", "usual_name": "King", "pronouns": "elle", "language": "en"},
    )

    user.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, IDENTITY)
    assert (user.first_name, user.last_name, user.usual_name, user.pronouns, user.language) == (
        "Ada",
        "Byron",
        "King",
        "elle",
        "en",
    )
    assert user.get_full_name() == "Ada King"


def test_identity_page_goes_back_to_the_next_page_of_this_site_only(client):
    client.force_login(UserFactory())
    data = {"first_name": "Ada", "last_name": "Lovelace", "usual_name": "", "pronouns": "", "language": "fr"}

    back = client.post(f"{IDENTITY}?next=/candidature/formulaire/7/", data)
    elsewhere = client.post(f"{IDENTITY}?next=https://example.com/", data)

    assert (back["Location"], elsewhere["Location"]) == ("/candidature/formulaire/7/", IDENTITY)


def test_identity_page_refuses_an_empty_name_and_keeps_what_was_typed(client):
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    client.force_login(user)

    response = client.post(
        IDENTITY, {"first_name": "Augusta", "last_name": "", "usual_name": "", "pronouns": "elle", "language": "fr"}
    )

    page = Page(response.content.decode())
    user.refresh_from_db()
    assert response.status_code == 200
    assert page.texts("div", id="id_last_name-desc-error") == ["Ce champ est obligatoire."]
    assert [field.attrs.get("value") for field in page.find_all("input", name="first_name")] == ["Augusta"]
    assert (user.first_name, user.last_name, user.pronouns) == ("Ada", "Lovelace", "")


# --- Where each role lands -------------------------------------------------------------------------


def user_with(flags: dict, *, on_a_jury: bool = True) -> User:
    """A user holding `flags`; a juror sits on a cohort's challenge jury unless `on_a_jury` is False."""
    user = UserFactory(**flags)
    if flags.get("juror") and on_a_jury:
        CohortFactory().challenge_jurors.add(user)
    return user


def landing(user) -> tuple[str, str]:
    request = RequestFactory().get("/")
    request.user, request.session = user, {}
    return home_url_for(user), AccountAdapter(request).get_login_redirect_url(request)


@pytest.mark.parametrize(
    ("flags", "url_name"),
    [
        ({"candidate": True}, "applications:space"),
        ({"agent": True}, "challenges:dashboard"),
        ({"juror": True}, "selection:challenge_list"),
        ({"staff": True}, "admin:index"),
        # Several roles: staff, then jurors, then mentors, agents, fellows, candidates.
        ({"staff": True, "juror": True, "agent": True}, "admin:index"),
        ({"juror": True, "agent": True, "candidate": True}, "selection:challenge_list"),
        ({"agent": True, "candidate": True}, "challenges:dashboard"),
        # A fellow (a candidate who accepted an offer) lands on their team, a mentor (an agent) on their
        # mentoring.
        ({"fellow": True, "candidate": True}, "fellowship:my_team"),
        ({"mentor": True, "agent": True}, "fellowship:mentoring"),
    ],
)
def test_each_role_lands_on_its_own_space(flags, url_name):
    assert landing(user_with(flags)) == (reverse(url_name), reverse(url_name))


def test_a_juror_on_no_jury_lands_where_their_next_role_leads():
    juror_and_agent = user_with({"juror": True, "agent": True}, on_a_jury=False)

    assert landing(juror_and_agent) == (reverse("challenges:dashboard"), reverse("challenges:dashboard"))


def test_an_account_without_a_role_lands_on_the_home_page():
    request = RequestFactory().get("/")
    request.user, request.session = UserFactory(), {}

    assert AccountAdapter(request).get_login_redirect_url(request) == reverse("home")


@pytest.mark.parametrize(
    ("flags", "url_name"),
    [({"candidate": True}, "applications:space"), ({"juror": True}, "selection:challenge_list")],
)
def test_login_leads_to_the_space_of_the_role(client, flags, url_name, settings):
    settings.STAFF_MFA_REQUIRED = False  # the juror's second factor is not what this test is about
    user = user_with(flags)

    response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})

    assert (response.status_code, response["Location"]) == (302, reverse(url_name))


def test_confirming_the_address_after_sign_up_signs_the_candidate_in_on_their_space(client, mailoutbox):
    sign_up(client)
    [link] = CONFIRMATION_LINK.findall(mailoutbox[-1].body)

    response = client.post(link)

    user = User.objects.get(email="camille@example.org")
    assert (response.status_code, response["Location"]) == (302, reverse("applications:space"))
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified is True
