from django.urls import path

from auditions.views import (
    convocations,
    declarations,
    deliberation,
    juries,
    juror,
    schedule,
    staff,
    unavailability,
    validation,
)

app_name = "auditions"

# Every page of the auditions; each has its line in tests/test_access_control.py.
urlpatterns = [
    path("equipe/", staff.hub, name="staff_hub"),
    path("mes-auditions/", convocations.candidate_auditions, name="candidate_auditions"),
    path("mes-auditions/<int:pk>/audition.ics", convocations.candidate_audition_ics, name="candidate_audition_ics"),
    path("mes-auditions/<int:pk>/reponse/", convocations.candidate_answer, name="candidate_answer"),
    path("equipe/<int:cohort_pk>/convocations/", convocations.convocations_send, name="convocations_send"),
    path("jury/agenda/", convocations.juror_agenda, name="juror_agenda"),
    path("agenda/<str:token>.ics", convocations.juror_feed, name="juror_feed"),
    path("deliberations/", deliberation.deliberation_list, name="deliberations"),
    path("deliberations/<int:pk>/", deliberation.deliberation_detail, name="deliberation"),
    path("deliberations/<int:pk>/clore/", deliberation.deliberation_close_view, name="deliberation_close"),
    path("validation/", validation.validation, name="validation"),
    path("validation/<int:pk>/valider/", validation.validate, name="deliberation_validate"),
    path("validation/<int:pk>/rouvrir/", validation.reopen, name="deliberation_reopen"),
    path("mes-resultats/", validation.my_results, name="my_results"),
    path("exports/notes.<str:fmt>", validation.export_scores, name="export_scores"),
    path("exports/listes.<str:fmt>", validation.export_lists, name="export_lists"),
    path("jury/", juror.my_auditions, name="my_auditions"),
    path("jury/<int:pk>/", juror.audition_page, name="audition"),
    path("jury/<int:pk>/declaration/", juror.declare, name="declare"),
    path("jury/<int:pk>/evaluation/", juror.score, name="score"),
    path("jury/<int:pk>/cv/", juror.cv, name="cv"),
    path("equipe/<int:cohort_pk>/declarations/", declarations.declarations, name="declarations"),
    path("invitations/<str:token>/", juries.invitation_accept, name="invitation_accept"),
    path("jury/<int:audition_pk>/proposer-un-defi/", juries.challenge_propose, name="challenge_propose"),
    path("equipe/<int:cohort_pk>/planning/", schedule.schedule, name="schedule"),
    path("equipe/<int:cohort_pk>/planning/proposer/", schedule.propose, name="schedule_propose"),
    path("equipe/<int:cohort_pk>/planning/<int:audition_pk>/deplacer/", schedule.move, name="schedule_move"),
    path("equipe/<int:cohort_pk>/planning/export/<str:fmt>/", schedule.export, name="schedule_export"),
    path("mes-indisponibilites/", unavailability.unavailability, name="unavailability"),
    path("mes-indisponibilites/<int:pk>/retirer/", unavailability.unavailability_remove, name="unavailability_remove"),
]
