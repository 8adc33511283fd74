from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.forms import CohortForm
from cohorts.models import Cohort


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    form = CohortForm
    list_display = ("number", "name", "current_phase", "projects_call_opens_at", "candidates_call_closes_at")
    search_fields = ("name",)
    ordering = ("-number",)
    fieldsets = (
        (None, {"fields": ("number", "name")}),
        (
            _("Appel à projets et sélection des défis"),
            {"fields": ("projects_call_opens_at", "projects_call_closes_at", "challenges_selected_at")},
        ),
        (
            _("Appel à candidatures et présélection"),
            {"fields": ("candidates_call_opens_at", "candidates_call_closes_at", "preselection_results_at")},
        ),
        (_("Vœux"), {"fields": ("wishes_open_at", "wishes_close_at")}),
        (
            _("Auditions et résultats"),
            {"fields": ("auditions_start_at", "auditions_end_at", "results_at", "acceptance_days")},
        ),
        (_("Programme"), {"fields": ("programme_starts_at", "programme_ends_at")}),
        (
            _("Rémunération"),
            {"fields": ("junior_monthly_salary", "senior_monthly_salary", "seniority_threshold_years")},
        ),
    )

    @admin.display(description=_("phase actuelle"))
    def current_phase(self, obj: Cohort) -> str:
        return obj.phase(timezone.now()).label
