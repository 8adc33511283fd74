"""The team's repositories and the public cohort pages, under /promotion/."""

from django.urls import path

from fellowship.views import public, repositories

urlpatterns = [
    path("depots/", repositories.repositories, name="repositories"),
    path("depots/<int:pk>/retirer/", repositories.repository_remove_view, name="repository_remove"),
    path("archives/", public.public_archive, name="public_archive"),
    path("<int:number>/", public.cohort_public, name="cohort_public"),
]
