"""Personal data stays out of caches and cookies: pages answered to a signed-in user say
`Cache-Control: private, no-store`; flash messages live in the server-side session."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.applications.factories import ApplicationFactory
from tests.cohorts.factories import CohortFactory
from tests.eig.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["home", "applications:space"])
def test_pages_for_a_signed_in_user_are_neither_stored_nor_shared(client, url_name):
    CohortFactory()
    client.force_login(UserFactory(candidate=True))

    response = client.get(reverse(url_name))

    assert (response.status_code, response["Cache-Control"]) == (200, "private, no-store")


def test_public_page_for_an_anonymous_visitor_keeps_no_cache_header(client):
    CohortFactory()

    response = client.get(reverse("home"))

    assert (response.status_code, response.has_header("Cache-Control")) == (200, False)


def test_a_stricter_header_set_by_the_view_is_kept(client):
    """The CV view forbids every cache itself (never_cache): nothing is removed from its header."""
    application = ApplicationFactory(complete=True)
    client.force_login(application.candidate)

    response = client.get(reverse("applications:cv", args=(application.pk, "cv")))

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_redirects_for_a_signed_in_user_are_not_stored_either(client):
    client.force_login(UserFactory(staff=True, second_factor=False))

    response = client.get(reverse("review:queue"))

    assert (response.status_code, response["Cache-Control"]) == (302, "private, no-store")


def test_flash_messages_are_kept_in_the_session_not_in_a_cookie(client):
    client.force_login(UserFactory(staff=True, second_factor=False))

    redirected = client.get(reverse("review:queue"))
    following = client.get(redirected["Location"], follow=True)

    # Only the session cookie (an opaque key) is set: no "messages" cookie carries the text.
    assert list(redirected.cookies) == [settings.SESSION_COOKIE_NAME]
    assert [str(message) for message in following.context["messages"]] == [
        "Activez l'authentification à deux facteurs pour présélectionner les candidatures."
    ]
    assert "messages" not in following.cookies
