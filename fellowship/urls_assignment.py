from django.urls import path

from fellowship.views import assignment

# Staff's assignment pages (under /promotion/affectation/); each has its line in tests/test_access_control.py.
urlpatterns = [
    path("<int:cohort_pk>/", assignment.assignment, name="assignment"),
    path("<int:cohort_pk>/calculer/", assignment.run_create_view, name="assignment_run_create"),
    path("<int:cohort_pk>/comparer/", assignment.runs_compare_view, name="assignment_compare"),
    path("calculs/<int:pk>/", assignment.run_detail, name="assignment_run"),
    path("calculs/<int:pk>/valider/", assignment.run_validate_view, name="assignment_run_validate"),
    path("choix/<int:pk>/retirer/", assignment.choice_remove_view, name="assignment_choice_remove"),
]
