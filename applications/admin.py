"""The programme staff's admin for applications, their pre-selection reviews and wishes.

The application list filters by cohort, status, profile and seniority, shows the counts per status
of the filtered list, and exports it (CSV streamed, XLSX written row by row). The status is never
edited by hand: decisions are bulk actions declared here and taken through the admin's one decision
flow (eig.admin_decisions) and `applications.services.applications_decide`, which e-mails each candidate."""

import re

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from applications import exports
from applications.models import (
    Application,
    ApplicationTransition,
    PreselectionReview,
    Wish,
)
from applications.selectors import (
    application_status_counts,
    applications_with_review_summary,
    left_to_review,
)
from applications.services import applications_decide
from applications.stages import JUNIOR, SENIOR, stages
from cohorts.scoring import score_display, scores_html
from eig.admin_decisions import Column, Decision, DecisionPage, TransitionLogInline, decision_actions
from eig.admin_decisions import ReadOnlyInline as LogInline
from eig.admin_exports import ListExportAdminMixin
from eig.markdown import render_markdown
from eig.permissions import is_programme_staff

# "C-11-00042" (an application's reference), as reviewers write it.
REFERENCE = re.compile(r"^C-(\d+)-(\d+)$", re.IGNORECASE)


class ProgrammeStaffAccessMixin:
    """Programme staff run pre-selection from the admin by their role (eig.permissions), whatever
    Django's per-model permissions say: they view and change. Adding and deleting keep Django's
    permissions (superusers)."""

    def has_module_permission(self, request) -> bool:
        return is_programme_staff(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_programme_staff(request.user) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_programme_staff(request.user) or super().has_change_permission(request, obj)


class ReadOnlyAdminMixin:
    """A list to look things up in, never written from the admin."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SeniorityListFilter(admin.SimpleListFilter):
    """Junior up to the cohort's seniority threshold (included), senior above, as the salary bands."""

    title = gettext_lazy("ancienneté")
    parameter_name = "seniority"

    def lookups(self, request, model_admin):
        return [
            ("junior", gettext_lazy("Junior (jusqu'au seuil de la promotion)")),
            ("senior", gettext_lazy("Senior (au-delà du seuil)")),
            ("unknown", gettext_lazy("Expérience non renseignée")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "junior":
            return queryset.filter(JUNIOR)
        if self.value() == "senior":
            return queryset.filter(SENIOR)
        if self.value() == "unknown":
            return queryset.filter(years_of_experience__isnull=True)
        return queryset


class NotReviewedByListFilter(admin.SimpleListFilter):
    """The submitted applications one reviewer has not reviewed yet (applications.selectors.left_to_review):
    the rows the staff dashboard's « à relire » count of that reviewer links to."""

    title = gettext_lazy("pas encore relue par")
    parameter_name = "not_reviewed_by"

    def lookups(self, request, model_admin):
        # Only the chosen reviewer (the filter is reached from the dashboard's links): listing every staff
        # account would cost a query on each page of the list and crowd its sidebar.
        if not self.value():
            return []
        reviewer = get_user_model().objects.filter(pk=self.value()).first() if self.value().isdigit() else None
        return [(self.value(), str(reviewer or self.value()))]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        return queryset.filter(left_to_review(int(self.value())))


class StageListFilter(admin.SimpleListFilter):
    """The stage an application has reached (applications.stages): the rows each count of the staff
    dashboard's funnel links to."""

    title = gettext_lazy("étape atteinte")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [(stage.key, stage.label) for stage in stages()]

    def queryset(self, request, queryset):
        for stage in stages():
            if self.value() == stage.key:
                return queryset.filter(stage.condition(timezone.now()))
        return queryset


class ReadOnlyInline(LogInline):
    """A history shown on the application's page, never written from there; programme staff see it."""

    def has_view_permission(self, request, obj=None) -> bool:
        return is_programme_staff(request.user) or super().has_view_permission(request, obj)


class ApplicationTransitionInline(ReadOnlyInline, TransitionLogInline):
    model = ApplicationTransition


class PreselectionReviewInline(ReadOnlyInline):
    model = PreselectionReview
    fields = ("reviewer", "scores_display", "assessment_display", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer").prefetch_related("scores__criterion")

    @admin.display(description=gettext_lazy("notes"))
    def scores_display(self, review: PreselectionReview) -> str:
        return scores_html(review)

    @admin.display(description=gettext_lazy("appréciation"))
    def assessment_display(self, review: PreselectionReview) -> str:
        return render_markdown(review.assessment, heading_level=4)


class WishInline(ReadOnlyInline):
    model = Wish
    fields = ("rank", "challenge", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("challenge")


# --- Decisions (eig.admin_decisions): submitted applications are decided, decided ones may be revised ---

PRESELECTION_PAGE = DecisionPage(
    intro=ngettext_lazy(
        "Cette candidature passera au statut « %(status)s » :",
        "Ces %(count)s candidatures passeront au statut « %(status)s » :",
        "count",
    ),
    left_out=gettext_lazy(
        "Seules les candidatures déposées, ou déjà décidées pour revenir sur la décision, passent au statut "
        "« %(status)s » ; ignorées : %(references)s."
    ),
    names_key="references",
    describe=lambda application: f"{application.reference} ({application.get_status_display()})",
    notice=gettext_lazy("Chaque candidat·e recevra un e-mail annonçant la décision."),
    told=gettext_lazy("Chaque candidat·e en est informé·e par e-mail."),
    note_help=gettext_lazy("Gardée dans l'historique de chaque candidature ; elle n'est pas envoyée au candidat."),
    table_id="applications-to-decide",
    columns=(
        Column(gettext_lazy("Référence"), lambda application: application.reference),
        Column(
            gettext_lazy("Candidat·e"),
            lambda application: application.candidate.get_full_name() or application.candidate.email,
        ),
        Column(gettext_lazy("Promotion"), lambda application: application.cohort),
        Column(gettext_lazy("Profil"), Application.get_profile_display),
        Column(gettext_lazy("Statut actuel"), Application.get_status_display),
        Column(gettext_lazy("Note moyenne"), lambda application: score_display(application.mean_score)),
        Column(gettext_lazy("Évaluations"), lambda application: application.review_count),
    ),
    apply=lambda decision, applications, by, data: applications_decide(
        applications=applications, preselected=decision.transition == "preselect", by=by, note=data["note"].strip()
    ),
)
DECISIONS = (
    Decision(
        "preselect",
        (
            gettext_lazy("Présélectionner"),
            gettext_lazy("Présélectionner ces candidatures ?"),
            gettext_lazy("Oui, présélectionner"),
        ),
        ngettext_lazy("%(count)s candidature présélectionnée.", "%(count)s candidatures présélectionnées.", "count"),
        PRESELECTION_PAGE,
    ),
    Decision(
        "not_preselect",
        (
            gettext_lazy("Ne pas présélectionner"),
            gettext_lazy("Ne pas présélectionner ces candidatures ?"),
            gettext_lazy("Oui, ne pas les présélectionner"),
        ),
        ngettext_lazy(
            "%(count)s candidature non présélectionnée.", "%(count)s candidatures non présélectionnées.", "count"
        ),
        PRESELECTION_PAGE,
    ),
)


@admin.register(Application)
class ApplicationAdmin(ListExportAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    list_exports = {"csv": exports.csv_response, "xlsx": exports.xlsx_response}
    list_display = (
        "reference_display",
        "candidate_name",
        "candidate_email",
        "cohort",
        "profile",
        "years_of_experience",
        "seniority_display",
        "status",
        "submitted_at",
        "review_count_display",
        "mean_score_display",
    )
    list_display_links = ("reference_display", "candidate_name")
    list_filter = ("cohort", "status", StageListFilter, "profile", SeniorityListFilter, NotReviewedByListFilter)
    search_fields = ("candidate__email", "candidate__first_name", "candidate__last_name", "candidate__usual_name")
    search_help_text = gettext_lazy("Nom, adresse e-mail ou référence (C-11-00042) de la candidature.")
    list_select_related = ("cohort", "candidate")
    raw_id_fields = ("candidate",)
    # The CVs are private files without URL: shown through the display methods below, never as form fields.
    exclude = ("cv", "anonymised_cv")
    readonly_fields = (
        "reference_display",
        "status",
        "cv_display",
        "anonymised_cv_display",
        "submitted_at",
        "created_at",
        "updated_at",
        "review_count_display",
        "mean_score_display",
        # Retention changes go through their pages, which write the audit trail (docs/personal-data.md).
        "retention_consent_at",
        "held_at",
        "hold_reason",
        "purged_at",
    )
    fieldsets = (
        (None, {"fields": ("reference_display", "cohort", "candidate", "status")}),
        (
            gettext_lazy("Présélection"),
            {"fields": ("review_count_display", "mean_score_display")},
        ),
        (
            gettext_lazy("La candidature"),
            {
                "fields": (
                    "profile",
                    "secondary_profiles",
                    "skills",
                    "years_of_experience",
                    "career_path",
                    "motivation",
                    "achievements",
                    "links",
                    "relocation",
                    "heard_from",
                    "cv_display",
                    "anonymised_cv_display",
                )
            },
        ),
        (
            gettext_lazy("Attestations"),
            {"fields": ("not_civil_servant", "not_juror_or_expert", "not_current_fellow", "data_consent")},
        ),
        (gettext_lazy("Suivi"), {"fields": ("submitted_at", "created_at", "updated_at")}),
        (
            gettext_lazy("Conservation des données"),
            {
                "fields": ("retention_consent_at", "held_at", "hold_reason", "purged_at"),
                "description": gettext_lazy(
                    "Les conservations (contentieux) se décident depuis la page « Conservation des dossiers » "
                    "(/candidature/conservation/)."
                ),
            },
        ),
    )
    inlines = [PreselectionReviewInline, WishInline, ApplicationTransitionInline]
    actions = [*decision_actions(DECISIONS), "export_csv", "export_xlsx"]
    change_list_template = "applications/review/admin/application_change_list.html"

    def get_queryset(self, request):
        return applications_with_review_summary(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # An application stays with its candidate and cohort.
        return (*self.readonly_fields, "cohort", "candidate")

    def get_actions(self, request):
        # An application leaves the list through its lifecycle (withdrawn), not in bulk deletion.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_search_results(self, request, queryset, search_term):
        match = REFERENCE.match(search_term.strip())
        if match:
            return queryset.filter(cohort__number=int(match[1]), pk=int(match[2])), False
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The counts of the list as filtered and searched (one query).
            response.context_data["status_counts"] = application_status_counts(changelist.queryset)
        return response

    # --- Columns ---------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("référence"), ordering="pk")
    def reference_display(self, application: Application) -> str:
        return application.reference if application.pk else "—"

    @admin.display(description=gettext_lazy("candidat·e"), ordering="candidate__last_name")
    def candidate_name(self, application: Application) -> str:
        return application.candidate.get_full_name() or "—"

    @admin.display(description=gettext_lazy("adresse e-mail"), ordering="candidate__email")
    def candidate_email(self, application: Application) -> str:
        return application.candidate.email

    @admin.display(description=gettext_lazy("ancienneté"))
    def seniority_display(self, application: Application) -> str:
        return exports.seniority_band(application.years_of_experience, application.cohort.seniority_threshold_years)

    @admin.display(description=gettext_lazy("évaluations"), ordering="review_count")
    def review_count_display(self, application: Application) -> int:
        return getattr(application, "review_count", 0)

    @admin.display(description=gettext_lazy("note moyenne"), ordering="mean_score")
    def mean_score_display(self, application: Application) -> str:
        return score_display(getattr(application, "mean_score", None))

    @admin.display(description=gettext_lazy("CV (PDF)"))
    def cv_display(self, application: Application) -> str:
        return self._cv_link(application, "cv")

    @admin.display(description=gettext_lazy("CV anonymisé (PDF)"))
    def anonymised_cv_display(self, application: Application) -> str:
        return self._cv_link(application, "anonymised_cv")

    @staticmethod
    def _cv_link(application: Application, field_name: str) -> str:
        """A link to the permission-checking view that serves the file (private files have no URL)."""
        if not application.pk or not getattr(application, field_name):
            return "—"
        kind = "anonyme" if field_name == "anonymised_cv" else "cv"
        return format_html(
            '<a href="{}">{}</a>', reverse("applications:cv", args=[application.pk, kind]), _("Ouvrir (PDF)")
        )

    # --- Exports: the chosen applications (actions) or the filtered list (buttons) ----------------

    @admin.action(description=gettext_lazy("Exporter les candidatures choisies (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return exports.csv_response(queryset)

    @admin.action(description=gettext_lazy("Exporter les candidatures choisies (Excel)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return exports.xlsx_response(queryset)


@admin.register(PreselectionReview)
class PreselectionReviewAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The reviews, for staff to look up (reviewers write them on the pre-selection pages)."""

    list_display = ("application_reference", "reviewer", "mean_display", "created_at", "updated_at")
    list_filter = ("application__cohort", "application__profile")
    search_fields = ("reviewer__email", "reviewer__first_name", "reviewer__last_name")
    list_select_related = ("application__cohort", "reviewer")
    fields = ("application_reference", "reviewer", "scores_display", "assessment_display", "created_at", "updated_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).with_weighted_mean().prefetch_related("scores__criterion")

    @admin.display(description=gettext_lazy("candidature"), ordering="application")
    def application_reference(self, review: PreselectionReview) -> str:
        return review.application.reference

    @admin.display(description=gettext_lazy("notes"))
    def scores_display(self, review: PreselectionReview) -> str:
        return scores_html(review)

    @admin.display(description=gettext_lazy("appréciation"))
    def assessment_display(self, review: PreselectionReview) -> str:
        return render_markdown(review.assessment, heading_level=3)

    @admin.display(description=gettext_lazy("moyenne pondérée"))
    def mean_display(self, review: PreselectionReview) -> str:
        return score_display(review.weighted_mean)


@admin.register(Wish)
class WishAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The wishes, for staff to look up (candidates rank them from their space)."""

    list_display = ("application_reference", "candidate", "rank", "challenge", "created_at")
    list_filter = ("application__cohort",)
    search_fields = ("application__candidate__email", "challenge__name")
    list_select_related = ("application__cohort", "application__candidate", "challenge")
    fields = ("application", "rank", "challenge", "created_at")
    readonly_fields = fields
    ordering = ("application", "rank")

    @admin.display(description=gettext_lazy("candidature"), ordering="application")
    def application_reference(self, wish: Wish) -> str:
        return wish.application.reference

    @admin.display(description=gettext_lazy("candidat·e"))
    def candidate(self, wish: Wish) -> str:
        return str(wish.application.candidate)
