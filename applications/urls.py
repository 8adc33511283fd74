from django.urls import path

from applications.forms import APPLICATION_FORM
from applications.views import candidate, wishes

app_name = "applications"

urlpatterns = [
    path("", candidate.space, name="space"),
    *APPLICATION_FORM.urls(
        step="formulaire/<int:step>/", edit=candidate.edit, submit="deposer/", submit_view=candidate.submit
    ),
    path("retirer/", candidate.withdraw, name="withdraw"),
    path("<int:pk>/cv/<str:kind>/", candidate.cv, name="cv"),
    path("voeux/", wishes.wishes, name="wishes"),
]
