from django.urls import path

from applications.views import review

app_name = "review"

urlpatterns = [
    path("", review.queue, name="queue"),
    path("classement/", review.ranking, name="ranking"),
    path("candidatures/<str:code>/", review.application_review, name="application"),
    path("candidatures/<str:code>/cv-anonymise/", review.anonymised_cv, name="anonymised_cv"),
]
