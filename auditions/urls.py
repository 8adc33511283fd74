from django.urls import path

from auditions.views import juries

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = [
    path("invitations/<str:token>/", juries.invitation_accept, name="invitation_accept"),
    path("jury/<int:audition_pk>/proposer-un-defi/", juries.challenge_propose, name="challenge_propose"),
]
