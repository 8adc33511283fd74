"""Every allauth page is built on our DSFR base, in French, with django-dsfr's fields."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.eig.factories import DEFAULT_PASSWORD, UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

SITE_TITLE = "Entrepreneurs d'intérêt général"
TYPED_INPUTS = {"text", "email", "password", "number", "tel", "url", "search"}


def typed_fields(page: Page) -> list[tuple[str, bool]]:
    """Each text-like input of the page's <main>, by name (or id), and whether it carries `fr-input`."""
    return [
        (element.attrs.get("name") or element.attrs["id"], "fr-input" in element.classes)
        for element in page.find_all(inside=page.main)
        if (element.tag == "input" and element.attrs.get("type", "text") in TYPED_INPUTS) or element.tag == "textarea"
    ]


def reauthenticate(client) -> None:
    """Confirm the password again, as allauth asks before any change to two-factor authentication."""
    response = client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302


# --- the pages: each case prepares what the page needs and returns the URL to open -----------------


def anonymous(url_name, **kwargs):
    def prepare(client):
        return reverse(url_name, kwargs=kwargs)

    return prepare


def logged_in(url_name):
    def prepare(client):
        client.force_login(UserFactory())
        return reverse(url_name)

    return prepare


def password_reset_from_key(client):
    user = UserFactory()
    key = default_token_generator.make_token(user)
    return reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})


def email_confirm(client):
    user = UserFactory(verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    return reverse("account_confirm_email", kwargs={"key": EmailConfirmationHMAC(address).key})


def totp_activation(client):
    client.force_login(UserFactory())
    reauthenticate(client)
    return reverse("mfa_activate_totp")


def recovery_codes(client):
    user = UserFactory()
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    client.force_login(user)
    reauthenticate(client)
    return reverse("mfa_view_recovery_codes")


PAGES = {
    "login": (anonymous("account_login"), "Connexion", "Connexion", ["login", "password"]),
    "signup": (
        anonymous("account_signup"),
        "Inscription",
        "Création de compte",
        ["first_name", "last_name", "email", "password1", "password2"],
    ),
    "logout": (logged_in("account_logout"), "Se déconnecter", "Se déconnecter", []),
    "password_reset": (
        anonymous("account_reset_password"),
        "Réinitialisation du mot de passe",
        "Réinitialisation du mot de passe",
        ["email"],
    ),
    "password_reset_done": (
        anonymous("account_reset_password_done"),
        "Réinitialisation du mot de passe",
        "Réinitialisation du mot de passe",
        [],
    ),
    "password_reset_from_key": (
        password_reset_from_key,
        "Modifier le mot de passe",
        "Modifier le mot de passe",
        ["password1", "password2"],
    ),
    "password_reset_from_bad_key": (
        anonymous("account_reset_password_from_key", uidb36="zz", key="cle-invalide"),
        "Modifier le mot de passe",
        "Mauvais jeton d'identification",
        [],
    ),
    "password_reset_from_key_done": (
        anonymous("account_reset_password_from_key_done"),
        "Modifier le mot de passe",
        "Modifier le mot de passe",
        [],
    ),
    "password_change": (
        logged_in("account_change_password"),
        "Modifier le mot de passe",
        "Modifier le mot de passe",
        ["oldpassword", "password1", "password2"],
    ),
    "email": (logged_in("account_email"), "Adresses e-mail", "Adresses e-mail", ["email"]),
    "verification_sent": (
        anonymous("account_email_verification_sent"),
        "Vérifiez votre adresse e-mail",
        "Vérifiez votre adresse e-mail",
        [],
    ),
    "email_confirm": (email_confirm, "Confirmer l'adresse e-mail", "Confirmer l'adresse e-mail", []),
    "account_inactive": (anonymous("account_inactive"), "Compte inactif", "Compte inactif", []),
    "mfa_index": (
        logged_in("mfa_index"),
        "Authentification à deux facteurs",
        "Authentification à deux facteurs",
        [],
    ),
    "totp_activation": (
        totp_activation,
        "Activer l'application d'authentification",
        "Activer l'application d'authentification",
        ["authenticator_secret", "code"],
    ),
    "recovery_codes": (recovery_codes, "Codes de récupération", "Codes de récupération", ["recovery_codes"]),
    "reauthenticate": (logged_in("account_reauthenticate"), "Confirmer l'accès", "Confirmer l'accès", ["password"]),
}


@pytest.mark.parametrize(("prepare", "title", "heading", "fields"), PAGES.values(), ids=PAGES.keys())
def test_account_page_uses_dsfr_base_in_french(client, prepare, title, heading, fields):
    url = prepare(client)

    response = client.get(url, follow=True)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.lang == "fr"
    assert len(page.find_all("header", css_class="fr-header")) == 1
    assert len(page.find_all("footer", css_class="fr-footer")) == 1
    assert page.texts("title") == [f"{title} — {SITE_TITLE}"]
    assert page.texts("h1") == [heading]
    assert typed_fields(page) == [(name, True) for name in fields]


def test_login_failure_keeps_email_and_shows_french_error(client):
    user = UserFactory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon-mot-de-passe"})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert [field.attrs.get("value") for field in page.find_all("input", name="login")] == [user.email]
    assert [field.attrs.get("value") for field in page.find_all("input", name="password")] == [None]
    assert page.texts("div", css_class="fr-alert--error", inside=page.main) == [
        "L’adresse e-mail ou le mot de passe sont incorrects."
    ]


def test_signup_failure_marks_fields_with_dsfr_errors(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "email": "pas-une-adresse",
            "password1": "motdepasse-long-2026",
            "password2": "autre-chose-2026",
            "role": "candidate",
        },
    )

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert [field.attrs.get("value") for field in page.find_all("input", name="email")] == ["pas-une-adresse"]
    assert page.texts("div", id="id_email-desc-error") == ["Saisissez une adresse de courriel valide."]
    assert page.texts("li", css_class="fr-error-text") == [
        "Saisissez une adresse de courriel valide.",
        "Vous devez saisir deux fois le même mot de passe.",
    ]


def test_signup_role_is_a_dsfr_radio_group(client):
    response = client.get(reverse("account_signup"))

    page = Page(response.content.decode())
    fieldset = page.find_all("fieldset", id="radio-id_role")[0]
    assert fieldset.classes == ["fr-fieldset"]
    assert page.texts("legend", id="id_role-legend") == ["Vous êtes"]
    assert [group.text for group in page.find_all("div", css_class="fr-radio-group") if group.is_inside(fieldset)] == [
        "Je souhaite candidater au programme",
        "Je représente une administration qui propose un défi",
    ]


def test_account_menu_links_to_account_pages_with_current_one(client):
    client.force_login(UserFactory())

    response = client.get(reverse("account_change_password"))

    page = Page(response.content.decode())
    links = page.find_all("a", css_class="fr-sidemenu__link")
    assert [(link.text, link.attrs["href"]) for link in links] == [
        ("Identité", reverse("identity")),
        ("Adresses e-mail", reverse("account_email")),
        ("Mot de passe", reverse("account_change_password")),
        ("Authentification à deux facteurs", reverse("mfa_index")),
        ("Se déconnecter", reverse("account_logout")),
    ]
    assert [link.text for link in links if link.attrs.get("aria-current") == "page"] == ["Mot de passe"]


def test_entrance_page_has_no_account_menu(client):
    response = client.get(reverse("account_login"))

    assert Page(response.content.decode()).find_all(css_class="fr-sidemenu") == []


def test_password_change_shows_success_message_under_title(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "nouveau-motdepasse-2026",
            "password2": "nouveau-motdepasse-2026",
        },
        follow=True,
    )

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.texts("h1") == ["Modifier le mot de passe"]
    assert page.texts("div", css_class="fr-alert--success") == ["Mot de passe modifié avec succès."]


def test_email_page_buttons_are_dsfr_buttons(client):
    client.force_login(UserFactory())

    response = client.get(reverse("account_email"))

    page = Page(response.content.decode())
    assert [(button.text, button.attrs["class"]) for button in page.find_all("button", type="submit")] == [
        ("Rendre principale", "fr-btn"),
        ("Renvoyer le message de vérification", "fr-btn fr-btn--secondary"),
        ("Enlever", "fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-delete-line"),
        ("Ajouter un e-mail", "fr-btn"),
    ]
    assert page.texts("legend", inside=page.main) == ["Adresse e-mail concernée"]
