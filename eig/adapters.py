from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from eig.client_ip import client_ip
from eig.outbox.services import email_write
from eig.permissions import is_agent, is_candidate, is_fellow, is_juror, is_mentor, is_programme_staff

# A page to come back to after logging in, kept in the session across sign-up and e-mail
# verification (where allauth's `?next=` is lost): an invitation link, for instance.
NEXT_AFTER_LOGIN_SESSION_KEY = "eig_next_after_login"


def remember_next_after_login(request, url: str) -> None:
    request.session[NEXT_AFTER_LOGIN_SESSION_KEY] = url


def sits_on_a_jury(user) -> bool:
    """A juror with a jury to sit on: a cohort's challenge jury (the related name of
    `cohorts.Cohort.challenge_jurors`, read without importing the app; one query)."""
    return is_juror(user) and user.challenge_juries.exists()


def sits_on_an_audition_jury(user) -> bool:
    """A juror with a seat on an audition jury (the related name of `auditions.JuryMember.user`, read
    without importing the app; one query): their auditions come first."""
    return is_juror(user) and user.jury_seats.exists()


# Where each role lands after signing in, by URL name, the first role held winning: staff run the
# programme from the admin, jurors have a deadline to score by, agents and candidates find their own
# space (the main menu leads to the others). Named by URL, so the kernel imports no app. A juror who
# sits on no jury yet has nothing to score: the next role they hold decides.
ROLE_HOMES = [
    (is_programme_staff, "admin:index"),
    (sits_on_an_audition_jury, "auditions:my_auditions"),
    (sits_on_a_jury, "selection:challenge_list"),
    (is_mentor, "fellowship:mentoring"),
    (is_agent, "challenges:dashboard"),
    (is_fellow, "fellowship:my_team"),
    (is_candidate, "applications:space"),
]


def home_url_for(user) -> str | None:
    """The page `user` lands on after signing in (None for an account without a role)."""
    for holds_role, url_name in ROLE_HOMES:
        if holds_role(user):
            return reverse(url_name)
    return None


class AccountAdapter(DefaultAccountAdapter):
    """Keeps the user's interface language for the e-mails sent to them later, sends each role to its
    own space after signing in, counts rate limits by the visitor's address behind the trusted
    proxies, and sends allauth's e-mails through the outbox."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's e-mail as allauth does, then write it to the outbox, marked sensitive: it
        carries a sign-in code or a link that signs in, which the admin never shows and which is
        erased once sent."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)} | context,
        )
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), None
        )
        body = message.body
        if message.content_subtype == "html":
            html, body = body, strip_tags(body)
        email_write(
            to=message.to,
            subject=message.subject,
            body=body,
            html_body=html,
            template=template_prefix,
            language=get_language() or "",
            sensitive=True,
        )

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
        """Without `?next=`: the page remembered before sign-up (an invitation), else the space of the
        user's role (ROLE_HOMES)."""
        remembered = request.session.pop(NEXT_AFTER_LOGIN_SESSION_KEY, None)
        if remembered and url_has_allowed_host_and_scheme(remembered, allowed_hosts={request.get_host()}):
            return remembered
        return home_url_for(request.user) or super().get_login_redirect_url(request)

    def get_login_stages(self) -> list[str]:
        """allauth's stages, its second-factor prompt replaced by ours, which skips it when the identity
        provider already did a multi-factor authentication (eig.stages)."""
        return [
            "eig.stages.AuthenticateStage" if stage == "allauth.mfa.stages.AuthenticateStage" else stage
            for stage in super().get_login_stages()
        ]

    def get_signup_redirect_url(self, request):
        """Once signed in by confirming their address (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION), a new user
        lands where a login would take them."""
        if request.user.is_authenticated:
            return self.get_login_redirect_url(request)
        return super().get_signup_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """ProConnect (eig/proconnect.py) is the federation of public agents: an account it creates is an
    administration agent's, named from its claims (`given_name`; `usual_name`, the name the agent uses,
    as the last name), in the interface's language. An existing account of the same verified address is
    signed in and linked instead (SOCIALACCOUNT_EMAIL_AUTHENTICATION), keeping its roles."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.is_agent = True
        language = getattr(request, "LANGUAGE_CODE", None)
        if language in {"fr", "en"}:
            user.language = language
        return user
