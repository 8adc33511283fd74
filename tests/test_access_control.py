"""Who may open each page of the project. Every URL of our apps must appear here: a new view
without its access rule fails `test_every_project_url_has_an_access_rule`."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cohorts.calendar import TYPICAL_OFFSETS_DAYS
from tests.applications.factories import ApplicationFactory
from tests.challenges.factories import ChallengeFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "public"
# The cohort's challenge jurors (with a second factor) and staff; tested in tests/challenges/test_selection_access.py.
CHALLENGE_JURY = "challenge jury"
# Signed-in candidates, each on their own application (no other role); tested in
# tests/applications/test_candidate_access.py.
CANDIDATE = "candidate"
# The application's own candidate and programme staff; tested in tests/applications/test_candidate_access.py.
CV_READERS = "applicant or staff"
# Signed-in agents (no other role); tested in tests/challenges/test_agent_access.py.
AGENT = "agent"
# The challenge's owners and co-owners (its read-only page also: staff and the cohort's challenge jurors);
# tested in tests/challenges/test_agent_access.py.
CHALLENGE_OWNERS = "challenge owners"
# The invited address only; tested in tests/challenges/test_agent_access.py.
INVITED_ADDRESS = "invited address"
# Programme staff only (with a second factor): the anonymous pre-selection; tested below.
PROGRAMME_STAFF = "programme staff"
# Every signed-in person, whatever their role, on their own account only (no URL names another); tested below.
SIGNED_IN = "signed in"


def reviewable_application_args() -> tuple:
    """A submitted application (with its anonymised CV), in a cohort in pre-selection."""
    return (ApplicationFactory(submitted=True, cohort=CohortFactory(days_since_start=90)).pk,)


def public_challenge_args() -> tuple:
    """A challenge the public may see: selected, in a cohort whose wishes have opened. Any other
    challenge is not found, for every role (tests/challenges/test_catalogue_detail.py)."""
    cohort = CohortFactory(days_since_start=TYPICAL_OFFSETS_DAYS["wishes_open_at"])
    return (ChallengeFactory(selected=True, cohort=cohort).pk,)


# url name, with its namespace -> (reverse args, or a function making them, who may open it)
ACCESS_RULES = {
    "home": ((), PUBLIC),
    "healthz": ((), PUBLIC),
    "switch_language": (("en",), PUBLIC),
    "footer-accessibility-status": ((), PUBLIC),
    "footer-legal-notice": ((), PUBLIC),
    "footer-personal-data": ((), PUBLIC),
    "footer-sitemap": ((), PUBLIC),
    "selection:challenge_list": ((), CHALLENGE_JURY),
    "selection:challenge_evaluation": ((1,), CHALLENGE_JURY),
    "catalogue:list": ((), PUBLIC),
    "catalogue:archive": ((), PUBLIC),
    "catalogue:detail": (public_challenge_args, PUBLIC),
    "challenges:dashboard": ((), AGENT),
    "challenges:administration": ((), AGENT),
    "challenges:create": ((), AGENT),
    "challenges:detail": ((1,), CHALLENGE_OWNERS),
    "challenges:edit": ((1, 1), CHALLENGE_OWNERS),
    "challenges:submit": ((1,), CHALLENGE_OWNERS),
    "challenges:withdraw": ((1,), CHALLENGE_OWNERS),
    "challenges:invite": ((1,), CHALLENGE_OWNERS),
    "challenges:invitation_accept": (("jeton",), INVITED_ADDRESS),
    "applications:space": ((), CANDIDATE),
    "applications:edit": ((1,), CANDIDATE),
    "applications:submit": ((), CANDIDATE),
    "applications:withdraw": ((), CANDIDATE),
    "applications:wishes": ((), CANDIDATE),
    "applications:cv": ((1, "cv"), CV_READERS),
    "review:queue": ((), PROGRAMME_STAFF),
    "review:ranking": ((), PROGRAMME_STAFF),
    "review:application": (reviewable_application_args, PROGRAMME_STAFF),
    "review:anonymised_cv": (reviewable_application_args, PROGRAMME_STAFF),
    "identity": ((), SIGNED_IN),
}

# Mounted third-party URL sets, tested on their own (admin: tests/eig/test_admin_access.py;
# allauth: tests/eig/test_account_pages.py).
THIRD_PARTY_PREFIXES = ("admin/", "comptes/")

ROLES = {
    "anonymous": None,
    "candidate": {"candidate": True},
    "agent": {"agent": True},
    "juror": {"juror": True},
    "staff": {"staff": True},
}


def project_url_names(patterns=None, prefix: str = "", namespace: str = "") -> set[str]:
    """Every project URL name, with its namespace (`challenges:detail`), as `reverse` takes it."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(THIRD_PARTY_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= project_url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith("static/"):
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_project_url_has_an_access_rule():
    assert project_url_names() == set(ACCESS_RULES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", [name for name, (_, rule) in ACCESS_RULES.items() if rule == PUBLIC])
def test_public_urls_open_to_every_role(client, url_name, role):
    if ROLES[role] is not None:
        client.force_login(UserFactory(**ROLES[role]))
    args, _ = ACCESS_RULES[url_name]
    args = args() if callable(args) else args

    response = client.get(reverse(url_name, args=args))

    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", [name for name, (_, rule) in ACCESS_RULES.items() if rule == PROGRAMME_STAFF])
def test_programme_staff_urls_open_to_staff_only(client, url_name, role):
    if ROLES[role] is not None:
        client.force_login(UserFactory(**ROLES[role]))
    args, _ = ACCESS_RULES[url_name]
    url = reverse(url_name, args=args() if callable(args) else args)

    response = client.get(url)

    expected = {"anonymous": 302, "staff": 200}.get(role, 403)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", [name for name, (_, rule) in ACCESS_RULES.items() if rule == SIGNED_IN])
def test_signed_in_urls_open_to_every_role_and_only_once_signed_in(client, url_name, role):
    if ROLES[role] is not None:
        client.force_login(UserFactory(**ROLES[role]))
    args, _ = ACCESS_RULES[url_name]
    url = reverse(url_name, args=args() if callable(args) else args)

    response = client.get(url)

    if role == "anonymous":
        assert (response.status_code, response["Location"]) == (302, f"{reverse('account_login')}?next={url}")
    else:
        assert response.status_code == 200
