"""The agents' pages, under /administrations/: their dashboard, their administrations, their challenges."""

from django.urls import path

from challenges.views import agent, agent_steps

app_name = "challenges"

urlpatterns = [
    path("", agent.dashboard, name="dashboard"),
    path("mon-administration/", agent.administration, name="administration"),
    path("rattachements/<int:pk>/reponse/", agent.membership_decide, name="membership_decide"),
    path("defis/nouveau/", agent.create, name="create"),
    path("defis/<int:pk>/", agent.detail, name="detail"),
    path("defis/<int:pk>/etapes/<int:step>/", agent_steps.edit, name="edit"),
    path("defis/<int:pk>/deposer/", agent_steps.submit, name="submit"),
    path("defis/<int:pk>/retirer/", agent.withdraw, name="withdraw"),
    path("defis/<int:pk>/inviter/", agent.invite, name="invite"),
    path("invitations/<str:token>/", agent.invitation_accept, name="invitation_accept"),
]
