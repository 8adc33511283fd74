"""Demo data of the kernel: one account per role, with a known password (development only)."""

import unicodedata
from dataclasses import dataclass

from allauth.account.models import EmailAddress

from eig.models import User

DEMO_PASSWORD = "eig-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role_label: str
    flags: dict
    first_name: str
    last_name: str


DEMO_ACCOUNTS = [
    DemoAccount("candidat@demo.eig.localhost", "candidat·e", {"is_candidate": True}, "Camille", "Candidat"),
    DemoAccount("agent@demo.eig.localhost", "agent d'administration", {"is_agent": True}, "Dominique", "Agent"),
    DemoAccount(
        "equipe@demo.eig.localhost",
        "équipe du programme",
        {"is_staff": True, "is_superuser": True},
        "Sacha",
        "Équipe",
    ),
    DemoAccount("jure@demo.eig.localhost", "juré·e", {"is_juror": True}, "Alix", "Juré"),
    DemoAccount(
        "direction@demo.eig.localhost", "direction du programme", {"is_director": True}, "Claude", "Direction"
    ),
    DemoAccount(
        "eig@demo.eig.localhost",
        "entrepreneur·e d'intérêt général",
        {"is_fellow": True, "is_candidate": True},
        "Andréa",
        "Entrepreneur",
    ),
    DemoAccount("mentor@demo.eig.localhost", "mentor·e", {"is_mentor": True, "is_agent": True}, "Morgane", "Mentor"),
]


def accounts_seed() -> dict[str, User]:
    """Create or update the demo accounts, their e-mail verified: e-mail -> user."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first() or User(email=account.email)
        for field, value in account.flags.items():
            setattr(user, field, value)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"primary": True, "verified": True}
        )
        users[account.email] = user
    return users


def demo_email(first_name: str, last_name: str) -> str:
    """« prenom.nom@demo.eig.localhost », without accents: the address of a person of the demo data."""
    name = unicodedata.normalize("NFKD", f"{first_name}.{last_name}".lower().replace(" ", "-"))
    return f"{name.encode('ascii', 'ignore').decode()}@demo.eig.localhost"


def person_seed(first_name: str, last_name: str, **flags) -> User:
    """A person of the demo data who is not a demo account (a candidate, a juror): created once, with
    `flags` (roles), without a password — nobody signs in as them."""
    email = demo_email(first_name, last_name)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name, **flags)
        user.set_unusable_password()
        user.save()
    return user
