from django.urls import path

from eig.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.journal, name="journal"),
    path("export/<str:fmt>/", views.export, name="export"),
]
