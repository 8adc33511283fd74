from fellowship import admin_public  # noqa: F401
