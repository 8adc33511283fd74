from django.urls import path

from fellowship.views import fellows, mentors

# The fellows' and mentors' spaces, the mentors' invitations and staff's cohort hub (fellowship/views/fellows.py,
# fellowship/views/mentors.py), under /promotion/.
urlpatterns = [
    path("mon-equipe/", fellows.my_team, name="my_team"),
    path("mon-equipe/<int:fellow_pk>/visibilite/", fellows.visibility, name="fellow_visibility"),
    path("mentorat/", mentors.mentoring, name="mentoring"),
    path("mentorat/invitation/<str:token>/", mentors.mentor_invitation, name="mentor_invitation"),
    path("equipe/", fellows.staff_cohorts, name="staff_cohorts"),
    path("equipe/<int:cohort_pk>/", fellows.cohort_hub, name="cohort_hub"),
    path("equipe/<int:cohort_pk>/export-rh.<str:fmt>", fellows.hr_export, name="hr_export"),
    path("equipe/mentors/<int:mentor_pk>/invitation/", fellows.mentor_resend, name="mentor_resend"),
]
