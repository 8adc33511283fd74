from django.urls import path

from auditions.views import schedule, unavailability

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = [
    path("equipe/<int:cohort_pk>/planning/", schedule.schedule, name="schedule"),
    path("equipe/<int:cohort_pk>/planning/proposer/", schedule.propose, name="schedule_propose"),
    path("equipe/<int:cohort_pk>/planning/<int:audition_pk>/deplacer/", schedule.move, name="schedule_move"),
    path("equipe/<int:cohort_pk>/planning/export/<str:fmt>/", schedule.export, name="schedule_export"),
    path("mes-indisponibilites/", unavailability.unavailability, name="unavailability"),
    path("mes-indisponibilites/<int:pk>/retirer/", unavailability.unavailability_remove, name="unavailability_remove"),
]
