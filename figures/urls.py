from django.urls import path

from figures import views

app_name = "figures"
urlpatterns = [
    path("", views.dashboard_home, name="dashboard_home"),
    path("<int:cohort_pk>/", views.dashboard, name="dashboard"),
    path("<int:cohort_pk>/entonnoir.csv", views.funnel_csv, name="funnel_csv"),
]
