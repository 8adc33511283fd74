"""The programme staff's admin for the assignment: the runs and the pins and forbids, to look up. Both are
written on the staff's assignment pages only (fellowship/views/assignment.py), where the services keep
their rules: a run never changes once made, a validated one is replaced with a reason."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from applications.admin import ProgrammeStaffAccessMixin, ReadOnlyAdminMixin
from eig.admin_decisions import ReadOnlyInline, TransitionLogInline
from fellowship.models import AssignmentChoice, AssignmentRun, AssignmentRunTransition, RunPlacement


class RunPlacementInline(ReadOnlyInline):
    model = RunPlacement
    fields = ("application", "position", "list_rank", "on_waiting_list", "wish_rank", "pinned")
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("application__candidate", "application__cohort", "position__challenge")
        )


class AssignmentRunTransitionInline(TransitionLogInline):
    model = AssignmentRunTransition


@admin.register(AssignmentRun)
class AssignmentRunAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The runs of every cohort, frozen: their page on the staff's side explains them."""

    list_display = ("__str__", "cohort", "status", "solver_status", "objective", "created_by", "created_at")
    list_filter = ("cohort", "status")
    list_select_related = ("cohort", "created_by")
    fields = (
        "cohort",
        "number",
        "status",
        "solver_status",
        "objective",
        "created_by",
        "created_at",
        "validated_at",
        "replaced_at",
        "staff_page",
    )
    readonly_fields = fields
    inlines = [RunPlacementInline, AssignmentRunTransitionInline]

    @admin.display(description=_("page de l'affectation"))
    def staff_page(self, run: AssignmentRun) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("fellowship:assignment_run", args=[run.pk]), _("Ouvrir la page du calcul")
        )


@admin.register(AssignmentChoice)
class AssignmentChoiceAdmin(ReadOnlyAdminMixin, ProgrammeStaffAccessMixin, admin.ModelAdmin):
    """The pins and forbids of every cohort: decided, and lifted, on a run's page."""

    list_display = ("application", "position", "kind", "cohort", "created_by", "created_at")
    list_filter = ("cohort", "kind")
    search_fields = ("application__candidate__email", "application__candidate__last_name", "position__challenge__name")
    list_select_related = (
        "application__candidate",
        "application__cohort",
        "position__challenge",
        "cohort",
        "created_by",
    )
    fields = ("cohort", "application", "position", "kind", "note", "created_by", "created_at", "staff_page")
    readonly_fields = fields

    @admin.display(description=_("page de l'affectation"))
    def staff_page(self, choice: AssignmentChoice) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("fellowship:assignment", args=[choice.cohort_id]),
            _("Ouvrir l'affectation de la promotion"),
        )


# The admin of the other parts of the fellowship, each in its module.
from fellowship import admin_fellows, admin_offers, admin_public, admin_sessions  # noqa: E402, F401
