"""The contact form's message to the programme's team: what it may be about, and the one write that queues
it in the outbox (the form is eig.forms.ContactForm, the page eig.views.contact)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eig.emails import email_queue


class ContactSubject(models.TextChoices):
    """What a message to the programme is about (its e-mail's subject names it)."""

    APPLICATION = "candidature", _("Ma candidature au programme")
    CHALLENGE = "defi", _("Proposer un défi (administrations)")
    SELECTION = "selection", _("La sélection, les auditions ou les offres")
    COHORT = "promotion", _("La vie de la promotion")
    PERSONAL_DATA = "donnees", _("Mes données personnelles")
    ACCESSIBILITY = "accessibilite", _("Un problème d'accessibilité")
    OTHER = "autre", _("Autre question")


def contact_message_send(*, name: str, email: str, subject: str, message: str, user=None):
    """Queue a visitor's message to the programme's team (settings.CONTACT_EMAIL) through the outbox, in the
    site's language, with Reply-To the visitor, so that the team answers them directly; `user`: the account
    signed in, named in the message. Returns the outbox row."""
    return email_queue(
        to=[settings.CONTACT_EMAIL],
        template="emails/eig/contact_message",
        context={
            "name": name.strip(),
            "email": email,
            "subject": ContactSubject(subject),
            "message": message.strip(),
            "account": user if user is not None and user.is_authenticated else None,
        },
        language=settings.LANGUAGE_CODE,
        reply_to=[email],
    )
