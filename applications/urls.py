from django.urls import path

from applications.forms import APPLICATION_FORM
from applications.views import candidate, retention, wishes

app_name = "applications"

urlpatterns = [
    path("", candidate.space, name="space"),
    *APPLICATION_FORM.urls(
        step="formulaire/<int:step>/", edit=candidate.edit, submit="deposer/", submit_view=candidate.submit
    ),
    path("retirer/", candidate.withdraw, name="withdraw"),
    path("<int:pk>/cv/<str:kind>/", candidate.cv, name="cv"),
    path("voeux/", wishes.wishes, name="wishes"),
    path("<int:pk>/conservation/", retention.consent, name="retention_consent"),
    path("conservation/", retention.due, name="retention_due"),
    path("conservation/<int:pk>/conserver/", retention.hold, name="retention_hold"),
    path("conservation/<int:pk>/lever/", retention.release, name="retention_release"),
]
