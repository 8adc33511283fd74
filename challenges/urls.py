"""The agents' pages, under /administrations/: their dashboard, their administrations, their challenges."""

from django.urls import path

from challenges.forms import CHALLENGE_FORM
from challenges.views import agent, agent_steps

app_name = "challenges"

urlpatterns = [
    path("", agent.dashboard, name="dashboard"),
    path("mon-administration/", agent.administration, name="administration"),
    path("rattachements/<int:pk>/reponse/", agent.membership_decide, name="membership_decide"),
    path("defis/nouveau/", agent.create, name="create"),
    path("defis/<int:pk>/", agent.detail, name="detail"),
    *CHALLENGE_FORM.urls(
        step="defis/<int:pk>/etapes/<int:step>/",
        edit=agent_steps.edit,
        submit="defis/<int:pk>/deposer/",
        submit_view=agent_steps.submit,
    ),
    path("defis/<int:pk>/retirer/", agent.withdraw, name="withdraw"),
    path("defis/<int:pk>/inviter/", agent.invite, name="invite"),
    path("invitations/<str:token>/", agent.invitation_accept, name="invitation_accept"),
]
