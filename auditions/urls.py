from django.urls import path

from auditions.views import declarations, juror

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = [
    path("jury/", juror.my_auditions, name="my_auditions"),
    path("jury/<int:pk>/", juror.audition_page, name="audition"),
    path("jury/<int:pk>/declaration/", juror.declare, name="declare"),
    path("jury/<int:pk>/evaluation/", juror.score, name="score"),
    path("jury/<int:pk>/cv/", juror.cv, name="cv"),
    path("equipe/<int:cohort_pk>/declarations/", declarations.declarations, name="declarations"),
]
