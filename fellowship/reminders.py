"""Reminders of the fellowship, registered in the reminder engine (eig/reminders, docs/reminders.md): each
part declares its rules in a module of its own, imported here (the engine imports every app's
`reminders` module)."""

from fellowship import reminders_sessions  # noqa: F401
