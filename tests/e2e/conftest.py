"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without /usr/bin/chromium the tests are skipped with a visible reason, except in CI (CI=true),
where a missing browser fails the run: CI must never pass with its browser tests quietly skipped.

Playwright's sync API keeps an event loop running in the main thread from the first browser test to
the end of the session, and Django refuses ORM calls while a loop runs unless DJANGO_ALLOW_ASYNC_UNSAFE
is set. So the browser tests run last, and the variable is set when the first of them starts: the other
tests (and the subprocesses some of them start, such as `manage.py check --deploy`) never see it.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.helpers import AXE_CONTEXT_ARGS

CHROMIUM = Path("/usr/bin/chromium")
SKIP_REASON = f"Chromium introuvable ({CHROMIUM}) : tests navigateur ignorés"
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_missing_message() -> str:
    return f"Chromium introuvable ({CHROMIUM}) : en CI (CI=true), les tests navigateur doivent s'exécuter."


def is_browser_test(item) -> bool:
    return item.get_closest_marker("e2e") is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests last; outside CI, skipped when Chromium is missing (in CI: `browser_type_launch_args`)."""
    items.sort(key=is_browser_test)
    if CHROMIUM.exists() or IN_CI:
        return
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_runtest_setup(item):
    if is_browser_test(item):
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, with nothing that would reach the network on its own."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(chromium_missing_message(), pytrace=False)
        pytest.skip(SKIP_REASON)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A French-speaking visitor in Paris: the site answers in the browser's language."""
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def site_url(live_server, transactional_db) -> str:
    """The live server's address, with the database usable from its thread."""
    return live_server.url


@pytest.fixture
def new_page(browser: Browser, browser_context_args):
    """`new_page()`: a page in a browser of its own (one person each), closed at the end; `axe=False`
    keeps the Content-Security-Policy enforced."""
    contexts = []

    def open_page(*, axe: bool = True) -> Page:
        contexts.append(browser.new_context(**browser_context_args, **(AXE_CONTEXT_ARGS if axe else {})))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()
