"""The programme's public figures, under /chiffres/ (open data)."""

from django.urls import path

from figures import views_public

app_name = "public_figures"
urlpatterns = [
    path("", views_public.figures_list, name="list"),
    path("<int:number>/", views_public.figures_detail, name="detail"),
    path("<int:number>.csv", views_public.figures_csv, name="csv"),
    path("<int:number>.json", views_public.figures_json_view, name="json"),
]
