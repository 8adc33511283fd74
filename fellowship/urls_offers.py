from django.urls import path

from fellowship.views import offers

urlpatterns = [
    path("mes-offres/", offers.my_offers, name="my_offers"),
    path("<int:pk>/accepter/", offers.offer_accept_view, name="offer_accept"),
    path("<int:pk>/refuser/", offers.offer_decline_view, name="offer_decline"),
    path("<int:pk>/retirer/", offers.offer_withdraw_view, name="offer_withdraw"),
    path("promotion/<int:cohort_pk>/", offers.cohort_offers, name="cohort_offers"),
    path("listes/<int:challenge_pk>/<str:profile>/pause/", offers.waiting_list_pause_view, name="waiting_list_pause"),
    path(
        "listes/<int:challenge_pk>/<str:profile>/reprise/", offers.waiting_list_resume_view, name="waiting_list_resume"
    ),
]
