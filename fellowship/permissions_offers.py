"""Who may do what with the offers: the person of an offer answers it (staff's pages are
eig.gate.PROGRAMME_STAFF). The doors of eig.gate's rules are here."""

from eig.gate import Rule
from eig.models import Role


def is_offer_person(user, offer) -> bool:
    """The offer is made to the user (their application's)."""
    return offer.application.candidate_id == user.pk


# The answer pages of an offer (accept, decline): its person only.
OFFER_PERSON = Rule({Role.CANDIDATE: is_offer_person})
