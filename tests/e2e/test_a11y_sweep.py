"""Every page of every role, the admin's included, at 375 px and at 1280 px: axe-core finds no WCAG 2.1 A/AA
violation and the page is no wider than the viewport; on our own pages (the admin has its own layout), no
text is clipped or spills out of its box either (tests/e2e/helpers.py, `layout_problems`).

The pages and their roles are listed in tests/a11y_sweep.py (adding a page is one line there). The data
is made once for the module and each role keeps one browser context, so the whole sweep takes a few
minutes; the database is emptied at the end, as after any browser test."""

from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from tests.a11y_sweep import ANONYMOUS, PAGES, SweptPage, sweep_world
from tests.e2e.helpers import AXE, AXE_CONTEXT_ARGS, WIDTHS, axe_violations, layout_problems, session_cookie
from tests.eig.factories import DEFAULT_PASSWORD, TOTP_SECRET, current_totp_code

pytestmark = [pytest.mark.e2e, AXE]

ADMIN_PREFIX = reverse("admin:index")
CASES = [(swept, role, width) for swept in PAGES for role in swept.roles for width in WIDTHS]


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker, tmp_path_factory):
    """The sweep's data, the signed-in sessions of each role, and a live server of its own, for the whole
    module (pytest-django's live server would empty the database after every page). Emptied at the end, as
    after any browser test."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("private"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            world = sweep_world()
            yield world, server.url, {role: session_cookie(user, server.url) for role, user in world.users.items()}
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def role_pages(browser, browser_context_args, sweep):
    """One browser page per role, signed in (the session of a forced login), opened on first use."""
    _, site_url, cookies = sweep
    pages = {}

    def page_for(role: str) -> Page:
        if role not in pages:
            context = browser.new_context(**browser_context_args, **AXE_CONTEXT_ARGS)
            if role != ANONYMOUS:
                context.add_cookies([cookies[role]])
            pages[role] = context.new_page()
        return pages[role]

    yield page_for
    for page in pages.values():
        page.context.close()


def pass_reauthentication(page: Page, swept: SweptPage) -> bool:
    """allauth asks for the password (or the second factor) again before any change to the second factor.
    Answered, it goes on to the page asked for. Whether it was asked."""
    path = urlparse(page.url).path
    if path == reverse("account_reauthenticate") and swept.name != "account_reauthenticate":
        page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    elif path == reverse("mfa_reauthenticate") and swept.name != "mfa_reauthenticate":
        page.locator("input[name=code]").fill(current_totp_code(TOTP_SECRET))
    else:
        return False
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_load_state()
    return True


def case_id(case) -> str:
    swept, role, width = case
    return f"{swept.name}-{role}-{width}"


@pytest.fixture
def at_moment(sweep, swept):
    """The calendar and the candidate's application as the page needs them. Committed before `db` opens the
    test's transaction, so that the live server sees them (`db` only makes pytest-django set up the database
    when this module runs alone: the test writes nothing)."""
    world, _, _ = sweep
    world.move_to(swept.moment)


@pytest.mark.parametrize(("swept", "role", "width"), CASES, ids=[case_id(case) for case in CASES])
def test_page_is_accessible_and_fits(
    browser, browser_context_args, sweep, role_pages, swept, role, width, at_moment, db
):
    world, site_url, _ = sweep
    if swept.opened_by is not None:
        context = browser.new_context(**browser_context_args, **AXE_CONTEXT_ARGS, viewport=WIDTHS[width])
        page = context.new_page()
        swept.opened_by(page, site_url, world)
        status, expected_path = 200, reverse(swept.name)
    else:
        context = None
        page = role_pages(role)
        page.set_viewport_size(WIDTHS[width])
        url = swept.url(world)
        response = page.goto(site_url + url)
        if pass_reauthentication(page, swept):
            response = page.goto(site_url + url)
        status = response.status
        expected_path = swept.lands_on(world) if swept.lands_on else urlparse(url).path
    try:
        assert (status, urlparse(page.url).path) == (200, expected_path)
        assert page.locator("h1").count() == 1

        in_admin = expected_path.startswith(ADMIN_PREFIX)
        count, report = axe_violations(page)
        problems = layout_problems(page, boxes=not in_admin)

        assert (count, problems) == (0, []), report
    finally:
        if context is not None:
            context.close()
