"""The rights of the person over what the platform holds about them (docs/personal-data.md): the export
ZIP, the account deletion, and the anonymisation of an account that nothing keeps any longer. Each app's
share comes from its declaration in the registry (eig.privacy)."""

import datetime as dt
import io
import json
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from eig.audit import services as audit
from eig.audit.models import AuditAction
from eig.models import ROLE_FIELDS, Role, User
from eig.privacy import declarations

EXPORT_JSON_NAME = "mes-donnees.json"
# The roles that keep an account alive after its applications are purged (the person still works with us).
KEEPING_ROLES = frozenset(set(Role) - {Role.CANDIDATE})


def personal_data(user: User) -> dict:
    """Everything the platform holds about `user`, app by app (the export's JSON)."""
    return {declaration.key: declaration.export(user) for declaration in declarations()}


def personal_files(user: User) -> list[tuple[str, object]]:
    """(name in the ZIP, stored file) of each of the person's files, the missing ones left out."""
    return [(name, stored) for declaration in declarations() for name, stored in declaration.files(user) if stored]


def personal_data_zip(user: User) -> bytes:
    """The ZIP of « Mes données »: the JSON and the person's files; one audit row."""
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, stored in personal_files(user):
            try:
                with stored.open("rb") as handle:
                    archive.writestr(f"fichiers/{name}", handle.read())
            except FileNotFoundError:
                continue
            files.append(f"fichiers/{name}")
        data = {**personal_data(user), "files": files}
        archive.writestr(EXPORT_JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2, default=str))
    audit.record(
        AuditAction.EXPORT,
        summary=audit.in_site_language(gettext_lazy("Export de ses données par le compte %(id)s"), id=user.pk),
        target=user,
        data={"files": len(files)},
    )
    return buffer.getvalue()


def kept_reasons(user: User) -> list[str]:
    """Why some of the person's data must outlive their account (French sentences); empty: nothing."""
    return [reason for declaration in declarations() if (reason := declaration.keeps(user))]


@transaction.atomic
def account_anonymise(*, user: User, now: dt.datetime | None = None) -> User:
    """Erase what every app holds about the person (top layer first), then the account itself: the row stays
    (the anonymous records point to it) with no name, no address, no password, no role, closed."""
    now = now or timezone.now()
    for declaration in reversed(declarations()):
        declaration.erase(user)
    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        apps.get_model("socialaccount", "SocialAccount").objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"compte-efface-{user.pk}@efface.invalid"
    user.first_name = user.last_name = user.usual_name = user.pronouns = ""
    user.set_unusable_password()
    user.is_active = user.is_superuser = False
    for field in ROLE_FIELDS.values():
        setattr(user, field, False)
    user.erased_at = now
    user.save()
    audit.record(
        AuditAction.ACCOUNT,
        summary=audit.in_site_language(gettext_lazy("Compte %(id)s anonymisé"), id=user.pk),
        target=user,
        data={"erased": True},
        actor=audit.SYSTEM,
    )
    return user


@transaction.atomic
def account_delete(*, user: User, now: dt.datetime | None = None) -> list[str]:
    """The person deletes their account: each app withdraws and erases what it may (an application in a
    running selection is withdrawn first); the account is closed at once, and anonymised now unless some
    data must be kept (a fellow's contract data, a file under hold): then the daily task anonymises it
    when nothing keeps it any longer. Returns the reasons something is kept."""
    now = now or timezone.now()
    user = User.objects.select_for_update(of=("self",)).get(pk=user.pk)
    for declaration in reversed(declarations()):
        declaration.erase(user)
    user.erasure_requested_at = now
    user.save(update_fields=["erasure_requested_at"])
    audit.record(
        AuditAction.ACCOUNT,
        summary=audit.in_site_language(
            gettext_lazy("Suppression du compte %(id)s demandée par la personne"), id=user.pk
        ),
        target=user,
        data={"erasure_requested": True},
    )
    reasons = kept_reasons(user)
    if reasons:
        user.set_unusable_password()
        user.is_active = False
        user.save(update_fields=["password", "is_active"])
    else:
        account_anonymise(user=user, now=now)
    return reasons


def accounts_anonymise_unkept(*, user_ids, now: dt.datetime | None = None) -> int:
    """Anonymise those accounts that nothing keeps any longer: no app keeps data about them, and either the
    person asked for deletion or they hold no role but candidate (the daily task, after a purge)."""
    count = 0
    for user in User.objects.filter(pk__in=list(user_ids), erased_at__isnull=True):
        if user.erasure_requested_at is None and any(role in KEEPING_ROLES for role in user.roles):
            continue
        if user.erasure_requested_at is None and user.is_superuser:
            continue
        if not kept_reasons(user):
            account_anonymise(user=user, now=now)
            count += 1
    return count
