"""What the platform holds about a person, declared by each app: the registry behind « Mes données »
(the export ZIP), the account deletion and the retention purge (docs/personal-data.md).

The kernel knows no app: each app declares a `PersonalData` in its own `privacy.py`, found by
`autodiscover_modules("privacy")` the first time the registry is read (as eig/reminders does with
`reminders.py`). The kernel declares the account itself (below)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils.module_loading import autodiscover_modules

from eig.dates import PARIS
from eig.outbox.models import OutboxEmail


def _nothing(user) -> list:
    return []


def _no_reason(user) -> str:
    return ""


def _no_erase(user) -> None:
    return None


@dataclass(frozen=True)
class PersonalData:
    """One app's share of what the platform holds about a person.

    - `key`: the JSON section's name in the export ("applications");
    - `order`: the layer order (the kernel 0, cohorts 1… fellowship 5): erasing runs from the top layer
      down, exporting from the bottom up;
    - `export(user)`: a JSON-serialisable value of everything this app holds about the person, naming
      no other person (no reviewer, juror or staff member);
    - `files(user)`: (name in the ZIP, stored file) pairs of the person's files;
    - `erase(user)`: the account is being deleted: empty what this app holds about the person (what must
      be kept for a legal period is kept, and `keeps` says so);
    - `keeps(user)`: a French sentence saying why some data must outlive the account deletion (a fellow's
      contract), or an empty string;
    - `template` and `context(user)`: the app's section of the « Mes données » page (what it holds, the
      person's choices about it), when it has one.
    """

    key: str
    order: int
    export: Callable[..., object]
    files: Callable[..., list] = _nothing
    erase: Callable[..., None] = _no_erase
    keeps: Callable[..., str] = _no_reason
    template: str = ""
    context: Callable[..., dict] | None = None


_declarations: dict[str, PersonalData] = {}
_discovered = False


def register(declaration: PersonalData) -> PersonalData:
    _declarations[declaration.key] = declaration
    return declaration


def declarations() -> list[PersonalData]:
    """Every app's declaration, bottom layer first."""
    global _discovered
    if not _discovered:
        _discovered = True
        autodiscover_modules("privacy")
    return sorted(_declarations.values(), key=lambda declaration: (declaration.order, declaration.key))


def json_value(value):
    """Dates as ISO 8601 text (date-times in Paris time), the rest as it is (for the export's JSON)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(PARIS).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- The kernel's own share: the account, its addresses and the e-mails sent to it.


def _account_export(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "usual_name": user.usual_name,
        "pronouns": user.pronouns,
        "language": user.language,
        "roles": [str(role) for role in user.roles],
        "date_joined": json_value(user.date_joined),
        "last_login": json_value(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "emails_received": [
            {"subject": email.subject, "created_at": json_value(email.created_at)}
            for email in OutboxEmail.objects.filter(to__contains=[user.email]).order_by("created_at", "pk")
        ],
    }


def _account_erase(user) -> None:
    # The e-mails sent to the person hold their name and their file's details.
    OutboxEmail.objects.filter(to__contains=[user.email]).delete()


register(PersonalData(key="account", order=0, export=_account_export, erase=_account_erase))
