from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from eig.client_ip import client_ip
from eig.permissions import is_agent

# A page to come back to after logging in, kept in the session across sign-up and e-mail
# verification (where allauth's `?next=` is lost): an invitation link, for instance.
NEXT_AFTER_LOGIN_SESSION_KEY = "eig_next_after_login"


def remember_next_after_login(request, url: str) -> None:
    request.session[NEXT_AFTER_LOGIN_SESSION_KEY] = url


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the user's interface language for the e-mails sent to them later; counts rate limits by
    the visitor's address behind the trusted proxies."""

    def get_client_ip(self, request) -> str:
        """The visitor's address (eig.client_ip), which allauth's rate limits count by."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", None)
        if language in {"fr", "en"}:
            user.language = language
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """Without `?next=`: the page remembered before sign-up, else the agents' dashboard for agents."""
        remembered = request.session.pop(NEXT_AFTER_LOGIN_SESSION_KEY, None)
        if remembered and url_has_allowed_host_and_scheme(remembered, allowed_hosts={request.get_host()}):
            return remembered
        if is_agent(request.user):
            return reverse("challenges:dashboard")
        return super().get_login_redirect_url(request)
