"""The one gate of the platform: every page a signed-in role opens, the admin included, goes through it.

It asks, in order:

1. signed in? — else the login page, with `?next=` back to the page;
2. admitted? — a `Rule` lists, for each role, the test a user passes to get in through that role
   (a challenge's page: its owners as agents, programme staff, the cohort's challenge jurors); none
   passed — else 403;
3. a second factor? — when `settings.STAFF_MFA_REQUIRED` and *every* role that admitted the user is
   one of `SECOND_FACTOR_ROLES` (programme staff, jurors: they see other people's files) — else a
   warning and allauth's two-factor page, where one chooses an authenticator app (TOTP) or a security
   key (WebAuthn). A second factor is either one of the account's own authenticators, or — for this
   session only — the multi-factor authentication the identity provider reported at sign-in (ProConnect's
   `amr` claim holding "mfa", recorded by `record_identity_provider_second_factor`).

A user admitted by several roles needs the second factor only when none of them can do without it:
an owner who is also staff opens *their own* challenge's page as its owner, with the password alone,
and sees there nothing the page does not show every owner; opening a challenge they do not own, they
are admitted as staff only, and need the second factor.

Views use the `gate` decorator; a view whose rule depends on an object names a `load` function that
fetches it from the URL's arguments (404 when missing, after the sign-in check, so that an anonymous
visitor learns nothing) and receives the object instead of those arguments. The admin's middleware
calls `gate_refusal` with `ADMIN`. This module is the only place that asks whether an account has a
second factor.
"""

import functools
import inspect
from collections.abc import Callable, Mapping

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from eig.models import Role
from eig.permissions import has_role

# The roles whose pages show other people's files: they open only with a second factor
# (when STAFF_MFA_REQUIRED).
SECOND_FACTOR_ROLES = frozenset({Role.STAFF, Role.JUROR, Role.DIRECTOR})

# A door's test: (user, the page's object or None) -> may the user get in through this role?
Door = Callable[..., bool]


class Rule:
    """Who may open a page: for each role, the test a user must pass to get in through it; `None`
    means "holds the role" (`eig.permissions.has_role`). A test decides alone (an owner's door asks
    ownership, not the agent flag): the role only says whether a second factor is needed."""

    def __init__(self, doors: Mapping[Role, Door | None]):
        self.doors = {Role(role): door for role, door in doors.items()}

    def admitting_roles(self, user, obj=None) -> frozenset[Role]:
        """The roles through which `user` may open the page (empty: refused)."""
        if not (user.is_authenticated and user.is_active):
            return frozenset()
        return frozenset(
            role for role, door in self.doors.items() if (has_role(user, role) if door is None else door(user, obj))
        )

    def admits(self, user, obj=None) -> bool:
        return bool(self.admitting_roles(user, obj))


class SignedInRule(Rule):
    """Anyone signed in, whatever their roles: the pages of one's own account. They show only the
    user's own data, so no second factor is asked (staff must reach them to set one up)."""

    ACCOUNT = "account"

    def __init__(self):
        super().__init__({})

    def admitting_roles(self, user, obj=None) -> frozenset:
        return frozenset({self.ACCOUNT}) if user.is_authenticated and user.is_active else frozenset()


def role_rule(*roles: Role) -> Rule:
    """The holders of these roles, whatever the object."""
    return Rule(dict.fromkeys(roles))


SIGNED_IN = SignedInRule()
CANDIDATES = role_rule(Role.CANDIDATE)
AGENTS = role_rule(Role.AGENT)
PROGRAMME_STAFF = role_rule(Role.STAFF)
DIRECTORS = role_rule(Role.DIRECTOR)
# The Django admin (eig.middleware.AdminGateMiddleware).
ADMIN = PROGRAMME_STAFF


# Where the gate sends an account that needs a second factor: allauth's two-factor page, which offers
# an authenticator app (TOTP) and a security key or passkey (WebAuthn), then the recovery codes.
SECOND_FACTOR_ENROLMENT = "mfa_index"

# The session's record that the identity provider did a multi-factor authentication at sign-in: the
# primary key of the account it was done for (a session signed in as another account never uses it).
IDENTITY_PROVIDER_SECOND_FACTOR_SESSION_KEY = "eig_identity_provider_second_factor"


def record_identity_provider_second_factor(request, user, *, done: bool) -> None:
    """Called at each sign-in (eig.stages.AuthenticateStage): whether the identity provider did a
    multi-factor authentication for `user`. A later sign-in without it, in the same session, forgets it."""
    if done:
        request.session[IDENTITY_PROVIDER_SECOND_FACTOR_SESSION_KEY] = str(user.pk)
    else:
        request.session.pop(IDENTITY_PROVIDER_SECOND_FACTOR_SESSION_KEY, None)


def second_factor_done_at_identity_provider(request, user) -> bool:
    """Whether this session's sign-in was a multi-factor one at the identity provider, for this account."""
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and user.is_authenticated
        and session.get(IDENTITY_PROVIDER_SECOND_FACTOR_SESSION_KEY) == str(user.pk)
    )


def has_second_factor(user, request=None) -> bool:
    """Whether the account has two-factor authentication turned on (one query) or, given the request,
    whether this session's sign-in did one at the identity provider."""
    if not user.is_authenticated:
        return False
    if request is not None and second_factor_done_at_identity_provider(request, user):
        return True
    return bool(is_mfa_enabled(user))


def second_factor_missing(request, roles: frozenset[Role]) -> bool:
    """Admitted only by roles that need a second factor, which the signed-in user lacks."""
    return bool(
        settings.STAFF_MFA_REQUIRED
        and roles
        and roles <= SECOND_FACTOR_ROLES
        and not has_second_factor(request.user, request)
    )


def gate_refusal(request, rule: Rule, obj=None, *, second_factor_message: str | None = None):
    """None when the user may open the page; otherwise the login redirect or the enrolment redirect
    (with its message) to return, or PermissionDenied raised."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    roles = rule.admitting_roles(user, obj)
    if not roles:
        raise PermissionDenied
    if second_factor_missing(request, roles):
        messages.warning(
            request,
            second_factor_message or _("Activez l'authentification à deux facteurs pour ouvrir cette page."),
        )
        return redirect(SECOND_FACTOR_ENROLMENT)
    return None


def gate(rule: Rule, *, load: Callable | None = None, second_factor_message: str | None = None):
    """The view opens only to those `rule` admits (see the module's docstring).

    `load`, when the rule needs the page's object: called with the URL arguments named like its
    parameters (`challenge_get(pk)`), it returns the object or raises Http404; the view then gets
    the object as its first argument after the request, in place of those URL arguments."""
    load_parameters = list(inspect.signature(load).parameters) if load else []

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = None
            if load is not None:
                obj = load(**{name: kwargs.pop(name) for name in load_parameters})
            refusal = gate_refusal(request, rule, obj, second_factor_message=second_factor_message)
            if refusal is not None:
                return refusal
            if load is not None:
                return view(request, obj, *args, **kwargs)
            return view(request, *args, **kwargs)

        wrapper.gate_rule = rule
        return wrapper

    return decorator
