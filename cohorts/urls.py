from django.urls import path

from cohorts import views

urlpatterns = [
    path("", views.home, name="home"),
]
