from tests.reminders.conftest import sweep_at  # noqa: F401 (the time-travel sweep, shared with tests/reminders)

