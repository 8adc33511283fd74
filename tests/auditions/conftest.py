import pytest

from tests.eig.factories import UserFactory
from tests.reminders.conftest import sweep_at  # noqa: F401 (the time-travel sweep, shared with tests/reminders)


@pytest.fixture
def admin_staff(client):
    """A superuser with a second factor, signed in on `client` (the admin's pages)."""
    staff = UserFactory(superuser=True, second_factor=True, email="equipe@example.org")
    client.force_login(staff)
    return staff
