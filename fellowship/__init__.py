"""Layer 5: the fellowship (assignment runs, offers, fellows and teams).

For now only the assignment model, pure Python over plain data (`fellowship.assignment`): it is not
a Django app yet and is not in INSTALLED_APPS.
"""
