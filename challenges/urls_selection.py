from django.urls import path

from challenges.views import selection

app_name = "selection"

urlpatterns = [
    path("", selection.challenge_list, name="challenge_list"),
    path("defis/<int:pk>/", selection.challenge_evaluation, name="challenge_evaluation"),
]
