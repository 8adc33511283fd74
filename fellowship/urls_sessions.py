from django.urls import path

from fellowship.views import sessions

# Under /promotion/sessions/ (fellowship/urls.py); each page has its line in tests/test_access_control.py.
urlpatterns = [
    path("mes-sessions/", sessions.my_sessions, name="my_sessions"),
    path("mes-sessions/sessions.ics", sessions.my_sessions_ics, name="my_sessions_ics"),
    path("agenda/<str:token>.ics", sessions.session_feed, name="session_feed"),
    path("equipe/<int:cohort_pk>/", sessions.staff_sessions, name="staff_sessions"),
    path("equipe/seance/<int:pk>/presences/", sessions.session_attendance, name="session_attendance"),
]
