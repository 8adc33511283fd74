from django.urls import include, path

app_name = "fellowship"

# Every page of the fellowship; each has its line in tests/test_access_control.py. One module per part.
urlpatterns = [
    path("affectation/", include("fellowship.urls_assignment")),
    path("offres/", include("fellowship.urls_offers")),
    path("", include("fellowship.urls_fellows")),
    path("sessions/", include("fellowship.urls_sessions")),
    path("", include("fellowship.urls_public")),
]
