"""Invitations sent by e-mail to people who may have no account yet: a challenge's co-owners, a jury's
members. What every invitation shares lives here once; each app keeps its model (an e-mail, a token,
`accepted_at`), its service that accepts and its page's template.

- `invitation_check` is the service's check: an invitation is used once, by the invited address only;
- `invitation_page` is the acceptance page's flow: an anonymous visitor is sent to log in (an account
  with that address exists) or to sign up, and comes back to the invitation afterwards (the address is
  kept in the session across e-mail verification, `eig.adapters`); someone signed in with another
  address is refused (403, the French reason on the page); an invitation already accepted sends to
  `accepted_url`; a POST calls `accept`, whose refusal is shown on the page (403, nothing changed),
  and whose result `done(result)` turns into the response.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from eig.adapters import remember_next_after_login
from eig.models import User


def other_address_message() -> str:
    return _("Cette invitation a été envoyée à une autre adresse e-mail.")


def is_invited_address(user, email: str) -> bool:
    """Only the invited address may open and accept an invitation."""
    return bool(user.is_authenticated and user.email.lower() == email.lower())


def invitation_check(*, email: str, accepted_at, user) -> None:
    """Refuse an invitation already used (ValidationError) or opened by another address (PermissionDenied)."""
    if accepted_at is not None:
        raise ValidationError(_("Cette invitation a déjà été utilisée."))
    if not is_invited_address(user, email):
        raise PermissionDenied(other_address_message())


def sign_in_to_accept(request, email: str):
    """An anonymous visitor: to the login page when an account has the invited address, else to the
    sign-up page, then back here."""
    here = request.get_full_path()
    remember_next_after_login(request, here)
    has_account = User.objects.filter(email__iexact=email).exists()
    return redirect_to_login(here, reverse("account_login" if has_account else "account_signup"))


def refusal_text(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


def invitation_page(
    request,
    *,
    email: str,
    accepted_at,
    template: str,
    context: dict,
    accepted_url: str,
    accept: Callable[[], object],
    done: Callable[[object], object],
):
    """The acceptance page of an invitation (see the module's docstring)."""
    if not request.user.is_authenticated:
        return sign_in_to_accept(request, email)
    if not is_invited_address(request.user, email):
        return render(
            request, template, {**context, "error": other_address_message(), "other_address": True}, status=403
        )
    if accepted_at is not None:
        messages.info(request, _("Vous avez déjà accepté cette invitation."))
        return redirect(accepted_url)
    if request.method == "POST":
        try:
            result = accept()
        except (PermissionDenied, ValidationError) as error:
            return render(request, template, {**context, "error": refusal_text(error)}, status=403)
        return done(result)
    return render(request, template, context)
