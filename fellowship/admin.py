"""The fellowship in the admin: one module per part, imported here."""

from fellowship import admin_offers  # noqa: F401
