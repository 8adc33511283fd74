from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.forms import CohortForm
from cohorts.models import Cohort, ScoringCriterion
from cohorts.services import cohort_retention, cohort_retention_changed, scoring_grids_seed
from eig.models import Role, User


class ScoringCriterionInline(admin.TabularInline):
    """The cohort's scoring grids, one criterion per row (a new cohort gets the real grids)."""

    model = ScoringCriterion
    extra = 0
    fields = ("stage", "position", "label", "description", "min_score", "max_score", "weight")
    ordering = ("stage", "position")


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    form = CohortForm
    inlines = [ScoringCriterionInline]
    filter_horizontal = ["challenge_jurors"]
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
            _("Postes par défi"),
            {
                "fields": ("usual_positions_min", "usual_positions_max"),
                "description": _(
                    "Un défi qui demande un autre nombre de postes demande une dérogation, que l'équipe accorde "
                    "ou refuse depuis la liste des défis."
                ),
            },
        ),
        (
            _("Rémunération"),
            {"fields": ("junior_monthly_salary", "senior_monthly_salary", "seniority_threshold_years")},
        ),
        (_("Jury de sélection des défis"), {"fields": ("challenge_jurors",)}),
        (
            _("Durées de conservation des données personnelles"),
            {
                "fields": (
                    "retention_not_retained_months",
                    "retention_consent_months",
                    "retention_drafts_days",
                    "retention_contract_years",
                ),
                "description": _(
                    "Valeurs par défaut : celles du référentiel de la CNIL sur le recrutement (voir la page "
                    "« Données personnelles »)."
                ),
            },
        ),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "challenge_jurors":
            # Only accounts with the juror role (given on the user's page) may sit on the jury.
            kwargs["queryset"] = User.objects.with_role(Role.JUROR)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The periods as they were, read before the save: the audit trail records what changed.
        before = cohort_retention(obj) if change else None
        super().save_model(request, obj, form, change)
        if before is not None:
            cohort_retention_changed(cohort=obj, before=before)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # A new cohort starts with the real programme's grids, for every stage not filled in the form.
            scoring_grids_seed(cohort=form.instance)

    @admin.display(description=_("phase actuelle"))
    def current_phase(self, obj: Cohort) -> str:
        return obj.phase(timezone.now()).label
