"""The Django admin's own pages, accessible: fields of inline rows named by their column, inline groups that
scroll reachable with the keyboard, and our stylesheet and script (breadcrumb links underlined, names for the
autocomplete and filter widgets Django's scripts build) on every admin page. The browser sweep
(tests/e2e/test_a11y_sweep.py) runs axe on every admin page."""

import pytest
from django.urls import reverse

from tests.challenges.factories import ChallengeFactory
from tests.eig.factories import UserFactory
from tests.html_parsing import Page

pytestmark = pytest.mark.django_db

FIELDS = {"input", "select", "textarea"}


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def test_inline_rows_fields_are_named_by_their_column(staff_client):
    challenge = ChallengeFactory(complete=True)

    response = staff_client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))

    page = Page(response.content.decode())
    [group] = page.find_all("div", id="positions-group")
    assert (group.attrs["tabindex"], group.attrs["role"], group.attrs["aria-labelledby"]) == (
        "0",
        "region",
        "positions-heading",
    )
    columns = {th.attrs["id"]: th.text for th in page.find_all("th", inside=group) if th.attrs.get("id")}
    named = [
        (field.attrs["name"], columns[field.attrs["aria-labelledby"]])
        for field in page.find_all(inside=group)
        if field.tag in FIELDS
        and field.attrs.get("name", "").startswith("positions-0-")
        and field.attrs.get("type") != "hidden"
    ]
    assert named == [
        ("positions-0-profile", "Profil"),
        ("positions-0-mission", "Mission"),
        ("positions-0-DELETE", "Supprimer ?"),
    ]


def test_every_inline_field_of_the_challenge_page_has_a_name(staff_client):
    challenge = ChallengeFactory(complete=True)

    response = staff_client.get(reverse("admin:challenges_challenge_change", args=[challenge.pk]))

    page = Page(response.content.decode())
    groups = page.find_all("div", css_class="inline-group")
    unnamed = [
        field.attrs.get("name")
        for group in groups
        for field in page.find_all(inside=group)
        if field.tag in FIELDS and field.attrs.get("type") != "hidden" and "aria-labelledby" not in field.attrs
    ]
    assert (len(groups), unnamed) == (5, [])


def test_admin_pages_load_our_accessibility_fixes(staff_client):
    response = staff_client.get(reverse("admin:index"))

    page = Page(response.content.decode())
    stylesheets = [link.attrs["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets.count("/static/css/admin.css") == 1
    [script] = [script for script in page.find_all("script") if script.attrs.get("src") == "/static/js/admin.js"]
    assert script.attrs["data-search-label"] == "Rechercher : %(label)s"
