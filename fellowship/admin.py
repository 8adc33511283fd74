from fellowship import admin_fellows  # noqa: F401
