from django.urls import path  # noqa: F401

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = []
