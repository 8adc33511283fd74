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


def with_second_factor(url_name, *, recovery_codes=False, reauthenticated=False):
    """A signed-in account with an authenticator app (and its recovery codes)."""

    def prepare(client):
        user = UserFactory(second_factor=True)
        if recovery_codes:
            RecoveryCodes.activate(user)
        client.force_login(user)
        if reauthenticated:
            reauthenticate(client)
        return reverse(url_name)

    return prepare


def second_step_of_login(client):
    """The password of an account with a second factor given: the login asks for the code."""
    user = UserFactory(second_factor=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    return reverse("mfa_authenticate")


# Each page: how to reach it, its heading (also its title, before the site's name), its typed fields.
PAGES = {
    "login": (anonymous("account_login"), "Connexion", ["login", "password"]),
    "signup": (
        anonymous("account_signup"),
        "Création de compte",
        ["first_name", "last_name", "email", "password1", "password2"],
    ),
    "logout": (logged_in("account_logout"), "Se déconnecter", []),
    "password_reset": (anonymous("account_reset_password"), "Réinitialisation du mot de passe", ["email"]),
    "password_reset_done": (anonymous("account_reset_password_done"), "Courriel de réinitialisation envoyé", []),
    "password_reset_from_key": (
        password_reset_from_key,
        "Choisir un nouveau mot de passe",
        ["password1", "password2"],
    ),
    "password_reset_from_bad_key": (
        anonymous("account_reset_password_from_key", uidb36="zz", key="cle-invalide"),
        "Lien de réinitialisation invalide",
        [],
    ),
    "password_reset_from_key_done": (
        anonymous("account_reset_password_from_key_done"),
        "Nouveau mot de passe enregistré",
        [],
    ),
    "password_change": (
        logged_in("account_change_password"),
        "Modifier le mot de passe",
        ["oldpassword", "password1", "password2"],
    ),
    "email": (logged_in("account_email"), "Adresses e-mail", ["email"]),
    "verification_sent": (anonymous("account_email_verification_sent"), "Vérifiez votre adresse e-mail", []),
    "email_confirm": (email_confirm, "Confirmer l'adresse e-mail", []),
    "email_confirm_bad_key": (
        anonymous("account_confirm_email", key="cle-invalide"),
        "Lien de confirmation invalide",
        [],
    ),
    "account_inactive": (anonymous("account_inactive"), "Compte inactif", []),
    "mfa_authenticate": (second_step_of_login, "Connexion : code d'authentification", ["code"]),
    "mfa_index": (logged_in("mfa_index"), "Authentification à deux facteurs", []),
    "totp_activation": (
        totp_activation,
        "Activer l'application d'authentification",
        ["authenticator_secret", "code"],
    ),
    "totp_deactivation": (
        with_second_factor("mfa_deactivate_totp", reauthenticated=True),
        "Désactiver l'application d'authentification",
        [],
    ),
    "recovery_codes": (recovery_codes, "Codes de récupération", ["recovery_codes"]),
    "recovery_codes_generation": (
        with_second_factor("mfa_generate_recovery_codes", recovery_codes=True, reauthenticated=True),
        "Nouveaux codes de récupération",
        [],
    ),
    "reauthenticate": (
        logged_in("account_reauthenticate"),
        "Confirmer l'accès avec votre mot de passe",
        ["password"],
    ),
    "mfa_reauthenticate": (
        with_second_factor("mfa_reauthenticate"),
        "Confirmer l'accès avec votre code d'authentification",
        ["code"],
    ),
}


def test_account_pages_each_have_their_own_heading():
    headings = [heading for _, heading, _ in PAGES.values()]

    assert sorted(heading for heading in headings if headings.count(heading) > 1) == []


@pytest.mark.parametrize(("prepare", "heading", "fields"), PAGES.values(), ids=PAGES.keys())
def test_account_page_uses_dsfr_base_in_french(client, prepare, heading, fields):
    url = prepare(client)

    response = client.get(url, follow=True)

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert page.lang == "fr"
    assert len(page.find_all("header", css_class="fr-header")) == 1
    assert len(page.find_all("footer", css_class="fr-footer")) == 1
    assert page.texts("title") == [f"{heading} — {SITE_TITLE}"]
    assert page.texts("h1") == [heading]
    assert typed_fields(page) == [(name, True) for name in fields]


def test_login_failure_keeps_email_and_shows_french_error(client):
    user = UserFactory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": "pas-le-bon-mot-de-passe"})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert [field.attrs.get("value") for field in page.find_all("input", name="login")] == [user.email]
    assert [field.attrs.get("value") for field in page.find_all("input", name="password")] == [None]
    assert page.texts("h2", id="error-summary-title") == ["Le formulaire contient une erreur"]
    assert page.texts("li", inside=page.find_all(id="error-summary")[0]) == [
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


# Sign-up asks for a name: the tests below give one, to look at the other fields.
NAMES = {"first_name": "Camille", "last_name": "Martin"}


def test_signup_errors_are_summed_up_above_the_form_with_links_to_their_fields(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "pas-une-adresse",
            "password1": "motdepasse-long-2026",
            "password2": "",
            "role": "candidate",
            **NAMES,
        },
    )

    page = Page(response.content.decode())
    [summary] = page.find_all("div", id="error-summary")
    assert (summary.classes, summary.attrs["tabindex"], "data-error-summary" in summary.attrs) == (
        ["fr-alert", "fr-alert--error", "fr-mb-4w"],
        "-1",
        True,
    )
    assert page.texts("h2", id="error-summary-title") == ["Le formulaire contient 2 erreurs"]
    assert [(link.text, link.attrs["href"]) for link in page.find_all("a", inside=summary)] == [
        ("Courriel : Saisissez une adresse de courriel valide.", "#id_email"),
        ("Mot de passe (confirmation) : Ce champ est obligatoire.", "#id_password2"),
    ]
    # The summary comes first in the form's column: before the form, after the page's heading.
    assert page.elements.index(summary) < page.elements.index(
        page.find_all("form", action=reverse("account_signup"))[0]
    )
    # The page's script moves the focus to it.
    assert [
        script.attrs["src"] for script in page.find_all("script") if "error-summary" in script.attrs.get("src", "")
    ] == ["/static/js/error-summary.js"]


def test_signup_mismatched_confirmation_is_reported_even_when_the_first_password_is_refused(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "camille@example.org", "password1": "court", "password2": "autre", "role": "candidate", **NAMES},
    )

    page = Page(response.content.decode())
    assert page.texts("div", id="id_password1-desc-error") == [
        "Ce mot de passe est trop court. Il doit contenir au minimum 10 caractères."
    ]
    assert page.texts("div", id="id_password2-desc-error") == ["Vous devez saisir deux fois le même mot de passe."]


def test_signup_matching_confirmation_of_a_refused_password_reports_the_rules_only(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "camille@example.org", "password1": "court", "password2": "court", "role": "candidate", **NAMES},
    )

    page = Page(response.content.decode())
    assert page.texts("h2", id="error-summary-title") == ["Le formulaire contient une erreur"]
    assert page.find_all("div", id="id_password2-desc-error") == []


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
        ("Mes données", reverse("my_data")),
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


def test_totp_qr_code_is_described_and_its_secret_can_be_copied(client):
    """The QR code's alternative says what it is for (not the secret read out); the secret is a read-only field,
    which can be focused, selected and copied (a disabled one cannot)."""
    url = totp_activation(client)

    page = Page(client.get(url).content.decode())

    [qr_code] = page.find_all("img", inside=page.main)
    assert qr_code.attrs["alt"] == (
        "QR code de votre secret d'authentification, à scanner avec votre application d'authentification. "
        "Si vous ne pouvez pas le scanner, saisissez dans l'application le secret affiché sous l'image."
    )
    [secret] = page.find_all("input", id="authenticator_secret")
    assert ("readonly" in secret.attrs, "disabled" in secret.attrs, len(secret.attrs["value"])) == (True, False, 32)
    assert page.texts("label", for_="authenticator_secret") == [
        "Secret d'authentification Vous pouvez stocker ce secret et l'utiliser pour réinstaller votre application "
        "d'authentification ultérieurement."
    ]
