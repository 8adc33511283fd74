"""Writes on the kernel's own models."""

from eig.models import User

# What a person may change about themselves on their identity page.
IDENTITY_FIELDS = ("first_name", "last_name", "usual_name", "pronouns", "language")


def user_update_identity(
    *, user: User, first_name: str, last_name: str, usual_name: str, pronouns: str, language: str
) -> User:
    """The person's names, pronouns and e-mail language, as they typed them (surrounding spaces removed)."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.usual_name = usual_name.strip()
    user.pronouns = pronouns.strip()
    user.language = language
    user.save(update_fields=list(IDENTITY_FIELDS))
    return user
