"""Jury auditions (layer 4). For now only the schedule proposal, in `auditions.scheduling`: pure Python
over plain data, not yet a Django app (it is not in INSTALLED_APPS and has no models)."""
