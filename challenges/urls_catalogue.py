from django.urls import path

from challenges.views import catalogue

app_name = "catalogue"

urlpatterns = [
    path("", catalogue.catalogue_list, name="list"),
    path("archives/", catalogue.catalogue_archive, name="archive"),
    path("<int:pk>/", catalogue.catalogue_detail, name="detail"),
]
