from django.urls import path

from auditions.views import convocations

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = [
    path("mes-auditions/", convocations.candidate_auditions, name="candidate_auditions"),
    path("mes-auditions/<int:pk>/audition.ics", convocations.candidate_audition_ics, name="candidate_audition_ics"),
    path("mes-auditions/<int:pk>/reponse/", convocations.candidate_answer, name="candidate_answer"),
    path("equipe/<int:cohort_pk>/convocations/", convocations.convocations_send, name="convocations_send"),
    path("jury/agenda/", convocations.juror_agenda, name="juror_agenda"),
    path("agenda/<str:token>.ics", convocations.juror_feed, name="juror_feed"),
]
