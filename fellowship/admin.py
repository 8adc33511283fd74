from fellowship import admin_sessions  # noqa: F401
