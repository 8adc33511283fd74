"""E-mails of the offers, from templates/emails/fellowship/, written to the outbox in the caller's
transaction, in the person's language: the offer, its lapse, its withdrawal."""

from django.conf import settings
from django.urls import reverse

from challenges.models import ContactKind
from eig.emails import email_queue

# The candidate's offers page, where every e-mail of an offer leads.
MY_OFFERS_URL_NAME = "fellowship:my_offers"
MENTOR_KINDS = (ContactKind.SPONSOR, ContactKind.PROJECT_LEAD)


def my_offers_url() -> str:
    return f"{settings.SITE_URL}{reverse(MY_OFFERS_URL_NAME)}"


def offer_mentors(challenge) -> list:
    """The future mentors of the challenge's fellows: its sponsor, then its project leads."""
    contacts = [contact for contact in challenge.contacts.all() if contact.kind in MENTOR_KINDS]
    return sorted(contacts, key=lambda contact: (MENTOR_KINDS.index(contact.kind), contact.pk))


def offer_context(offer) -> dict:
    """What every e-mail and page of an offer shows about it."""
    challenge = offer.position.challenge
    return {
        "offer": offer,
        "candidate": offer.application.candidate,
        "challenge": challenge,
        "administration": challenge.administration,
        "position": offer.position,
        "cohort": offer.application.cohort,
        "mentors": offer_mentors(challenge),
        "url": my_offers_url(),
    }


def _send(offer, template: str, **extra) -> None:
    candidate = offer.application.candidate
    email_queue(
        to=[candidate.email],
        template=f"emails/fellowship/{template}",
        context={**offer_context(offer), **extra},
        language=candidate.language,
    )


def offer_sent(offer) -> None:
    """The offer: challenge, administration, position and mission, mentors, dates, salary, deadline."""
    _send(offer, "offer")


def offer_lapsed(offer) -> None:
    """The deadline passed without an answer: the position goes to the next person."""
    _send(offer, "offer_lapsed")


def offer_withdrawn(offer, *, reason: str, replaced: bool = False) -> None:
    """Staff withdrew the offer with `reason`, or a new assignment replaced it (`replaced`)."""
    _send(offer, "offer_withdrawn", reason=reason, replaced=replaced)
