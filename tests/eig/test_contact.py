"""The contact page: a message reaches the programme's team through the outbox (Reply-To the sender), bad
input keeps what was typed, and the rate limit refuses the sixth message of the hour."""

import pytest
from django.urls import reverse

from eig.models import OutboxEmail
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

MESSAGE = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "subject": "accessibilite",
    "message": "Le planning ne se lit pas au lecteur d'écran.\nPouvez-vous m'aider ?",
    "website": "",
}
SENT = "Votre message est envoyé à l'équipe du programme. Elle vous répondra à l'adresse ada@example.org."
RATE_LIMITED = (
    "Vous avez envoyé trop de messages en peu de temps : votre message n'est pas parti. Réessayez dans une "
    "heure ; votre texte est conservé ci-dessous."
)


@pytest.fixture(autouse=True)
def _contact_address(settings):
    settings.CONTACT_EMAIL = "programme@essai.gouv.fr"


def form_values(response) -> dict[str, list[str]]:
    page = Page(response.content.decode())
    [form] = page.find_all("form", id="contact-form")
    return page.form_values(form)


def test_contact_message_is_queued_for_the_team_with_reply_to_the_sender(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contact"), MESSAGE, follow=True)

    [email] = OutboxEmail.objects.all()
    assert email.to == ["programme@essai.gouv.fr"]
    assert email.reply_to == ["ada@example.org"]
    assert email.subject == "[EIG] Contact : Un problème d'accessibilité — Ada Lovelace"
    assert email.body == (
        "Message envoyé depuis le formulaire de contact de la plateforme EIG.\n"
        "\n"
        "De : Ada Lovelace <ada@example.org>\n"
        "Sujet : Un problème d'accessibilité\n"
        "\n"
        "Le planning ne se lit pas au lecteur d'écran.\n"
        "Pouvez-vous m'aider ?\n"
        "\n"
        "Répondez à ce message pour écrire directement à son auteur·e.\n"
    )
    assert response.redirect_chain == [(reverse("contact"), 302)]
    assert Page(response.content.decode()).texts(css_class="fr-alert--success") == [SENT]


def test_contact_message_is_sent_with_reply_to(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contact"), MESSAGE)

    [sent] = mailoutbox
    assert sent.to == ["programme@essai.gouv.fr"]
    assert sent.reply_to == ["ada@example.org"]


def test_contact_message_names_the_account_signed_in(client):
    user = UserFactory(candidate=True, first_name="Grace", last_name="Hopper", email="grace@example.org")
    client.force_login(user)

    client.post(reverse("contact"), {**MESSAGE, "name": "Grace Hopper", "email": "grace@example.org"})

    [email] = OutboxEmail.objects.all()
    assert "Compte connecté : grace@example.org\n" in email.body
    assert email.reply_to == ["grace@example.org"]


def test_contact_form_is_prefilled_for_a_signed_in_person(client):
    client.force_login(UserFactory(candidate=True, first_name="Grace", last_name="Hopper", email="grace@example.org"))

    response = client.get(reverse("contact") + "?sujet=donnees")

    values = form_values(response)
    assert values["name"] == ["Grace Hopper"]
    assert values["email"] == ["grace@example.org"]
    assert values["subject"] == ["donnees"]


def test_contact_form_is_empty_for_a_visitor(client):
    response = client.get(reverse("contact") + "?sujet=nimporte-quoi")

    values = form_values(response)
    assert values["name"] == [""]
    assert values["email"] == [""]
    assert values["subject"] == [""]


def test_contact_bad_input_keeps_what_was_typed(client):
    response = client.post(reverse("contact"), {**MESSAGE, "email": "pas-une-adresse", "subject": ""})

    page = Page(response.content.decode())
    assert response.status_code == 200
    assert OutboxEmail.objects.count() == 0
    assert page.texts("li", inside=page.find_all(id="error-summary")[0]) == [
        "Courriel : Saisissez une adresse de courriel valide.",
        "Sujet : Ce champ est obligatoire.",
    ]
    values = form_values(response)
    assert values["name"] == ["Ada Lovelace"]
    assert values["email"] == ["pas-une-adresse"]
    assert values["message"] == [MESSAGE["message"]]


def test_contact_too_long_message_is_refused_and_kept(client):
    long_message = "a" * 5001

    response = client.post(reverse("contact"), {**MESSAGE, "message": long_message})

    assert response.status_code == 200
    assert OutboxEmail.objects.count() == 0
    assert form_values(response)["message"] == [long_message]


def test_contact_rate_limit_refuses_the_sixth_message_of_the_hour(client):
    for number in range(5):
        assert client.post(reverse("contact"), {**MESSAGE, "message": f"Message {number}"}).status_code == 302

    response = client.post(reverse("contact"), {**MESSAGE, "message": "Le sixième"})

    page = Page(response.content.decode())
    assert response.status_code == 429
    assert OutboxEmail.objects.count() == 5
    assert page.texts("li", inside=page.find_all(id="error-summary")[0]) == [RATE_LIMITED]
    assert form_values(response)["message"] == ["Le sixième"]
    assert form_values(response)["email"] == ["ada@example.org"]


def test_contact_rate_limit_counts_each_sender_address(client):
    """From other addresses (REMOTE_ADDR), the same sender's e-mail is still limited to 5 an hour."""
    for number in range(5):
        client.post(reverse("contact"), MESSAGE, REMOTE_ADDR=f"192.0.2.{number + 1}")

    response = client.post(reverse("contact"), MESSAGE, REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 429
    assert OutboxEmail.objects.count() == 5


def test_contact_rate_limit_counts_each_visitor_address(client):
    """From one address, five senders' e-mails, then a sixth is refused."""
    for number in range(5):
        client.post(reverse("contact"), {**MESSAGE, "email": f"personne{number}@example.org"})

    response = client.post(reverse("contact"), {**MESSAGE, "email": "sixieme@example.org"})

    assert response.status_code == 429
    assert OutboxEmail.objects.count() == 5


def test_contact_honeypot_filled_sends_nothing(client):
    response = client.post(reverse("contact"), {**MESSAGE, "website": "https://spam.example"}, follow=True)

    assert OutboxEmail.objects.count() == 0
    assert Page(response.content.decode()).texts(css_class="fr-alert--success") == [SENT]
