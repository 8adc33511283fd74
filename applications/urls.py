from django.urls import path

from applications.views import candidate, wishes

app_name = "applications"

urlpatterns = [
    path("", candidate.space, name="space"),
    path("formulaire/<int:step>/", candidate.edit, name="edit"),
    path("deposer/", candidate.submit, name="submit"),
    path("retirer/", candidate.withdraw, name="withdraw"),
    path("<int:pk>/cv/<str:kind>/", candidate.cv, name="cv"),
    path("voeux/", wishes.wishes, name="wishes"),
]
