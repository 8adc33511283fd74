"""The deadline reminder engine: declarative rules (registry), the ledger (models), the sweep and
the delivery (services). Apps declare their rules in a `reminders.py` module; see docs/reminders.md."""
