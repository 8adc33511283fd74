import pytest

from tests.reminders.conftest import sweep_at  # noqa: F401 (the time-travel sweep, shared with tests/reminders)


@pytest.fixture
def audition_pages(settings):
    """The site's URLs with stand-ins for the auditions pages not built on this branch yet."""
    settings.ROOT_URLCONF = "tests.auditions.urls_standin"
